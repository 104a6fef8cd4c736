import { z } from "zod";

/**
 * A standing candidate as frozen when voting opens. `name` is what the ballot, the count (and so the draw by
 * lot, which hashes names), the results, the BLT file and the audit use forever after, whatever the member
 * later calls themselves; it is unique within the election and never confusable with another candidate's.
 */
export const frozenCandidateSchema = z.object({
  memberId: z.string().min(1),
  name: z.string().min(1),
  /** The member's display name when voting opened; `name` adds " (n)" where two candidates' names look alike. */
  displayName: z.string(),
});
export type FrozenCandidate = z.infer<typeof frozenCandidateSchema>;

/** The rules as declared (and frozen) when an election opens; stored as JSON and parsed on every read. */
export const electionRulesSchema = z.object({
  method: z.string(),
  methodRule: z.string(),
  seats: z.number().int().positive(),
  endorsementsNeeded: z.number().int().nonnegative(),
  whoMayNominate: z.string(),
  whoMayStand: z.string(),
  whoMayVote: z.string(),
  nominationsCloseAt: z.string(),
  votingCloseAt: z.string(),
  tieBreak: z.string(),
  /** Who sees ballots, turnout, the roll and results, and when; absent in rules frozen before it was declared. */
  whoSeesWhat: z.string().optional(),
  /** Whether ballots are published in full after the close. */
  ballotsPublished: z.string().optional(),
  /**
   * Standing candidates, fixed when voting opens, in ballot order: the order of the BLT file's candidates and
   * of the engine's candidate indices. A bare member id is how elections that opened voting before names were
   * frozen stored them (read with the names of the moment; see frozenCandidates).
   */
  candidates: z.array(z.union([frozenCandidateSchema, z.string()])).optional(),
});
export type ElectionRules = z.infer<typeof electionRulesSchema>;

/** The member ids of the frozen candidates, in ballot order (none before voting opens). */
export const frozenCandidateIds = (rules: ElectionRules | null): string[] => (rules?.candidates ?? []).map((c) => (typeof c === "string" ? c : c.memberId));

import { z } from "zod";

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
  /** Standing candidates (member ids), fixed when voting opens. */
  candidates: z.array(z.string()).optional(),
});
export type ElectionRules = z.infer<typeof electionRulesSchema>;

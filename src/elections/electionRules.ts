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
  /** Standing candidates (member ids), fixed when voting opens. */
  candidates: z.array(z.string()).optional(),
});
export type ElectionRules = z.infer<typeof electionRulesSchema>;

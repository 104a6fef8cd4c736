import { looksAlike } from "../looksAlike.ts";
import { nameKey } from "../nameKey.ts";
import type { FrozenCandidate } from "./electionRules.ts";

export type CandidateMatch = { kind: "found"; candidate: FrozenCandidate } | { kind: "ambiguous"; among: FrozenCandidate[] } | { kind: "none" };

/**
 * Which frozen candidate a typed name means. Only frozen names count, never anyone's current display name, so
 * a candidate who renames to a rival's name during voting gets none of the rival's votes. In order: the ballot
 * name itself ("ana (2)"); a name that looks like exactly one ballot name (typing "ana" for "аna"); a name that
 * looks like several candidates' own names ("ana" when "ana (1)" and "аna (2)" stand) is ambiguous, never guessed.
 */
export function findCandidate(candidates: readonly FrozenCandidate[], typed: string): CandidateMatch {
  const exact = candidates.find((c) => nameKey(c.name) === nameKey(typed));
  if (exact) return { kind: "found", candidate: exact };
  const alike = candidates.filter((c) => looksAlike(c.name, typed));
  if (alike.length === 1) return { kind: "found", candidate: alike[0]! };
  const sameBase = candidates.filter((c) => looksAlike(c.displayName, typed));
  if (sameBase.length > 1) return { kind: "ambiguous", among: sameBase };
  if (sameBase.length === 1) return { kind: "found", candidate: sameBase[0]! };
  return { kind: "none" };
}

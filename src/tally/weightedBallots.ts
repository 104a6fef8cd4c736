import type { Ballot } from "./electionInput.ts";

/** Candidate indices fit one UTF-16 code unit each in a ranking's key; readers refuse more candidates. */
export const MAX_CANDIDATES = 10_000;

export type WeightedBallots = {
  /**
   * Counts `weight` more papers ranking `prefs[0..length)` (0-based candidates, at most MAX_CANDIDATES).
   * False when the papers with that ranking would weigh more than Number.MAX_SAFE_INTEGER together.
   */
  add(weight: number, prefs: ArrayLike<number>, length?: number): boolean;
  /** One ballot per distinct ranking, in order of first appearance. */
  ballots(): Ballot[];
  /** Papers counted so far (sum of weights). */
  papers(): number;
};

/**
 * Merges identical rankings into one weighted ballot as a reader goes, so memory grows with the number of
 * distinct rankings, not with the number of ballot papers. Every method treats identical papers alike.
 */
export function weightedBallots(): WeightedBallots {
  const index = new Map<string, Ballot>();
  const out: Ballot[] = [];
  let papers = 0;
  const codes: number[] = [];
  return {
    add(weight, prefs, length = prefs.length) {
      codes.length = length;
      for (let i = 0; i < length; i++) codes[i] = prefs[i]!;
      const key = String.fromCharCode.apply(null, codes);
      const seen = index.get(key);
      if (seen) {
        if (seen.weight + weight > Number.MAX_SAFE_INTEGER) return false;
        seen.weight += weight;
      } else {
        const ballot = { weight, prefs: codes.slice(0, length) };
        index.set(key, ballot);
        out.push(ballot);
      }
      papers += weight;
      return true;
    },
    ballots: () => out,
    papers: () => papers,
  };
}

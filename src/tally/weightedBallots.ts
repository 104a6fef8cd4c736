import type { Ballot } from "./electionInput.ts";

/** The most candidates a reader accepts: past this a file could not list their names anyway. */
export const MAX_CANDIDATES = 10_000;

export type WeightedBallots = {
  /**
   * Counts `weight` more papers ranking `prefs[0..length)` (0-based candidates).
   * False when the papers with that ranking would weigh more than Number.MAX_SAFE_INTEGER together.
   */
  add(weight: number, prefs: ArrayLike<number>, length?: number): boolean;
  /** One ballot per distinct ranking, in order of first appearance. */
  ballots(): Ballot[];
};

/**
 * Merges identical rankings into one weighted ballot as a reader goes, so memory grows with the number of
 * distinct rankings, not with the number of ballot papers (every method treats identical papers alike).
 * An open-addressing table of ballot indices, hashed on the ranking itself: a million papers cost a million
 * probes and no allocation beyond one array per distinct ranking.
 */
export function weightedBallots(): WeightedBallots {
  const out: Ballot[] = [];
  const hashes: number[] = [];
  let slots = new Int32Array(1 << 10); // ballot index + 1; 0 is empty
  let mask = slots.length - 1;

  const hashOf = (prefs: ArrayLike<number>, length: number): number => {
    let h = 0x811c9dc5 ^ length;
    for (let i = 0; i < length; i++) h = Math.imul(h ^ prefs[i]!, 0x01000193);
    return (h ^ (h >>> 15)) >>> 0;
  };
  const same = (a: readonly number[], b: ArrayLike<number>, length: number): boolean => {
    if (a.length !== length) return false;
    for (let i = 0; i < length; i++) if (a[i] !== b[i]) return false;
    return true;
  };
  const grow = (): void => {
    slots = new Int32Array(slots.length * 2);
    mask = slots.length - 1;
    for (let b = 0; b < out.length; b++) {
      let s = hashes[b]! & mask;
      while (slots[s] !== 0) s = (s + 1) & mask;
      slots[s] = b + 1;
    }
  };

  return {
    add(weight, prefs, length = prefs.length) {
      const h = hashOf(prefs, length);
      let s = h & mask;
      for (let at = slots[s]!; at !== 0; at = slots[s]!) {
        const seen = out[at - 1]!;
        if (hashes[at - 1] === h && same(seen.prefs, prefs, length)) {
          if (seen.weight + weight > Number.MAX_SAFE_INTEGER) return false;
          seen.weight += weight;
          return true;
        }
        s = (s + 1) & mask;
      }
      const copy = new Array<number>(length);
      for (let i = 0; i < length; i++) copy[i] = prefs[i]!;
      out.push({ weight, prefs: copy });
      hashes.push(h);
      slots[s] = out.length;
      if (out.length * 2 > slots.length) grow();
      return true;
    },
    ballots: () => out,
  };
}

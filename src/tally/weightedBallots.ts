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
  /** The same rankings as they are kept, for counting loops (not copied: valid until the next `add`). */
  packed(): PackedBallots;
};

/** Distinct rankings end to end: ranking b is `prefs[start[b]]` to `prefs[start[b] + length[b] - 1]`, for `weight[b]` papers. */
export type PackedBallots = { count: number; weight: Float64Array; start: Int32Array; length: Int32Array; prefs: Int32Array };

/**
 * Merges identical rankings into one weighted ballot as a reader goes, so memory grows with the number of
 * distinct rankings, not with the number of ballot papers (every method treats identical papers alike).
 * Rankings are kept end to end in one integer pool and found through an open-addressing table that holds
 * each ranking's hash beside its number: a million papers cost a million probes, mostly in one cache line,
 * and no allocation until the ballots are handed over.
 */
export function weightedBallots(): WeightedBallots {
  let pool = new Int32Array(1 << 12);
  let used = 0;
  let starts = new Int32Array(1 << 10);
  let lengths = new Int32Array(1 << 10);
  let weights = new Float64Array(1 << 10);
  let count = 0;
  let slotBallot = new Int32Array(1 << 11); // ballot number + 1; 0 is empty
  let slotHash = new Int32Array(1 << 11);
  let mask = slotBallot.length - 1;
  let handedOver: Ballot[] | undefined;

  const grown = <T extends Int32Array | Float64Array>(a: T, need: number): T => {
    if (need <= a.length) return a;
    const b = new (a.constructor as new (n: number) => T)(Math.max(need, a.length * 2));
    b.set(a);
    return b;
  };
  const rehash = (): void => {
    const size = slotBallot.length * 2;
    const oldBallot = slotBallot;
    const oldHash = slotHash;
    slotBallot = new Int32Array(size);
    slotHash = new Int32Array(size);
    mask = size - 1;
    for (let s = 0; s < oldBallot.length; s++) {
      if (oldBallot[s] === 0) continue;
      let t = oldHash[s]! & mask;
      while (slotBallot[t] !== 0) t = (t + 1) & mask;
      slotBallot[t] = oldBallot[s]!;
      slotHash[t] = oldHash[s]!;
    }
  };

  return {
    add(weight, prefs, length = prefs.length) {
      let h = 0x811c9dc5 ^ length;
      for (let i = 0; i < length; i++) h = Math.imul(h ^ prefs[i]!, 0x01000193);
      h ^= h >>> 15;
      let s = h & mask;
      for (let at = slotBallot[s]!; at !== 0; at = slotBallot[s]!) {
        const b = at - 1;
        if (slotHash[s] === h && lengths[b] === length) {
          const start = starts[b]!;
          let i = 0;
          while (i < length && pool[start + i] === prefs[i]) i++;
          if (i === length) {
            if (weights[b]! + weight > Number.MAX_SAFE_INTEGER) return false;
            weights[b]! += weight;
            if (handedOver) handedOver[b]!.weight = weights[b]!;
            return true;
          }
        }
        s = (s + 1) & mask;
      }
      pool = grown(pool, used + length);
      for (let i = 0; i < length; i++) pool[used + i] = prefs[i]!;
      starts = grown(starts, count + 1);
      lengths = grown(lengths, count + 1);
      weights = grown(weights, count + 1);
      starts[count] = used;
      lengths[count] = length;
      weights[count] = weight;
      used += length;
      count++;
      slotBallot[s] = count;
      slotHash[s] = h;
      if (handedOver) handedOver.push({ weight, prefs: Array.from(pool.subarray(used - length, used)) });
      if (count * 2 > slotBallot.length) rehash();
      return true;
    },
    packed() {
      return { count, weight: weights, start: starts, length: lengths, prefs: pool };
    },
    ballots() {
      if (!handedOver) {
        handedOver = new Array<Ballot>(count);
        for (let b = 0; b < count; b++) {
          const prefs = new Array<number>(lengths[b]!);
          for (let i = 0; i < prefs.length; i++) prefs[i] = pool[starts[b]! + i]!;
          handedOver[b] = { weight: weights[b]!, prefs };
        }
      }
      return handedOver;
    },
  };
}

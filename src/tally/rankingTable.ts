import type { CountedBallots } from "./validBallots.ts";

/**
 * Builds a set of distinct rankings with their weights, packed as CountedBallots, merging identical rankings
 * as they come and allocating nothing per paper: write a ranking with `push` (one candidate at a time), then
 * `end(weight)` keeps it as new or adds its weight to the same ranking seen before.
 * Weights stay safe integers: a ranking whose total would not be starts a second entry (counted alike).
 */
export type RankingTable = {
  push: (c: number) => void;
  /** Ends the ranking being written; one with no candidates is dropped (and its weight not counted). */
  end: (weight: number) => void;
  done: () => CountedBallots;
};

export function rankingTable(): RankingTable {
  let weight = new Float64Array(1024);
  let start = new Int32Array(1025);
  let prefs = new Int32Array(4096);
  let count = 0;
  let length = 0; // of the ranking being written, after the last one kept
  // Open addressing: a slot holds 1 + the ballot whose ranking hashes there, 0 when empty.
  let slots = new Int32Array(2048);
  let validVotes = 0n;
  let pending = 0; // weight not yet added to validVotes, kept a safe integer

  /** The slot holding this ranking, or the empty slot where it would go. */
  const find = (from: number, hash: number): number => {
    const mask = slots.length - 1;
    for (let s = hash & mask; ; s = (s + 1) & mask) {
      const b = slots[s]! - 1;
      if (b < 0) return s;
      if (start[b + 1]! - start[b]! !== length) continue;
      let same = true;
      for (let k = 0; k < length && same; k++) same = prefs[start[b]! + k] === prefs[from + k];
      if (same) return s;
    }
  };
  const rehash = (): void => {
    const mask = slots.length * 2 - 1;
    slots = new Int32Array(slots.length * 2);
    // Latest first, so a ranking split by the weight limit is found at its newest entry.
    for (let b = count - 1; b >= 0; b--) {
      let s = hashOf(prefs, start[b]!, start[b + 1]!) & mask;
      while (slots[s] !== 0) s = (s + 1) & mask;
      slots[s] = b + 1;
    }
  };

  return {
    push: (c) => {
      const at = start[count]! + length;
      if (at >= prefs.length) prefs = grown(prefs, at + 1);
      prefs[at] = c;
      length++;
    },
    end: (w) => {
      if (length === 0) return;
      const from = start[count]!;
      const slot = find(from, hashOf(prefs, from, from + length));
      const at = slots[slot]! - 1;
      if (at >= 0 && weight[at]! + w <= Number.MAX_SAFE_INTEGER) {
        weight[at]! += w;
      } else {
        if (count + 1 >= weight.length) {
          weight = grown(weight, count + 2);
          start = grown(start, count + 3);
        }
        weight[count] = w;
        start[count + 1] = from + length;
        count++;
        slots[slot] = count;
        if (count * 2 > slots.length) rehash();
      }
      length = 0;
      if (pending + w > Number.MAX_SAFE_INTEGER) {
        validVotes += BigInt(pending);
        pending = 0;
      }
      pending += w;
    },
    done: () => ({ count, weight, start, prefs, validVotes: validVotes + BigInt(pending) }),
  };
}

function hashOf(prefs: Int32Array, from: number, to: number): number {
  let h = 0x811c9dc5; // FNV-1a over the candidate numbers
  for (let k = from; k < to; k++) h = Math.imul(h ^ prefs[k]!, 0x01000193);
  return (h ^ (h >>> 15)) >>> 0;
}

function grown<T extends Int32Array | Float64Array>(a: T, atLeast: number): T {
  let size = a.length * 2;
  while (size < atLeast) size *= 2;
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
}

/** The table's rankings as ElectionInput ballots (one per distinct ranking, with its weight), e.g. for a reader. */
export function weightedBallots(counted: CountedBallots): { weight: number; prefs: number[] }[] {
  return Array.from({ length: counted.count }, (_, i) => ({ weight: counted.weight[i]!, prefs: Array.from(counted.prefs.subarray(counted.start[i]!, counted.start[i + 1]!)) }));
}

import type { ElectionInput } from "./electionInput.ts";
import { weightedBallots, type PackedBallots } from "./weightedBallots.ts";

/** The distinct rankings that count, packed for the counting loops, and the total weight of the valid papers. */
export type CountedBallots = PackedBallots & { validVotes: bigint };

/**
 * The ballots that count: withdrawn candidates struck out (as if never on the paper), and papers
 * left with no preference at all set aside as invalid. `validVotes` is their total weight.
 * Identical papers are merged into one weighted ballot: every method treats them alike, and large
 * real elections have many repeats, so the count's work and memory follow the distinct rankings.
 */
export function validBallots(election: ElectionInput): CountedBallots {
  const struck = new Uint8Array(election.candidates.length);
  for (const c of election.withdrawn ?? []) struck[c] = 1;
  let scratch = new Int32Array(16);
  return countedBallots((add) => {
    for (const ballot of election.ballots) {
      if (ballot.prefs.length > scratch.length) scratch = new Int32Array(ballot.prefs.length * 2);
      let length = 0;
      for (const c of ballot.prefs) if (struck[c] === 0) scratch[length++] = c;
      add(ballot.weight, scratch, length);
    }
  });
}

/**
 * Merges the rankings `fill` adds (a ranking with no candidate is dropped) and totals their weight exactly.
 * Identical rankings whose papers together would weigh more than a safe integer are kept apart instead: they
 * count alike either way, and only an absurd election gets there.
 */
export function countedBallots(fill: (add: (weight: number, prefs: ArrayLike<number>, length: number) => void) => void): CountedBallots {
  const table = weightedBallots();
  const apart: { weight: number; prefs: number[] }[] = [];
  let validVotes = 0n;
  let pending = 0; // weight not yet added to validVotes, kept a safe integer
  fill((weight, prefs, length) => {
    if (length === 0) return;
    if (!table.add(weight, prefs, length)) apart.push({ weight, prefs: Array.from({ length }, (_, i) => prefs[i]!) });
    if (pending + weight > Number.MAX_SAFE_INTEGER) {
      validVotes += BigInt(pending);
      pending = 0;
    }
    pending += weight;
  });
  validVotes += BigInt(pending);
  const packed = table.packed();
  if (apart.length === 0) return { ...packed, validVotes };
  const count = packed.count + apart.length;
  const used = packed.count === 0 ? 0 : packed.start[packed.count - 1]! + packed.length[packed.count - 1]!;
  const weight = new Float64Array(count);
  const start = new Int32Array(count);
  const length = new Int32Array(count);
  const prefs = new Int32Array(used + apart.reduce((n, b) => n + b.prefs.length, 0));
  weight.set(packed.weight.subarray(0, packed.count));
  start.set(packed.start.subarray(0, packed.count));
  length.set(packed.length.subarray(0, packed.count));
  prefs.set(packed.prefs.subarray(0, used));
  let at = used;
  apart.forEach((b, i) => {
    weight[packed.count + i] = b.weight;
    start[packed.count + i] = at;
    length[packed.count + i] = b.prefs.length;
    prefs.set(b.prefs, at);
    at += b.prefs.length;
  });
  return { count, weight, start, length, prefs, validVotes };
}

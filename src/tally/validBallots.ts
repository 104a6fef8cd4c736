import type { ElectionInput } from "./electionInput.ts";

/** A distinct ranking and how many papers carry it; `weight` is a safe integer (the input's are, and merging sums are checked). */
export type CountedBallot = { weight: number; prefs: readonly number[] };

/**
 * The ballots that count: withdrawn candidates struck out (as if never on the paper), and papers
 * left with no preference at all set aside as invalid. `validVotes` is their total weight.
 * Identical papers are merged into one weighted ballot: every method treats them alike, and large
 * real elections have many repeats, so the count's work and memory follow the distinct rankings.
 */
export function validBallots(election: ElectionInput): { ballots: CountedBallot[]; validVotes: bigint } {
  const withdrawn = new Set(election.withdrawn ?? []);
  // One UTF-16 unit per preference is a key that cannot collide while candidate numbers fit in 16 bits.
  const short = election.candidates.length <= 0xffff;
  const index = new Map<string, number>();
  const ballots: { weight: number; prefs: readonly number[] }[] = [];
  let validVotes = 0n;
  let pending = 0; // validVotes not yet added, kept a safe integer
  for (const ballot of election.ballots) {
    const prefs = withdrawn.size === 0 ? ballot.prefs : ballot.prefs.filter((c) => !withdrawn.has(c));
    if (prefs.length === 0) continue;
    const weight = ballot.weight;
    const key = short ? String.fromCharCode.apply(null, prefs as number[]) : prefs.join(" ");
    const at = index.get(key);
    if (at === undefined) {
      index.set(key, ballots.length);
      ballots.push({ weight, prefs });
    } else if (ballots[at]!.weight + weight <= Number.MAX_SAFE_INTEGER) {
      ballots[at]!.weight += weight;
    } else {
      // Too many papers for one safe integer: start another ballot with the same ranking (counted alike).
      index.set(key, ballots.length);
      ballots.push({ weight, prefs });
    }
    if (pending + weight > Number.MAX_SAFE_INTEGER) {
      validVotes += BigInt(pending);
      pending = 0;
    }
    pending += weight;
  }
  return { ballots, validVotes: validVotes + BigInt(pending) };
}

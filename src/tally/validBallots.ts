import type { ElectionInput } from "./electionInput.ts";
import { rankingTable } from "./rankingTable.ts";

/**
 * The distinct rankings that count, packed for the counting loops: ballot i ranks `prefs[start[i]]` first, up
 * to (not including) `prefs[start[i + 1]]`, and stands for `weight[i]` identical papers (a safe integer).
 */
export type CountedBallots = {
  count: number;
  weight: Float64Array;
  start: Int32Array;
  prefs: Int32Array;
  /** The total weight of the ballots. */
  validVotes: bigint;
};

/**
 * The ballots that count: withdrawn candidates struck out (as if never on the paper), and papers
 * left with no preference at all set aside as invalid. `validVotes` is their total weight.
 * Identical papers are merged into one weighted ballot: every method treats them alike, and large
 * real elections have many repeats, so the count's work and memory follow the distinct rankings.
 */
export function validBallots(election: ElectionInput): CountedBallots {
  const struck = new Uint8Array(election.candidates.length);
  for (const c of election.withdrawn ?? []) struck[c] = 1;
  const table = rankingTable();
  for (const ballot of election.ballots) {
    for (const c of ballot.prefs) if (struck[c] === 0) table.push(c);
    table.end(ballot.weight);
  }
  return table.done();
}

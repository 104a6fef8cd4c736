import type { CandidateState, CandidateTally } from "./tallyResult.ts";

/** One round's per-candidate lines, in candidate order, formatted at the method's precision. */
export function candidateTallies(
  names: readonly string[],
  votes: readonly bigint[],
  states: readonly CandidateState[],
  format: (v: bigint) => string,
  keepFactors?: readonly bigint[],
): CandidateTally[] {
  return names.map((name, c) => {
    const tally: CandidateTally = { name, votes: format(votes[c] ?? 0n), state: states[c] ?? "hopeful" };
    if (keepFactors) tally.keepFactor = format(keepFactors[c] ?? 0n);
    return tally;
  });
}

/** Candidates in the given set ordered by votes, highest first; candidate order settles equal votes. */
export function byVotesDescending(candidates: readonly number[], votes: readonly bigint[]): number[] {
  return [...candidates].sort((a, b) => {
    const va = votes[a] ?? 0n;
    const vb = votes[b] ?? 0n;
    return va === vb ? a - b : va > vb ? -1 : 1;
  });
}

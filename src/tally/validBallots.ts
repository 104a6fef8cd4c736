import type { ElectionInput } from "./electionInput.ts";

export type CountedBallot = { weight: bigint; prefs: readonly number[] };

/**
 * The ballots that count: withdrawn candidates struck out (as if never on the paper), and papers
 * left with no preference at all set aside as invalid. `validVotes` is their total weight.
 */
export function validBallots(election: ElectionInput): { ballots: CountedBallot[]; validVotes: bigint } {
  const withdrawn = new Set(election.withdrawn ?? []);
  const ballots: CountedBallot[] = [];
  let validVotes = 0n;
  for (const ballot of election.ballots) {
    const prefs = ballot.prefs.filter((c) => !withdrawn.has(c));
    if (prefs.length === 0) continue;
    const weight = BigInt(ballot.weight);
    ballots.push({ weight, prefs });
    validVotes += weight;
  }
  return { ballots, validVotes };
}

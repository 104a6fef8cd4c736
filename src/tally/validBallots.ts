import type { ElectionInput } from "./electionInput.ts";

export type CountedBallot = { weight: bigint; prefs: readonly number[] };

/**
 * The ballots that count: withdrawn candidates struck out (as if never on the paper), and papers
 * left with no preference at all set aside as invalid. `validVotes` is their total weight.
 * Identical papers are merged into one weighted ballot: every method treats them alike, and large
 * real elections have many repeats, which keeps Meek's repeated distributions cheap.
 */
export function validBallots(election: ElectionInput): { ballots: CountedBallot[]; validVotes: bigint } {
  const withdrawn = new Set(election.withdrawn ?? []);
  const byPrefs = new Map<string, { weight: bigint; prefs: readonly number[] }>();
  let validVotes = 0n;
  for (const ballot of election.ballots) {
    const prefs = ballot.prefs.filter((c) => !withdrawn.has(c));
    if (prefs.length === 0) continue;
    const weight = BigInt(ballot.weight);
    const key = prefs.join(" ");
    const seen = byPrefs.get(key);
    if (seen) seen.weight += weight;
    else byPrefs.set(key, { weight, prefs });
    validVotes += weight;
  }
  return { ballots: [...byPrefs.values()], validVotes };
}

import type { ElectionInput } from "./electionInput.ts";
import type { Action, CandidateState, Round, TallyResult, TieBreak } from "./tallyResult.ts";
import { tallyResult } from "./tallyResult.ts";
import { breakTie, type VoteHistoryEntry } from "./breakTie.ts";
import { candidateTallies } from "./candidateTallies.ts";
import { exactSums } from "./exactSums.ts";
import { validBallots } from "./validBallots.ts";

const whole = (v: bigint): string => v.toString();

/**
 * Instant runoff for one seat. Round 1 counts first preferences; each later round excludes the
 * candidate who had the fewest votes and passes their ballots on at full value. A candidate with more
 * than half the votes still in play (exhausted ballots do not count) wins; so does the last one standing.
 */
export function irv(election: ElectionInput): TallyResult {
  if (election.seats !== 1) throw new Error(`irv fills one seat, got ${election.seats}; checkElection rejects this`);
  const names = election.candidates;
  const withdrawn = new Set(election.withdrawn ?? []);
  const { count, weight, start, length, prefs, validVotes } = validBallots(election);

  const state: CandidateState[] = names.map((_, c) => (withdrawn.has(c) ? "withdrawn" : "hopeful"));
  const votes: bigint[] = names.map(() => 0n);
  // Each candidate's pile: the ballots it holds. An exclusion moves only the excluded candidate's pile.
  const piles: number[][] = names.map(() => []);
  const position = start.slice(0, count); // where in `prefs` each ballot has got to
  const sums = exactSums(names.length);
  const rounds: Round[] = [];
  const history: VoteHistoryEntry[] = [];
  let round = 1;
  let actions: Action[] = [];
  let tieBreaks: TieBreak[] = [];

  const continuing = (): number[] => names.flatMap((_, c) => (state[c] === "hopeful" ? [c] : []));

  for (let i = 0; i < count; i++) {
    const first = prefs[start[i]!]!;
    piles[first]!.push(i);
    sums.add(first, weight[i]!);
  }
  names.forEach((_, c) => (votes[c] = sums.total(c)));

  const endRound = (): void => {
    const held = votes.reduce((sum, v) => sum + v, 0n); // excluded candidates' ballots have moved on
    const r: Round = { round, votes: candidateTallies(names, votes, state, whole), nonTransferable: whole(validVotes - held), actions };
    if (tieBreaks.length > 0) r.tieBreaks = tieBreaks;
    rounds.push(r);
    history.push({ round, votes: [...votes] });
  };

  const winner = (): { c: number; reason: "majority" | "remaining-seats" } | "none" | undefined => {
    const hopeful = continuing();
    if (hopeful.length === 0) return "none"; // every candidate withdrew
    if (hopeful.length === 1) return { c: hopeful[0]!, reason: "remaining-seats" };
    const inPlay = hopeful.reduce((sum, c) => sum + votes[c]!, 0n);
    const top = hopeful.find((c) => 2n * votes[c]! > inPlay);
    return top === undefined ? undefined : { c: top, reason: "majority" };
  };

  let result = winner();
  while (result === undefined) {
    endRound();
    round++;
    actions = [];
    tieBreaks = [];
    const hopeful = continuing();
    const lowest = hopeful.reduce((m, c) => (votes[c]! < m ? votes[c]! : m), votes[hopeful[0]!]!);
    const tied = hopeful.filter((c) => votes[c] === lowest);
    let loser = tied[0]!;
    if (tied.length > 1) {
      const broken = breakTie(tied, "exclude", { names, seed: election.tieBreakSeed, round, history, formatVotes: whole });
      tieBreaks.push(broken.record);
      loser = broken.chosen;
    }
    state[loser] = "excluded";
    actions.push({ type: "excluded", candidate: names[loser]!, reason: "lowest-vote" });
    sums.clear();
    for (const i of piles[loser]!) {
      const end = start[i]! + length[i]!;
      let at = position[i]! + 1;
      while (at < end && state[prefs[at]!] !== "hopeful") at++;
      position[i] = at;
      if (at === end) continue; // exhausted
      const next = prefs[at]!;
      piles[next]!.push(i);
      sums.add(next, weight[i]!);
    }
    piles[loser] = [];
    for (const c of continuing()) votes[c]! += sums.total(c);
    votes[loser] = 0n;
    result = winner();
  }

  const elected: string[] = [];
  if (result !== "none") {
    state[result.c] = "elected";
    elected.push(names[result.c]!);
    actions.push({ type: "elected", candidate: names[result.c]!, reason: result.reason });
    for (const c of continuing()) {
      state[c] = "excluded";
      actions.push({ type: "excluded", candidate: names[c]!, reason: "seats-filled" });
    }
  }
  endRound();

  return tallyResult("irv", { ...election, seats: 1 }, names, withdrawn, elected, validVotes, rounds, {
    notes: ["Each round after the first excludes the lowest candidate of the round before; votes are shown after the transfer."],
  });
}

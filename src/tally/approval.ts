import type { ElectionInput } from "./electionInput.ts";
import type { Action, CandidateState, Round, TallyResult, TieBreak } from "./tallyResult.ts";
import { tallyResult } from "./tallyResult.ts";
import { breakTie } from "./breakTie.ts";
import { candidateTallies } from "./candidateTallies.ts";
import { exactSums } from "./exactSums.ts";
import { validBallots } from "./validBallots.ts";

const whole = (v: bigint): string => v.toString();

/**
 * Approval voting for n seats: each ballot's `prefs` is the set of approved candidates, and the n
 * candidates with the most approvals win. A tie is only broken where it straddles the last seat; with
 * a single round there are no earlier rounds to consult, so such ties go straight to the lot.
 */
export function approval(election: ElectionInput): TallyResult {
  const names = election.candidates;
  const withdrawn = new Set(election.withdrawn ?? []);
  const { count, weight, start, length, prefs, validVotes } = validBallots(election);

  const state: CandidateState[] = names.map((_, c) => (withdrawn.has(c) ? "withdrawn" : "hopeful"));
  const sums = exactSums(names.length);
  for (let i = 0; i < count; i++) for (let at = start[i]!; at < start[i]! + length[i]!; at++) sums.add(prefs[at]!, weight[i]!);
  const approvals: bigint[] = names.map((_, c) => sums.total(c));

  const actions: Action[] = [];
  const tieBreaks: TieBreak[] = [];
  const elected: number[] = [];
  const hopeful = (): number[] => names.flatMap((_, c) => (state[c] === "hopeful" ? [c] : []));
  const elect = (c: number): void => {
    state[c] = "elected";
    elected.push(c);
    actions.push({ type: "elected", candidate: names[c]!, reason: "most-approvals" });
  };

  while (elected.length < election.seats && hopeful().length > 0) {
    const left = hopeful();
    const most = left.reduce((m, c) => (approvals[c]! > m ? approvals[c]! : m), 0n);
    const top = left.filter((c) => approvals[c] === most);
    if (top.length <= election.seats - elected.length) {
      top.forEach(elect); // all of them fit, so their order does not matter
    } else {
      const { chosen, record } = breakTie(top, "elect", { names, seed: election.tieBreakSeed, round: 1, history: [], formatVotes: whole });
      tieBreaks.push(record);
      elect(chosen);
    }
  }
  for (const c of hopeful()) {
    state[c] = "excluded";
    actions.push({ type: "excluded", candidate: names[c]!, reason: "seats-filled" });
  }

  const round: Round = { round: 1, votes: candidateTallies(names, approvals, state, whole), actions };
  if (tieBreaks.length > 0) round.tieBreaks = tieBreaks;
  return tallyResult("approval", election, names, withdrawn, elected.map((c) => names[c]!), validVotes, [round], {
    notes: ["Votes are approvals: the total weight of ballots approving each candidate."],
  });
}

import type { ElectionInput } from "./electionInput.ts";
import type { Action, CandidateState, Round, TallyResult, TieBreak } from "./tallyResult.ts";
import { tallyResult } from "./tallyResult.ts";
import { breakTie, type VoteHistoryEntry } from "./breakTie.ts";
import { byVotesDescending, candidateTallies } from "./candidateTallies.ts";
import { fixedPoint } from "./fixedPoint.ts";
import { exactSums } from "./exactSums.ts";
import { validBallots } from "./validBallots.ts";

/** Rule 48(3): "the calculation being made to five decimal places (any remainder being ignored)". */
const fp = fixedPoint(5);

/**
 * Counts by the Scottish Local Government Elections Order 2007, schedule 1, rules 45 to 52.
 * Each round is one stage of the count: a stage transfers one surplus or one excluded candidate's
 * papers, then deems elected everyone who has reached the quota.
 */
export function scottishStv(election: ElectionInput): TallyResult {
  const names = election.candidates;
  const seats = election.seats;
  const withdrawn = new Set(election.withdrawn ?? []);
  const { count, weight, start, length, prefs, validVotes } = validBallots(election);

  const state: CandidateState[] = names.map((_, c) => (withdrawn.has(c) ? "withdrawn" : "hopeful"));
  const votes: bigint[] = names.map(() => 0n);
  // Each ballot is a parcel of identical papers (`weight` of them), with the preference it is at and the value
  // each paper now has (at most 1.00000, so a safe integer in units of 0.00001). Each candidate's pile lists the
  // parcels it holds: a transfer moves only the transferring candidate's pile.
  const at = start.slice(0, count); // where in `prefs` each parcel has got to
  const value = new Float64Array(count).fill(Number(fp.one));
  const piles: number[][] = names.map(() => []);
  const sums = exactSums(names.length);
  const elected: number[] = [];
  // Elected candidates whose surplus has not yet been transferred (rule 48(1): votes exceed the quota).
  const pendingSurplus = new Set<number>();
  const rounds: Round[] = [];
  const history: VoteHistoryEntry[] = [];
  let round = 1;
  let actions: Action[] = [];
  let tieBreaks: TieBreak[] = [];

  const continuing = (): number[] => names.flatMap((_, c) => (state[c] === "hopeful" ? [c] : []));
  const vacancies = (): number => seats - elected.length;
  // 46. The quota: valid papers ÷ (councillors + 1), ignoring any decimal places, increased by one.
  const quota = fp.fromWhole(validVotes / BigInt(seats + 1) + 1n);

  // 45. First stage: each paper counts one vote for its first preference.
  for (let i = 0; i < count; i++) {
    const c = prefs[start[i]!]!;
    piles[c]!.push(i);
    sums.addProduct(c, weight[i]!, value[i]!);
  }
  names.forEach((_, c) => (votes[c] = sums.total(c)));

  // 47(1). A candidate whose votes equal or exceed the quota is deemed elected.
  const electThoseWithQuota = (): void => {
    const reached = byVotesDescending(continuing().filter((c) => votes[c]! >= quota), votes);
    // (seats + 1) quotas exceed the valid votes, so more than `vacancies` can never reach it at once.
    if (reached.length > vacancies()) throw new Error("more candidates reached the quota than there are vacancies");
    for (const c of reached) {
      state[c] = "elected";
      elected.push(c);
      actions.push({ type: "elected", candidate: names[c]!, reason: "quota" });
      if (votes[c]! > quota) pendingSurplus.add(c);
    }
  };

  // Moves each parcel in c's pile on to its next preference for a continuing candidate, at the value `valued`
  // gives it; parcels with none left go to the non-transferable parcel. Adds what moved to each candidate's votes.
  const passOn = (c: number, valued: (v: number) => number): void => {
    sums.clear();
    for (const i of piles[c]!) {
      const end = start[i]! + length[i]!;
      let next = at[i]! + 1;
      while (next < end && state[prefs[next]!] !== "hopeful") next++;
      at[i] = next;
      const v = valued(value[i]!);
      value[i] = v;
      if (next === end) continue;
      const to = prefs[next]!;
      piles[to]!.push(i);
      sums.addProduct(to, weight[i]!, v);
    }
    piles[c] = [];
    for (const h of continuing()) votes[h]! += sums.total(h);
  };

  // 48. Transfer of a surplus: every paper credited to the candidate moves on, each at the transfer
  // value (surplus × value of the paper when received) ÷ (total votes credited), truncated to 5 places.
  const transferSurplus = (c: number): void => {
    const total = votes[c]!;
    const surplus = total - quota;
    // Papers arrive in few distinct values, so each new value is worked out (exactly, in bigints) once.
    const transferValue = new Map<number, number>();
    passOn(c, (v) => {
      let tv = transferValue.get(v);
      if (tv === undefined) {
        tv = Number((surplus * BigInt(v)) / total); // scaled: (S·10⁵ × v·10⁵) ÷ T·10⁵ = S·v/T · 10⁵, floored
        transferValue.set(v, tv);
      }
      return tv;
    });
    votes[c] = quota;
    pendingSurplus.delete(c);
    actions.push({ type: "surplus-transferred", candidate: names[c]!, surplus: fp.format(surplus) });
  };

  // 50. Exclusion: every paper of the excluded candidate moves on at the value it had when received.
  const exclude = (c: number): void => {
    state[c] = "excluded";
    actions.push({ type: "excluded", candidate: names[c]!, reason: "lowest-vote" });
    passOn(c, (v) => v);
    votes[c] = 0n;
  };

  // 49(2)-(3) and 51(2): ties go back through earlier stages, then to the lot (see breakTie).
  const pick = (tied: number[], purpose: "exclude" | "transfer-first"): number => {
    if (tied.length === 1) return tied[0]!;
    const { chosen, record } = breakTie(tied, purpose, { names, seed: election.tieBreakSeed, round, history, formatVotes: fp.format });
    tieBreaks.push(record);
    return chosen;
  };

  const endStage = (): void => {
    // Excluded candidates hold nothing once their papers move on, so every vote still held is counted here.
    const counted = votes.reduce((sum, v) => sum + v, 0n);
    const r: Round = {
      round,
      votes: candidateTallies(names, votes, state, fp.format),
      nonTransferable: fp.format(fp.fromWhole(validVotes) - counted),
      actions,
    };
    if (tieBreaks.length > 0) r.tieBreaks = tieBreaks;
    rounds.push(r);
    history.push({ round, votes: [...votes] });
  };

  electThoseWithQuota();
  // 52(1): stop as soon as the continuing candidates can fill the vacancies by themselves. (52(2), stopping
  // early when the last vacancy is decided, is not applied: the winners are the same, the stage count may differ.)
  while (vacancies() > 0 && continuing().length > vacancies()) {
    endStage();
    round++;
    actions = [];
    tieBreaks = [];
    if (pendingSurplus.size > 0) {
      // 49(1): the largest surplus first.
      const pending = [...pendingSurplus];
      const largest = pending.reduce((m, c) => (votes[c]! > m ? votes[c]! : m), 0n);
      const tied = pending.filter((c) => votes[c] === largest).sort((a, b) => a - b);
      transferSurplus(pick(tied, "transfer-first"));
    } else {
      // 50(1): exclude the continuing candidate with the fewest votes.
      const hopeful = continuing();
      const lowest = hopeful.reduce((m, c) => (votes[c]! < m ? votes[c]! : m), votes[hopeful[0]!]!);
      exclude(pick(hopeful.filter((c) => votes[c] === lowest), "exclude"));
    }
    electThoseWithQuota();
  }

  // 52(1): the continuing candidates fill the remaining vacancies.
  const rest = byVotesDescending(continuing(), votes);
  for (const c of rest) {
    if (vacancies() > 0) {
      state[c] = "elected";
      elected.push(c);
      actions.push({ type: "elected", candidate: names[c]!, reason: "remaining-seats" });
    } else {
      state[c] = "excluded";
      actions.push({ type: "excluded", candidate: names[c]!, reason: "seats-filled" });
    }
  }
  endStage();

  return tallyResult("scottish-stv", { ...election, seats }, names, withdrawn, elected.map((c) => names[c]!), validVotes, rounds, {
    quota: fp.format(quota),
    notes: [
      "Scottish Local Government Elections Order 2007 rules 45-52; values to 5 decimal places, transfer values truncated.",
      "Each round is a stage: votes are shown after that stage's transfer.",
    ],
  });
}

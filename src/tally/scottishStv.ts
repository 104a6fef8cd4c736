import type { ElectionInput } from "./electionInput.ts";
import type { Action, CandidateState, Round, TallyResult, TieBreak } from "./tallyResult.ts";
import { tallyResult } from "./tallyResult.ts";
import { breakTie, type VoteHistoryEntry } from "./breakTie.ts";
import { byVotesDescending, candidateTallies } from "./candidateTallies.ts";
import { fixedPoint } from "./fixedPoint.ts";
import { validBallots } from "./validBallots.ts";

/** Rule 48(3): "the calculation being made to five decimal places (any remainder being ignored)". */
const fp = fixedPoint(5);

/** A parcel of identical ballot papers: `weight` papers, each currently worth `value`. */
type Paper = { weight: bigint; prefs: readonly number[]; at: number; value: bigint };

/**
 * Counts by the Scottish Local Government Elections Order 2007, schedule 1, rules 45 to 52.
 * Each round is one stage of the count: a stage transfers one surplus or one excluded candidate's
 * papers, then deems elected everyone who has reached the quota.
 */
export function scottishStv(election: ElectionInput): TallyResult {
  const names = election.candidates;
  const seats = election.seats;
  const withdrawn = new Set(election.withdrawn ?? []);
  const { ballots, validVotes } = validBallots(election);

  const state: CandidateState[] = names.map((_, c) => (withdrawn.has(c) ? "withdrawn" : "hopeful"));
  const votes: bigint[] = names.map(() => 0n);
  const papers: Paper[] = ballots.map((b) => ({ weight: b.weight, prefs: b.prefs, at: 0, value: fp.one }));
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
  const holder = (p: Paper): number | undefined => p.prefs[p.at];

  // 46. The quota: valid papers ÷ (councillors + 1), ignoring any decimal places, increased by one.
  const quota = fp.fromWhole(validVotes / BigInt(seats + 1) + 1n);

  // 45. First stage: each paper counts one vote for its first preference.
  for (const p of papers) {
    const c = holder(p);
    if (c !== undefined) votes[c]! += p.weight * p.value;
  }

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

  // Moves a paper on to the next available preference for a continuing candidate; false if there is none.
  const passOn = (p: Paper): boolean => {
    p.at++;
    while (p.at < p.prefs.length && state[p.prefs[p.at]!] !== "hopeful") p.at++;
    const next = holder(p);
    if (next === undefined) return false; // the parcel of non-transferable papers
    votes[next]! += p.weight * p.value;
    return true;
  };

  // 48. Transfer of a surplus: every paper credited to the candidate moves on, each at the transfer
  // value (surplus × value of the paper when received) ÷ (total votes credited), truncated to 5 places.
  const transferSurplus = (c: number): void => {
    const total = votes[c]!;
    const surplus = total - quota;
    for (const p of papers) {
      if (holder(p) !== c) continue;
      p.value = (surplus * p.value) / total; // scaled: (S·10⁵ × v·10⁵) ÷ T·10⁵ = S·v/T · 10⁵, floored
      passOn(p);
    }
    votes[c] = quota;
    pendingSurplus.delete(c);
    actions.push({ type: "surplus-transferred", candidate: names[c]!, surplus: fp.format(surplus) });
  };

  // 50. Exclusion: every paper of the excluded candidate moves on at the value it had when received.
  const exclude = (c: number): void => {
    state[c] = "excluded";
    actions.push({ type: "excluded", candidate: names[c]!, reason: "lowest-vote" });
    for (const p of papers) if (holder(p) === c) passOn(p);
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

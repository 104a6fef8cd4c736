import type { ElectionInput } from "./electionInput.ts";
import type { Action, CandidateState, Round, TallyResult, TieBreak } from "./tallyResult.ts";
import { tallyResult } from "./tallyResult.ts";
import { breakTie, type VoteHistoryEntry } from "./breakTie.ts";
import { byVotesDescending, candidateTallies } from "./candidateTallies.ts";
import { fixedPoint } from "./fixedPoint.ts";
import { exactSums } from "./exactSums.ts";
import { countedBallots, validBallots } from "./validBallots.ts";

/** The reference rule fixes 9 decimal places and omega = 0.000001. */
const fp = fixedPoint(9);
const omega = fp.one / 10n ** 6n;
const epsilon = 1n; // 0.000000001, the smallest representable amount

/**
 * Meek STV following the Proportional Representation Foundation's Reference Meek Rule (steps A-C,
 * quoted below). Each round iterates keep factors until a candidate is elected or the surplus is
 * settled, then (if no one was elected) defeats the lowest hopeful. Round votes are those the round's
 * decision was made on; a candidate defeated in a round still shows the votes it had.
 * Ties for defeat use the declared tie-break rule (earlier rounds, then seeded lot) rather than the
 * reference rule's pre-drawn candidate order.
 */
export function meek(election: ElectionInput): TallyResult {
  const names = election.candidates;
  const seats = election.seats;
  const withdrawn = new Set(election.withdrawn ?? []);
  const { count, weight, start, length, prefs, validVotes } = validBallots(election);

  // A. Hopeful candidates keep everything (kf = 1), withdrawn candidates nothing (kf = 0).
  const state: CandidateState[] = names.map((_, c) => (withdrawn.has(c) ? "withdrawn" : "hopeful"));
  const kf: bigint[] = names.map((_, c) => (withdrawn.has(c) ? 0n : fp.one));
  const votes: bigint[] = names.map(() => 0n);
  const elected: number[] = [];
  const rounds: Round[] = [];
  const history: VoteHistoryEntry[] = [];
  let quota = 0n;
  let total = 0n;

  const hopeful = (): number[] => names.flatMap((_, c) => (state[c] === "hopeful" ? [c] : []));
  const seatsLeft = (): number => seats - elected.length;
  const counted = (c: number): boolean => state[c] === "hopeful" || state[c] === "elected";

  // B.2.a. For each ballot, weight w = 1; each ranked candidate in turn takes w × kf (rounded up)
  // and w is reduced by the same amount, until the ballot runs out of candidates or weight.
  // B.2.b. The quota is the votes for all candidates ÷ (seats + 1), truncated, plus 0.000000001.
  // Done in floats (see mulUpNumber and exactSums), with the same results as bigint arithmetic.
  // Within a round only elected candidates' keep factors change: a hopeful keeps all (kf = 1) and an excluded
  // one nothing, so a ballot's votes depend only on its elected candidates up to its first hopeful. Ballots are
  // merged on that part whenever a candidate's state changes, and the iterations run over the merged ones,
  // usually a few hundred whatever the number of papers. Sums of integers: merging changes no figure.
  const sums = exactSums(names.length);
  const one = Number(fp.one);
  let merged = { count, weight, start, length, prefs };
  let mergedFor = "";
  const scratch = new Int32Array(names.length);
  const mergeForRound = (): void => {
    merged = countedBallots((add) => {
      for (let i = 0; i < count; i++) {
        let kept = 0;
        for (let at = start[i]!; at < start[i]! + length[i]!; at++) {
          const c = prefs[at]!;
          if (kf[c] === 0n) continue;
          scratch[kept++] = c;
          if (state[c] === "hopeful") break;
        }
        add(weight[i]!, scratch, kept);
      }
    });
  };
  const distribute = (): void => {
    if (mergedFor !== state.join()) {
      mergeForRound();
      mergedFor = state.join();
    }
    sums.clear();
    const kfN = kf.map(Number);
    const { count, weight, start, length, prefs } = merged;
    for (let i = 0; i < count; i++) {
      let w = one;
      const end = start[i]! + length[i]!;
      for (let at = start[i]!; at < end; at++) {
        const c = prefs[at]!;
        const k = kfN[c]!;
        if (k === 0) continue;
        const keep = k === one ? w : fp.mulUpNumber(w, k);
        sums.addProduct(c, keep, weight[i]!);
        w -= keep;
        if (w <= 0) break;
      }
    }
    names.forEach((_, c) => (votes[c] = sums.total(c)));
    total = names.reduce((sum, _, c) => (counted(c) ? sum + votes[c]! : sum), 0n);
    quota = total / BigInt(seats + 1) + epsilon;
  };

  const record = (round: number, actions: Action[], tieBreaks: TieBreak[], surplus: bigint, iterations: number): void => {
    const r: Round = {
      round,
      votes: candidateTallies(names, votes, state, fp.format, kf),
      nonTransferable: fp.format(fp.fromWhole(validVotes) - total),
      quota: fp.format(quota),
      surplus: fp.format(surplus),
      iterations,
      actions,
    };
    if (tieBreaks.length > 0) r.tieBreaks = tieBreaks;
    rounds.push(r);
  };

  // B.1. Continue while there are more hopefuls than seats left to fill.
  for (let round = 1; seatsLeft() > 0 && hopeful().length > seatsLeft(); round++) {
    const actions: Action[] = [];
    const tieBreaks: TieBreak[] = [];
    let lastSurplus = fp.fromWhole(validVotes);
    let surplus = 0n;
    let iterations = 0;
    let outcome: "elected" | "omega" | "stable";
    for (;;) {
      distribute();
      iterations++;
      // B.2.c. Elect every hopeful whose vote reaches the quota.
      const winners = byVotesDescending(hopeful().filter((c) => votes[c]! >= quota), votes);
      if (winners.length > seatsLeft()) throw new Error("more candidates reached the quota than there are seats");
      for (const c of winners) {
        state[c] = "elected";
        elected.push(c);
        actions.push({ type: "elected", candidate: names[c]!, reason: "quota" });
      }
      // B.2.d. Total surplus: the elected candidates' votes above the quota, not less than 0.
      surplus = elected.reduce((sum, c) => sum + votes[c]! - quota, 0n);
      if (surplus < 0n) surplus = 0n;
      // B.2.e. Stop iterating on an election, a surplus below omega, or a surplus that stopped shrinking.
      if (winners.length > 0) {
        outcome = "elected";
        break;
      }
      if (surplus < omega) {
        outcome = "omega";
        break;
      }
      if (surplus >= lastSurplus) {
        outcome = "stable";
        break;
      }
      lastSurplus = surplus;
      // B.2.f. kf ← kf × quota (rounded up) ÷ vote (rounded up), for each elected candidate.
      for (const c of elected) {
        if (votes[c] === 0n) throw new Error(`elected candidate ${names[c]} has no votes`);
        kf[c] = fp.divUp(fp.mulUp(kf[c]!, quota), votes[c]!);
      }
    }

    if (outcome !== "elected") {
      // B.3. Defeat the lowest hopeful; anyone within the total surplus of the lowest counts as tied.
      const left = hopeful();
      const lowest = left.reduce((m, c) => (votes[c]! < m ? votes[c]! : m), votes[left[0]!]!);
      const tied = left.filter((c) => votes[c]! <= lowest + surplus);
      let loser = tied[0]!;
      if (tied.length > 1) {
        const broken = breakTie(tied, "exclude", { names, seed: election.tieBreakSeed, round, history, formatVotes: fp.format });
        tieBreaks.push(broken.record);
        loser = broken.chosen;
      }
      state[loser] = "excluded";
      kf[loser] = 0n;
      actions.push({ type: "excluded", candidate: names[loser]!, reason: "lowest-vote" });
    }
    record(round, actions, tieBreaks, surplus, iterations);
    history.push({ round, votes: [...votes] });
  }

  if (rounds.length === 0) {
    // Nothing to decide by counting, but the first preferences are still worth publishing.
    distribute();
    record(1, [], [], 0n, 1);
  }
  // C.1. Elect the remaining hopefuls if seats are unfilled; C.2. otherwise defeat them.
  const last = rounds[rounds.length - 1]!;
  for (const c of byVotesDescending(hopeful(), votes)) {
    if (seatsLeft() > 0) {
      state[c] = "elected";
      elected.push(c);
      last.actions.push({ type: "elected", candidate: names[c]!, reason: "remaining-seats" });
    } else {
      state[c] = "excluded";
      kf[c] = 0n;
      last.actions.push({ type: "excluded", candidate: names[c]!, reason: "seats-filled" });
    }
  }
  last.votes = candidateTallies(names, votes, state, fp.format, kf);

  return tallyResult("meek", { ...election, seats }, names, withdrawn, elected.map((c) => names[c]!), validVotes, rounds, {
    quota: fp.format(quota),
    notes: [
      "PR Foundation Reference Meek Rule: 9 decimal places, omega 0.000001.",
      "Each round shows the votes after its last iteration, on which that round's election or defeat was decided.",
    ],
  });
}

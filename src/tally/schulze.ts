import type { ElectionInput } from "./electionInput.ts";
import type { CandidateState, Round, TallyResult } from "./tallyResult.ts";
import { tallyResult } from "./tallyResult.ts";
import { breakTie } from "./breakTie.ts";
import { candidateTallies } from "./candidateTallies.ts";
import { exactSums } from "./exactSums.ts";
import { validBallots } from "./validBallots.ts";

const whole = (v: bigint): string => v.toString();

/**
 * The Schulze method (winning votes), filling n seats by repeated removal: each round finds the Schulze
 * winners among the candidates not yet elected, elects one, and recomputes strongest paths without it.
 * A ballot ranks every listed candidate above every unlisted one; unlisted candidates are equal.
 * Round "votes" are how many of the other candidates still in contention each one beats by strongest
 * path. Schulze rounds carry no vote history, so a tie between winners goes straight to the lot.
 */
export function schulze(election: ElectionInput): TallyResult {
  const names = election.candidates;
  const n = names.length;
  const withdrawn = new Set(election.withdrawn ?? []);
  const { count, weight, start, length, prefs, validVotes } = validBallots(election);

  // d[i][j]: total weight of ballots preferring i to j. A ballot prefers i to j when it ranks i and does not
  // rank j before i, so d[i][j] = (weight ranking i) - (weight ranking j before i): only ranked pairs are
  // summed (exactly, see exactSums). Withdrawn candidates are struck from the ballots and beat no one.
  const ranking = exactSums(n);
  const before = exactSums(n * n); // before.total(j * n + i): weight of ballots ranking j before i
  for (let k = 0; k < count; k++) {
    const end = start[k]! + length[k]!;
    const w = weight[k]!;
    for (let at = start[k]!; at < end; at++) {
      const j = prefs[at]!;
      ranking.add(j, w);
      for (let later = at + 1; later < end; later++) before.add(j * n + prefs[later]!, w);
    }
  }
  const d: bigint[][] = names.map((_, i) =>
    names.map((_, j) => (i === j || withdrawn.has(j) ? 0n : ranking.total(i) - before.total(j * n + i))),
  );
  const pref = (i: number, j: number): bigint => d[i]![j]!;

  const state: CandidateState[] = names.map((_, c) => (withdrawn.has(c) ? "withdrawn" : "hopeful"));
  const elected: number[] = [];
  const rounds: Round[] = [];

  for (let round = 1; elected.length < election.seats; round++) {
    const contenders = names.flatMap((_, c) => (state[c] === "hopeful" ? [c] : []));
    if (contenders.length === 0) break;

    // Strongest paths (Floyd–Warshall); a direct link counts only where i beats j, at i's vote.
    const p: bigint[][] = names.map(() => names.map(() => 0n));
    for (const i of contenders) for (const j of contenders) if (i !== j && pref(i, j) > pref(j, i)) p[i]![j] = pref(i, j);
    for (const k of contenders)
      for (const i of contenders) {
        if (i === k) continue;
        for (const j of contenders) {
          if (j === i || j === k) continue;
          const via = p[i]![k]! < p[k]![j]! ? p[i]![k]! : p[k]![j]!;
          if (via > p[i]![j]!) p[i]![j] = via;
        }
      }
    const beats = (i: number, j: number): boolean => p[i]![j]! > p[j]![i]!;
    const wins = names.map((_, i) => (state[i] === "hopeful" ? BigInt(contenders.filter((j) => j !== i && beats(i, j)).length) : 0n));
    // Schulze proves at least one candidate is beaten by nobody.
    const winners = contenders.filter((i) => contenders.every((j) => j === i || !beats(j, i)));

    const r: Round = { round, votes: [], actions: [] };
    let chosen = winners[0]!;
    if (winners.length > 1) {
      const broken = breakTie(winners, "elect", { names, seed: election.tieBreakSeed, round, history: [], formatVotes: whole });
      r.tieBreaks = [broken.record];
      chosen = broken.chosen;
    }
    state[chosen] = "elected";
    elected.push(chosen);
    r.actions.push({ type: "elected", candidate: names[chosen]!, reason: "schulze-winner" });
    if (elected.length === election.seats) {
      for (const c of contenders) {
        if (state[c] !== "hopeful") continue;
        state[c] = "excluded";
        r.actions.push({ type: "excluded", candidate: names[c]!, reason: "seats-filled" });
      }
    }
    r.votes = candidateTallies(names, wins, state, whole);
    rounds.push(r);
  }

  return tallyResult("schulze", election, names, withdrawn, elected.map((c) => names[c]!), validVotes, rounds, {
    pairwise: d.map((row) => row.map(Number)),
    notes: [
      "Round votes are the number of other contenders each candidate beats by strongest path (winning votes); candidates elected in earlier rounds show 0.",
      "pairwise[i][j] is the weight of ballots ranking candidate i above candidate j.",
    ],
  });
}

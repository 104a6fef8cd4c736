import type { Method } from "./method.ts";

/*
 * The outcome of a count, as plain JSON-serialisable data. Every number that can be fractional is a
 * decimal string at the method's fixed precision (Scottish STV 5 places, Meek 9, others whole numbers),
 * so what is published is exactly what was computed.
 */

export type CandidateState = "hopeful" | "elected" | "excluded" | "withdrawn";

export type CandidateTally = {
  name: string;
  /** Votes at the end of the round (Schulze: opponents beaten by strongest paths; approval: approvals). */
  votes: string;
  state: CandidateState;
  /** Meek only: the share of each vote reaching this candidate that the candidate keeps. */
  keepFactor?: string;
};

export type ElectReason =
  | "quota" // reached the quota (STV)
  | "majority" // more than half the continuing votes (IRV)
  | "remaining-seats" // as many continuing candidates as seats left
  | "most-approvals"
  | "schulze-winner";

export type ExcludeReason =
  | "lowest-vote"
  | "seats-filled"; // every seat is taken; recorded so each candidate ends with a final state

export type Action =
  | { type: "elected"; candidate: string; reason: ElectReason }
  | { type: "excluded"; candidate: string; reason: ExcludeReason }
  | { type: "surplus-transferred"; candidate: string; surplus: string };

export type TiePurpose = "exclude" | "elect" | "transfer-first";

export type LotDraw = {
  seed: string;
  /** False when the election declared no seed and the empty seed was used instead. */
  seedDeclared: boolean;
  /** Ascending by sha256; the first entry is the one the tie was about (excluded, elected, transferred first). */
  order: { candidate: string; input: string; sha256: string }[];
};

export type TieBreak = {
  purpose: TiePurpose;
  tied: string[];
  chosen: string;
  decidedBy: "earlier-round" | "lot";
  /** The round whose votes separated the candidates, when decided by an earlier round. */
  earlierRound?: number;
  lot?: LotDraw;
  reason: string;
};

export type Round = {
  round: number;
  /** Every candidate, in candidate order, as at the end of the round. */
  votes: CandidateTally[];
  /** Valid votes no longer with any continuing or elected candidate (exhausted, or lost to truncation). */
  nonTransferable?: string;
  /** Meek recomputes the quota as votes exhaust, so it is reported per round. */
  quota?: string;
  /** Meek: total surplus when the iteration stopped, and how many iterations it took. */
  surplus?: string;
  iterations?: number;
  /** What happened in the round, in order. */
  actions: Action[];
  tieBreaks?: TieBreak[];
};

export type TallyResult = {
  method: Method;
  title?: string;
  seats: number;
  candidates: string[];
  withdrawn: string[];
  /** In order of election. */
  elected: string[];
  /** Scottish STV: the fixed quota; Meek: the quota in the final round. */
  quota?: string;
  validVotes: string;
  /** The seed used for any draw by lot; "" when the election declared none. */
  tieBreakSeed: string;
  rounds: Round[];
  /** Schulze only: pairwise[i][j] is the weight of ballots ranking candidate i above candidate j. */
  pairwise?: number[][];
  notes: string[];
};

/** The fields every method reports the same way; each method adds its own (quota, pairwise, notes). */
export function tallyResult(
  method: Method,
  election: { title?: string; seats: number; tieBreakSeed?: string },
  names: readonly string[],
  withdrawn: ReadonlySet<number>,
  elected: readonly string[],
  validVotes: { toString(): string },
  rounds: Round[],
  extra: Pick<TallyResult, "notes"> & Partial<Pick<TallyResult, "quota" | "pairwise">>,
): TallyResult {
  return {
    method,
    ...(election.title !== undefined ? { title: election.title } : {}),
    seats: election.seats,
    candidates: [...names],
    withdrawn: names.filter((_, c) => withdrawn.has(c)),
    elected: [...elected],
    validVotes: validVotes.toString(),
    tieBreakSeed: election.tieBreakSeed ?? "",
    rounds,
    ...extra,
  };
}

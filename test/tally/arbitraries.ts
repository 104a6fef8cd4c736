import fc from "fast-check";
import type { ElectionInput } from "../../src/tally/electionInput.ts";

/** Candidate names, including characters BLT has to escape or could mistake for syntax. */
export const candidateName: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("Ada", "Bea", "Cai", "Dov", "Eli", "Fay", "Gus", "Hal"),
  fc.string({ minLength: 1, maxLength: 6 }),
  fc.string({ minLength: 1, maxLength: 6, unit: fc.constantFrom("a", "Z", " ", '"', "\\", "#", "=", "0", "-", "é", "\n", "\t") }),
);

export type ElectionShape = {
  minCandidates?: number;
  maxCandidates?: number;
  maxSeats?: number;
  maxBallots?: number;
  withWithdrawn?: boolean;
};

/** A valid ElectionInput: unique names, in-range and duplicate-free preferences, positive weights. */
export function electionInput(shape: ElectionShape = {}): fc.Arbitrary<ElectionInput> {
  const { minCandidates = 1, maxCandidates = 6, maxSeats = 3, maxBallots = 12, withWithdrawn = true } = shape;
  return fc.integer({ min: minCandidates, max: maxCandidates }).chain((n) => {
    const ids = Array.from({ length: n }, (_, i) => i);
    return fc.record(
      {
        title: fc.option(fc.string({ maxLength: 10 }), { nil: undefined }),
        candidates: fc.uniqueArray(candidateName, { minLength: n, maxLength: n }),
        withdrawn: withWithdrawn
          ? fc.option(fc.subarray(ids, { minLength: 1, maxLength: Math.max(1, n - 1) }), { nil: undefined, freq: 3 })
          : fc.constant(undefined),
        seats: fc.integer({ min: 1, max: maxSeats }),
        ballots: fc.array(
          fc.record({ weight: fc.integer({ min: 1, max: 5 }), prefs: fc.shuffledSubarray(ids) }),
          { maxLength: maxBallots },
        ),
        tieBreakSeed: fc.option(fc.string({ maxLength: 8 }), { nil: undefined }),
      },
      { requiredKeys: ["candidates", "seats", "ballots"] },
    );
  });
}

/** The same election with its ballots in another order. */
export function withShuffledBallots(election: ElectionInput): fc.Arbitrary<ElectionInput> {
  const n = election.ballots.length;
  return fc.shuffledSubarray(election.ballots, { minLength: n, maxLength: n }).map((ballots) => ({ ...election, ballots }));
}

/**
 * An election where `winner` (an index) is the first choice on more than half the valid ballots:
 * a block of ballots for them outweighs everything else put together.
 */
export function electionWithMajority(shape: ElectionShape = {}): fc.Arbitrary<{ election: ElectionInput; winner: number }> {
  return electionInput({ ...shape, withWithdrawn: false }).chain((election) => {
    const ids = election.candidates.map((_, i) => i);
    return fc.record({ winner: fc.constantFrom(...ids), rest: fc.shuffledSubarray(ids) }).map(({ winner, rest }) => {
      const others = election.ballots.reduce((sum, b) => sum + (b.prefs.length > 0 ? b.weight : 0), 0);
      const block = { weight: others + 1, prefs: [winner, ...rest.filter((c) => c !== winner)] };
      return { election: { ...election, ballots: [...election.ballots, block] }, winner };
    });
  });
}

/** Each ballot of weight w as w separate papers of weight 1, in order: what a reader that merges nothing gives. */
export function expandedBallots(election: ElectionInput): ElectionInput {
  return { ...election, ballots: election.ballots.flatMap((b) => Array.from({ length: b.weight }, () => ({ weight: 1, prefs: [...b.prefs] }))) };
}

/** Identical rankings merged into one ballot carrying their total weight, in order of first appearance. */
export function mergedBallots(election: ElectionInput): ElectionInput {
  const byRanking = new Map<string, { weight: number; prefs: number[] }>();
  for (const b of election.ballots) {
    const key = JSON.stringify(b.prefs);
    const seen = byRanking.get(key);
    if (seen) seen.weight += b.weight;
    else byRanking.set(key, { weight: b.weight, prefs: [...b.prefs] });
  }
  return { ...election, ballots: [...byRanking.values()] };
}

/** An election whose ballots repeat a few rankings many times over, as large real elections do. */
export function electionWithRepeats(shape: ElectionShape = {}): fc.Arbitrary<ElectionInput> {
  return electionInput(shape).chain((election) =>
    fc
      .array(fc.nat({ max: Math.max(0, election.ballots.length - 1) }), { maxLength: 20 })
      .map((picks) => ({ ...election, ballots: [...election.ballots, ...(election.ballots.length === 0 ? [] : picks.map((i) => election.ballots[i]!))] })),
  );
}

import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { tally } from "../../src/tally/tally.ts";
import { methods, type Method } from "../../src/tally/method.ts";
import type { ElectionInput } from "../../src/tally/electionInput.ts";
import { electionInput, electionWithMajority, electionWithRepeats, expandedBallots, mergedBallots, withShuffledBallots } from "./arbitraries.ts";

// IRV is single-seat; every other method takes the generated seat count as it is.
const forMethod = (election: ElectionInput, method: Method): ElectionInput => (method === "irv" ? { ...election, seats: 1 } : election);
const runs = { numRuns: 100 };

describe.each(methods)("%s", (method) => {
  it("gives the same result every time it counts the same election", () => {
    fc.assert(
      fc.property(electionInput(), (e) => {
        const election = forMethod(e, method);
        expect(tally(election, method)).toEqual(tally(election, method));
      }),
      runs,
    );
  });

  it("does not depend on the order of the ballots", () => {
    const pair = electionInput().chain((e) => {
      const election = forMethod(e, method);
      return withShuffledBallots(election).map((shuffled) => [election, shuffled] as const);
    });
    fc.assert(
      fc.property(pair, ([election, shuffled]) => {
        const a = tally(election, method);
        const b = tally(shuffled, method);
        expect(b.elected).toEqual(a.elected);
        expect(b.rounds).toEqual(a.rounds);
      }),
      runs,
    );
  });

  it("gives exactly the same result for papers counted one by one and for identical papers merged into weights", () => {
    fc.assert(
      fc.property(electionWithRepeats(), (e) => {
        const election = forMethod(e, method);
        const expanded = tally(expandedBallots(election), method);
        expect(tally(mergedBallots(election), method)).toEqual(expanded);
        expect(tally(election, method)).toEqual(expanded);
      }),
      runs,
    );
  });

  it("fills every seat when there are at least as many candidates as seats", () => {
    fc.assert(
      fc.property(electionInput(), (e) => {
        const election = forMethod(e, method);
        const standing = election.candidates.length - (election.withdrawn?.length ?? 0);
        const result = tally(election, method);
        expect(result.elected).toHaveLength(Math.min(election.seats, standing));
        expect(new Set(result.elected).size).toBe(result.elected.length);
      }),
      runs,
    );
  });

  it("leaves every candidate elected, excluded or withdrawn at the end", () => {
    fc.assert(
      fc.property(electionInput(), (e) => {
        const last = tally(forMethod(e, method), method).rounds.at(-1);
        for (const v of last?.votes ?? []) expect(v.state).not.toBe("hopeful");
      }),
      runs,
    );
  });
});

describe("a candidate with a strict majority of first preferences", () => {
  it.each(["irv", "scottish-stv", "meek", "schulze"] as const)("is elected under %s", (method) => {
    fc.assert(
      fc.property(electionWithMajority(), ({ election, winner }) => {
        const result = tally(forMethod(election, method), method);
        expect(result.elected).toContain(election.candidates[winner]);
      }),
      runs,
    );
  });

  it("wins IRV in the first round", () => {
    fc.assert(
      fc.property(electionWithMajority(), ({ election, winner }) => {
        const result = tally({ ...election, seats: 1 }, "irv");
        expect(result.rounds).toHaveLength(1);
        expect(result.elected).toEqual([election.candidates[winner]]);
      }),
      runs,
    );
  });
});

describe("STV bookkeeping", () => {
  it.each(["scottish-stv", "meek"] as const)("%s never creates votes: the round's votes and non-transferable add up to the valid votes", (method) => {
    fc.assert(
      fc.property(electionInput(), (election) => {
        const result = tally(election, method);
        const scale = method === "meek" ? 9 : 5;
        const units = (s: string): bigint => BigInt(s.replace(".", ""));
        for (const round of result.rounds) {
          // Every candidate's figure as the round shows it (an excluded candidate's before its transfer, where shown).
          const held = round.votes.reduce((sum, v) => sum + units(v.votes), 0n);
          const valid = BigInt(result.validVotes) * 10n ** BigInt(scale);
          const lost = units(round.nonTransferable ?? "0");
          expect(lost).toBeGreaterThanOrEqual(0n);
          // Nothing created and nothing lost: what candidates hold plus what is non-transferable is every valid
          // vote (Scottish STV exactly; Meek to within one unit of its 9th decimal per candidate, its rounding).
          const gap = valid - held - lost;
          if (method === "scottish-stv") expect(gap).toBe(0n);
          else expect(gap < 0n ? -gap : gap).toBeLessThanOrEqual(BigInt(election.candidates.length));
        }
      }),
      runs,
    );
  });
});

describe("weights beyond 2^53 in total", () => {
  // Whole-number methods are linear in the weights: scaling every weight by k scales every figure by k, and
  // with k near 2^50 the sums pass Number.MAX_SAFE_INTEGER, so they must leave float arithmetic exactly.
  const k = 2n ** 50n + 3n;
  it.each(["irv", "approval", "schulze"] as const)("%s scales every figure exactly", (method) => {
    fc.assert(
      fc.property(electionInput({ maxBallots: 20 }), (e) => {
        const election = forMethod(e, method);
        const base = tally(election, method);
        const heavy = tally({ ...election, ballots: election.ballots.map((b) => ({ ...b, weight: b.weight * Number(k) })) }, method);
        expect(heavy.elected).toEqual(base.elected);
        expect(BigInt(heavy.validVotes)).toBe(BigInt(base.validVotes) * k);
        heavy.rounds.forEach((round, r) => {
          const was = base.rounds[r]!;
          // Schulze's round figures count opponents beaten, which do not scale; its pairwise sums do.
          const scale = method === "schulze" ? 1n : k;
          expect(round.votes.map((v) => BigInt(v.votes))).toEqual(was.votes.map((v) => BigInt(v.votes) * scale));
          if (was.nonTransferable !== undefined) expect(BigInt(round.nonTransferable!)).toBe(BigInt(was.nonTransferable) * k);
        });
      }),
      runs,
    );
  });
});

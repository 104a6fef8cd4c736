import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { exactSums } from "../../src/tally/exactSums.ts";
import { fixedPoint } from "../../src/tally/fixedPoint.ts";
import { checkElection } from "../../src/tally/checkElection.ts";
import { electionInputSchema } from "../../src/tally/electionInput.ts";
import { electionInput } from "./arbitraries.ts";
import { tally } from "../../src/tally/tally.ts";

const safe = fc.oneof(fc.nat({ max: 1000 }), fc.maxSafeNat(), fc.integer({ min: Number.MAX_SAFE_INTEGER - 1000, max: Number.MAX_SAFE_INTEGER }));

describe("exactSums", () => {
  it("adds safe integers and products of safe integers exactly, past 2^53", () => {
    const term = fc.record({ c: fc.nat({ max: 2 }), a: safe, b: fc.option(safe, { nil: undefined }) });
    fc.assert(
      fc.property(fc.array(term, { maxLength: 40 }), (terms) => {
        const sums = exactSums(3);
        const expected = [0n, 0n, 0n];
        for (const { c, a, b } of terms) {
          if (b === undefined) sums.add(c, a);
          else sums.addProduct(c, a, b);
          expected[c]! += BigInt(a) * (b === undefined ? 1n : BigInt(b));
        }
        expect([0, 1, 2].map(sums.total)).toEqual(expected);
        sums.clear();
        expect([0, 1, 2].map(sums.total)).toEqual([0n, 0n, 0n]);
      }),
    );
  });
});

describe("fixedPoint mulUpNumber", () => {
  it.each([9, 5, 0, 12])("rounds a × b up exactly as the bigint mulUp does, at %i places", (places) => {
    const fp = fixedPoint(places);
    const one = Number(fp.one);
    const operand = fc.oneof(fc.integer({ min: 0, max: one }), fc.constantFrom(0, 1, one - 1, one), fc.integer({ min: 0, max: Math.min(Number.MAX_SAFE_INTEGER, one * 1000) }));
    fc.assert(
      fc.property(operand, operand, (a, b) => {
        expect(fp.mulUpNumber(a, b)).toBe(Number(fp.mulUp(BigInt(a), BigInt(b))));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("checkElection", () => {
  // Its quick pass over the ballots must never let through what the schema refuses, nor change a message.
  const mutation = fc.oneof(
    fc.constant((p: number[]) => [...p, p[0] ?? 0]),
    fc.constant((p: number[]) => [...p, 99]),
    fc.constant((p: number[]) => [...p, -1]),
    fc.constant((p: number[]) => [...p, 1.5]),
    fc.constant((p: number[]) => [...p, "1"]),
    fc.constant((p: number[]) => [...p, Number.NaN]),
  );
  const weightMutation = fc.constantFrom<unknown>(0, -1, 1.5, "2", Number.MAX_SAFE_INTEGER + 1, Number.POSITIVE_INFINITY, null);
  const damaged = fc.tuple(electionInput({ withWithdrawn: false }), fc.nat(), mutation, fc.option(weightMutation, { nil: undefined })).map(([e, at, mutate, weight]) => {
    if (e.ballots.length === 0) return e as unknown;
    const i = at % e.ballots.length;
    const ballots: unknown[] = e.ballots.map((b, j) => (j === i ? { weight: weight === undefined ? b.weight : weight, prefs: weight === undefined ? mutate(b.prefs) : b.prefs } : b));
    return { ...e, ballots };
  });
  it("agrees with the schema on every input, valid or damaged, message for message", () => {
    fc.assert(
      fc.property(fc.oneof(electionInput(), damaged), (input) => {
        const schema = electionInputSchema.safeParse(input);
        const checked = checkElection(input, "meek");
        expect(checked.ok).toBe(schema.success);
        if (checked.ok && schema.success) expect(checked.value).toEqual(schema.data);
        if (!checked.ok && !schema.success) expect(checked.error).toContain(schema.error.issues[0]!.message);
      }),
      { numRuns: 500 },
    );
  });
});

describe("counting papers that together weigh more than 2^53", () => {
  const max = Number.MAX_SAFE_INTEGER;
  const election = { candidates: ["Ada", "Bea", "Cai"], seats: 1, ballots: [{ weight: max, prefs: [0, 1] }, { weight: max, prefs: [0, 1] }, { weight: max, prefs: [2, 1] }, { weight: 5, prefs: [1] }] };
  it("keeps identical rankings apart rather than round their weight, and counts every paper", () => {
    const result = tally(election, "irv");
    expect(result.validVotes).toBe(String(3n * BigInt(max) + 5n));
    expect(result.rounds[0]!.votes.map((v) => v.votes)).toEqual([String(2n * BigInt(max)), "5", String(max)]);
    expect(result.elected).toEqual(["Ada"]);
  });
  it.each(["scottish-stv", "meek", "schulze", "approval"] as const)("counts them exactly under %s too", (method) => {
    const result = tally({ ...election, seats: 2 }, method);
    expect(result.validVotes).toBe(String(3n * BigInt(max) + 5n));
    expect(result.elected).toContain("Ada");
  });
});

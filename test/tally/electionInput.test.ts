import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { electionInputSchema } from "../../src/tally/electionInput.ts";
import { ballotsLookValid, checkElection } from "../../src/tally/checkElection.ts";

const number = fc.oneof(
  fc.integer({ min: -3, max: 6 }),
  fc.constantFrom(0.5, -0, NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 1, 2 ** 60),
);
const anything = fc.oneof(number, fc.constantFrom("1", null, undefined, true, {}, [] as unknown[]));
const ballotish = fc.oneof(
  fc.record({ weight: number, prefs: fc.array(number, { maxLength: 4 }) }),
  fc.record({ weight: anything, prefs: fc.oneof(fc.array(anything, { maxLength: 3 }), anything) }, { requiredKeys: [] }),
  anything,
);
const candidates = ["A", "B", "C", "D", "E"];

describe("checkElection's ballot loop", () => {
  it("passes only ballots the schema accepts, and so gives the schema's verdict", () => {
    fc.assert(
      fc.property(fc.array(ballotish, { maxLength: 5 }), (ballots) => {
        const input = { candidates, seats: 1, ballots };
        const schema = electionInputSchema.safeParse(input).success;
        if (ballotsLookValid(ballots, candidates.length)) expect(schema).toBe(true);
        expect(checkElection(input, "scottish-stv").ok).toBe(schema);
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    [[{ weight: 1, prefs: [0] }, { weight: "2", prefs: [0] }], "ballots.1.weight: Invalid input: expected number, received string"],
    [[{ weight: 1, prefs: [0, -1] }], "ballots.0.prefs.1: Too small: expected number to be >=0"],
    [[{ weight: 1, prefs: [0, 9] }], "ballots.0.prefs.1: candidate 9 does not exist (there are 5)"],
  ])("names the ballot and field of a malformed ballot %j", (ballots, message) => {
    expect(checkElection({ candidates, seats: 1, ballots }, "irv")).toEqual({ ok: false, error: `invalid election: ${message}` });
  });
});

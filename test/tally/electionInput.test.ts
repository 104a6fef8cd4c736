import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { ballotSchema, electionInputSchema, plainBallot } from "../../src/tally/electionInput.ts";
import { checkElection } from "../../src/tally/checkElection.ts";

const number = fc.oneof(
  fc.integer({ min: -3, max: 20 }),
  fc.constantFrom(0.5, -0, NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 1, 2 ** 60),
);
const anything = fc.oneof(number, fc.constantFrom("1", null, undefined, true, {}, [] as unknown[]));
const ballotish = fc.oneof(
  fc.record({ weight: number, prefs: fc.array(number, { maxLength: 4 }) }),
  fc.record({ weight: anything, prefs: fc.oneof(fc.array(anything, { maxLength: 3 }), anything) }, { requiredKeys: [] }),
  anything,
);

describe("electionInputSchema", () => {
  it("lets the cheap ballot check pass only what the zod ballot schema accepts", () => {
    fc.assert(
      fc.property(ballotish, (ballot) => {
        if (plainBallot(ballot)) expect(ballotSchema.safeParse(ballot).success).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("gives the same verdict as checking each ballot with the zod ballot schema", () => {
    fc.assert(
      fc.property(fc.array(ballotish, { maxLength: 5 }), (ballots) => {
        const everyBallotParses = ballots.every((b) => ballotSchema.safeParse(b).success);
        const everyPrefInRange = ballots.every((b) => !ballotSchema.safeParse(b).success || (b as { prefs: number[] }).prefs.every((c, i, all) => c < 30 && all.indexOf(c) === i));
        const parsed = electionInputSchema.safeParse({ candidates: Array.from({ length: 30 }, (_, i) => `C${i}`), seats: 1, ballots });
        expect(parsed.success).toBe(everyBallotParses && everyPrefInRange);
      }),
      { numRuns: 1000 },
    );
  });

  it.each([
    [[{ weight: 1, prefs: [0] }, { weight: "2", prefs: [0] }], "ballots.1.weight: Invalid input: expected number, received string"],
    [[{ weight: 1, prefs: [0, -1] }], "ballots.0.prefs.1: Too small: expected number to be >=0"],
    [[{ weight: 2 ** 60, prefs: [0] }], "ballots.0.weight"],
    [{ length: 1 }, "ballots: ballots must be a list"],
  ])("names the ballot and field of a malformed ballot %j", (ballots, message) => {
    const checked = checkElection({ candidates: ["A"], seats: 1, ballots }, "irv");
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.error).toContain(`invalid election: ${message}`);
  });
});

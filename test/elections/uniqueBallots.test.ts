import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { uniqueBallots } from "../../src/elections/uniqueBallots.ts";

const ballot = fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 4 }).map((prefs) => ({ prefs: [...new Set(prefs)] }));

describe("uniqueBallots", () => {
  it("counts 1 > 2 and 2 > 1 as different and repeated rankings as not unique", () => {
    expect(uniqueBallots([{ prefs: [0, 1] }, { prefs: [1, 0] }, { prefs: [0, 1] }, { prefs: [] }])).toBe(2);
  });

  it("is the number of ballots left when every ranking cast more than once is removed, whatever the order", () => {
    fc.assert(
      fc.property(fc.array(ballot, { maxLength: 40 }), (ballots) => {
        const key = (b: { prefs: number[] }) => b.prefs.join(">");
        const lonely = ballots.filter((b) => ballots.filter((o) => key(o) === key(b)).length === 1);
        expect(uniqueBallots(ballots)).toBe(lonely.length);
        expect(uniqueBallots([...ballots].reverse())).toBe(lonely.length);
        // Adding a copy of a ballot never makes more ballots unique.
        if (ballots.length) expect(uniqueBallots([...ballots, ballots[0]!])).toBeLessThanOrEqual(lonely.length);
      }),
    );
  });
});

import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { weightedBallots } from "../../src/tally/weightedBallots.ts";

describe("weightedBallots", () => {
  it("gives one ballot per distinct ranking, weights summed, in order of first appearance, through table growth", () => {
    const paper = fc.record({ weight: fc.integer({ min: 1, max: 3 }), prefs: fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 4 }) });
    fc.assert(
      fc.property(fc.array(paper, { maxLength: 3000 }), (papers) => {
        const merged = new Map<string, { weight: number; prefs: number[] }>();
        for (const p of papers) {
          const key = JSON.stringify(p.prefs);
          const seen = merged.get(key);
          if (seen) seen.weight += p.weight;
          else merged.set(key, { weight: p.weight, prefs: [...p.prefs] });
        }
        const table = weightedBallots();
        for (const p of papers) expect(table.add(p.weight, p.prefs)).toBe(true);
        expect(table.ballots()).toEqual([...merged.values()]);
      }),
      { numRuns: 50 },
    );
  });

  it("reads only the first `length` preferences of a reused buffer", () => {
    const table = weightedBallots();
    const buffer = new Int32Array([2, 0, 1, 9]);
    table.add(1, buffer, 2);
    table.add(4, [2, 0]);
    expect(table.ballots()).toEqual([{ weight: 5, prefs: [2, 0] }]);
  });

  it("refuses a weight that would pass the exact integers, and keeps the old total", () => {
    const table = weightedBallots();
    table.add(Number.MAX_SAFE_INTEGER - 1, [0]);
    expect(table.add(2, [0])).toBe(false);
    expect(table.add(1, [0])).toBe(true);
    expect(table.ballots()).toEqual([{ weight: Number.MAX_SAFE_INTEGER, prefs: [0] }]);
  });
});

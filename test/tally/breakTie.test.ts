import { describe, it, expect } from "vitest";
import { createHash } from "node:crypto";
import { breakTie, type TieContext } from "../../src/tally/breakTie.ts";

const names = ["Ada", "Bea", "Cai", "Dov"];
const context = (history: TieContext["history"], seed: string | undefined = "seed", round = 5): TieContext => ({
  names,
  seed,
  round,
  history,
  formatVotes: (v) => v.toString(),
});

describe("the tie-break rule", () => {
  it("excludes whoever had fewer votes at the most recent earlier round where the tied candidates differed", () => {
    const history = [
      { round: 1, votes: [5n, 1n, 9n, 0n] }, // Bea behind Ada here, but round 2 is more recent
      { round: 2, votes: [2n, 3n, 0n, 0n] },
      { round: 3, votes: [4n, 4n, 0n, 0n] },
    ];
    const { chosen, record } = breakTie([0, 1], "exclude", context(history));
    expect(names[chosen]).toBe("Ada");
    expect(record).toMatchObject({ decidedBy: "earlier-round", earlierRound: 2, chosen: "Ada" });
  });

  it("favours whoever had more votes when choosing whose surplus goes first or who is elected", () => {
    const history = [{ round: 1, votes: [2n, 3n, 0n, 0n] }];
    expect(breakTie([0, 1], "transfer-first", context(history)).chosen).toBe(1);
    expect(breakTie([0, 1], "elect", context(history)).chosen).toBe(1);
  });

  it("narrows a three-way tie step by step, going further back only among those still tied", () => {
    // Round 2 rules out Cai (most votes); Ada and Bea were level there, and round 1 separates them.
    const history = [
      { round: 1, votes: [1n, 2n, 0n, 0n] },
      { round: 2, votes: [3n, 3n, 4n, 0n] },
    ];
    const { chosen, record } = breakTie([0, 1, 2], "exclude", context(history));
    expect(names[chosen]).toBe("Ada");
    expect(record.earlierRound).toBe(1);
  });

  it("draws lots by SHA-256 of seed, round, sorted tied names and candidate, lowest hash first", () => {
    const { chosen, record } = breakTie([3, 1], "exclude", context([], "agm", 7));
    const hash = (name: string): string => createHash("sha256").update(`agm:7:Bea,Dov:${name}`).digest("hex");
    const expected = ["Bea", "Dov"].sort((a, b) => (hash(a) < hash(b) ? -1 : 1));
    expect(record.lot?.order.map((o) => o.candidate)).toEqual(expected);
    expect(record.lot?.order.map((o) => o.sha256)).toEqual(expected.map(hash));
    expect(names[chosen]).toBe(expected[0]);
    expect(record.tied).toEqual(["Dov", "Bea"]);
  });

  it("draws afresh in each round, but identically for the same seed and round", () => {
    const draws = new Set<string>();
    for (let round = 1; round <= 12; round++) {
      const a = breakTie([0, 1, 2, 3], "exclude", context([], "s", round));
      const b = breakTie([3, 2, 1, 0], "exclude", context([], "s", round));
      expect(b.chosen).toBe(a.chosen);
      draws.add(a.record.lot!.order.map((o) => o.candidate).join(","));
    }
    expect(draws.size).toBeGreaterThan(1);
  });

  it("uses the empty seed when none was declared and records that it did", () => {
    const { record } = breakTie([0, 1], "exclude", { ...context([], "unused", 1), seed: undefined });
    expect(record.lot).toMatchObject({ seed: "", seedDeclared: false });
    expect(record.lot?.order[0]?.input).toBe(":1:Ada,Bea:" + record.lot?.order[0]?.candidate);
  });

  it("refuses a 'tie' of one candidate, which would be a bug in the caller", () => {
    expect(() => breakTie([0], "exclude", context([]))).toThrow();
  });
});

import { describe, it, expect } from "vitest";
import { tally } from "../../src/tally/tally.ts";
import type { ElectionInput } from "../../src/tally/electionInput.ts";

/** Expands "5 ACBED"-style groups into weighted ballots over single-letter candidates. */
function ballots(candidates: string[], groups: [number, string][]): ElectionInput["ballots"] {
  return groups.map(([weight, order]) => ({ weight, prefs: [...order].map((letter) => candidates.indexOf(letter)) }));
}

describe("Schulze", () => {
  /*
   * A Condorcet cycle: 4 × A>B>C, 3 × B>C>A, 2 × C>A>B.
   * Pairwise: A–B 6:3, B–C 7:2, C–A 5:4, so A beats B, B beats C and C beats A.
   * Strongest paths (winning votes): A→B 6, A→C min(6,7) = 6; B→C 7, B→A min(7,5) = 5;
   * C→A 5, C→B min(5,6) = 5. A beats B (6 > 5) and C (6 > 5); B beats C (7 > 5).
   * Round 1 elects A. Without A, B beats C 7:2 directly, so round 2 elects B.
   */
  const cycle: ElectionInput = {
    candidates: ["A", "B", "C"],
    seats: 2,
    ballots: ballots(["A", "B", "C"], [
      [4, "ABC"],
      [3, "BCA"],
      [2, "CAB"],
    ]),
  };

  it("resolves a Condorcet cycle by strongest paths", () => {
    const result = tally({ ...cycle, seats: 1 }, "schulze");
    expect(result.pairwise).toEqual([
      [0, 6, 4],
      [3, 0, 7],
      [5, 2, 0],
    ]);
    expect(result.elected).toEqual(["A"]);
    // Round votes: how many other contenders each beats by strongest path.
    expect(result.rounds[0]?.votes.map((v) => v.votes)).toEqual(["2", "1", "0"]);
  });

  it("fills further seats by removing each winner and recomputing the paths", () => {
    const result = tally(cycle, "schulze");
    expect(result.rounds.map((r) => r.actions[0])).toEqual([
      { type: "elected", candidate: "A", reason: "schulze-winner" },
      { type: "elected", candidate: "B", reason: "schulze-winner" },
    ]);
    expect(result.elected).toEqual(["A", "B"]);
  });

  /*
   * The worked example from Schulze's paper (45 voters, five candidates); its known result is
   * d[A][B] = 20, d[B][A] = 25, … and the winner E, beating every other by strongest path.
   */
  it("matches the published 45-voter example, whose winner is E", () => {
    const names = ["A", "B", "C", "D", "E"];
    const result = tally(
      {
        candidates: names,
        seats: 1,
        ballots: ballots(names, [
          [5, "ACBED"],
          [5, "ADECB"],
          [8, "BEDAC"],
          [3, "CABED"],
          [7, "CAEBD"],
          [2, "CBADE"],
          [7, "DCEBA"],
          [8, "EBADC"],
        ]),
      },
      "schulze",
    );
    expect(result.pairwise?.[0]).toEqual([0, 20, 26, 30, 22]);
    expect(result.pairwise?.[4]).toEqual([23, 27, 21, 31, 0]);
    expect(result.elected).toEqual(["E"]);
    expect(result.rounds[0]?.votes.find((v) => v.name === "E")?.votes).toBe("4");
  });

  it("treats unranked candidates as tied below every ranked one", () => {
    // 2 × "A" alone, 1 × B>C: A beats B and C 2:1; B beats C 1:0.
    const result = tally({ candidates: ["A", "B", "C"], seats: 3, ballots: ballots(["A", "B", "C"], [[2, "A"], [1, "BC"]]) }, "schulze");
    expect(result.pairwise).toEqual([
      [0, 2, 2],
      [1, 0, 1],
      [1, 0, 0],
    ]);
    expect(result.elected).toEqual(["A", "B", "C"]);
  });

  it("draws lots between joint winners, since Schulze rounds have no vote history", () => {
    const even: ElectionInput = { candidates: ["A", "B"], seats: 1, ballots: ballots(["A", "B"], [[1, "AB"], [1, "BA"]]), tieBreakSeed: "x" };
    const result = tally(even, "schulze");
    expect(result.rounds[0]?.tieBreaks?.[0]).toMatchObject({ purpose: "elect", tied: ["A", "B"], decidedBy: "lot" });
    expect(result.elected).toEqual([result.rounds[0]?.tieBreaks?.[0]?.chosen]);
  });
});

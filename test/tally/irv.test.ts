import { describe, it, expect } from "vitest";
import { tally } from "../../src/tally/tally.ts";
import { checkElection } from "../../src/tally/checkElection.ts";
import type { ElectionInput } from "../../src/tally/electionInput.ts";
import type { Round } from "../../src/tally/tallyResult.ts";

const votes = (round: Round | undefined): Record<string, string> =>
  Object.fromEntries((round?.votes ?? []).map((v) => [v.name, v.votes]));

describe("instant runoff", () => {
  /*
   * Ballots: 4 × A, 3 × B > C, 2 × C > B, 1 × D > C (10 in all; a majority needs more than half
   * of the votes still in play).
   * Round 1: A 4, B 3, C 2, D 1 — no majority.
   * Round 2: D is excluded; its ballot goes to C. A 4, B 3, C 3 — no majority.
   * Round 3: B and C tie for last. At round 1 B had 3 and C had 2, so C is excluded. C's two
   *          "C > B" ballots go to B; the "D > C" ballot exhausts. A 4, B 5: B has 5 of 9. B wins,
   *          although A led on first preferences.
   */
  const threeRounds: ElectionInput = {
    candidates: ["A", "B", "C", "D"],
    seats: 1,
    ballots: [
      { weight: 4, prefs: [0] },
      { weight: 3, prefs: [1, 2] },
      { weight: 2, prefs: [2, 1] },
      { weight: 1, prefs: [3, 2] },
    ],
  };

  it("excludes the lowest candidate round by round until someone holds a majority", () => {
    const result = tally(threeRounds, "irv");
    expect(result.rounds.map(votes)).toEqual([
      { A: "4", B: "3", C: "2", D: "1" },
      { A: "4", B: "3", C: "3", D: "0" },
      { A: "4", B: "5", C: "0", D: "0" },
    ]);
    expect(result.rounds[2]?.nonTransferable).toBe("1");
    expect(result.rounds[2]?.actions).toEqual([
      { type: "excluded", candidate: "C", reason: "lowest-vote" },
      { type: "elected", candidate: "B", reason: "majority" },
      { type: "excluded", candidate: "A", reason: "seats-filled" },
    ]);
    expect(result.elected).toEqual(["B"]);
  });

  it("breaks a tie for last place by the most recent round where the tied candidates differed", () => {
    const tieBreak = tally(threeRounds, "irv").rounds[2]?.tieBreaks?.[0];
    expect(tieBreak).toMatchObject({ purpose: "exclude", tied: ["B", "C"], chosen: "C", decidedBy: "earlier-round", earlierRound: 1 });
    expect(tieBreak?.reason).toContain("at round 1");
  });

  it("elects a first-round majority winner without further rounds", () => {
    const result = tally({ candidates: ["A", "B"], seats: 1, ballots: [{ weight: 3, prefs: [1] }, { weight: 2, prefs: [0] }] }, "irv");
    expect(result.rounds).toHaveLength(1);
    expect(result.elected).toEqual(["B"]);
  });

  it("draws lots when the tied candidates were equal in every round, reproducibly from the seed", () => {
    const even: ElectionInput = { candidates: ["A", "B"], seats: 1, ballots: [{ weight: 1, prefs: [0] }, { weight: 1, prefs: [1] }], tieBreakSeed: "s" };
    const first = tally(even, "irv");
    expect(first.rounds[1]?.tieBreaks?.[0]).toMatchObject({ decidedBy: "lot", tied: ["A", "B"] });
    expect(tally(even, "irv")).toEqual(first);
  });

  it("is rejected for more than one seat as a user mistake, not a crash", () => {
    const checked = checkElection({ ...threeRounds, seats: 2 }, "irv");
    expect(checked).toEqual({ ok: false, error: expect.stringContaining("irv fills exactly one seat") });
  });
});

import { describe, it, expect } from "vitest";
import { tally } from "../../src/tally/tally.ts";
import type { ElectionInput } from "../../src/tally/electionInput.ts";
import type { Round } from "../../src/tally/tallyResult.ts";

const votes = (round: Round | undefined): Record<string, string> =>
  Object.fromEntries((round?.votes ?? []).map((v) => [v.name, v.votes]));

describe("Scottish STV", () => {
  /*
   * 2 seats, 13 valid papers, quota = floor(13 / 3) + 1 = 5.
   * Stage 1: A 6, B 3, C 3, D 1. A is elected with a surplus of 1.
   * Stage 2: A's 6 papers move to B at 1 × 1 / 6 = 0.1666… truncated to 0.16666 each:
   *          B = 3 + 6 × 0.16666 = 3.99996; 0.00004 is lost to truncation.
   * Stage 3: D (1) is excluded; its paper goes to C: C = 4.
   * Stage 4: B 3.99996 < C 4, so B is excluded and C, the last continuing candidate, fills the seat.
   * With exact fractions B would tie C at 4, and rule 51 would look back to stage 2 (B 4 > C 3)
   * and exclude C instead: the truncation decides the second seat.
   */
  const truncation: ElectionInput = {
    candidates: ["A", "B", "C", "D"],
    seats: 2,
    ballots: [
      { weight: 6, prefs: [0, 1] },
      { weight: 3, prefs: [1] },
      { weight: 3, prefs: [2] },
      { weight: 1, prefs: [3, 2] },
    ],
  };

  it("truncates transfer values to five decimal places, as rule 48(3) requires", () => {
    const result = tally(truncation, "scottish-stv");
    expect(result.quota).toBe("5.00000");
    expect(result.validVotes).toBe("13");
    expect(result.rounds.map(votes)).toEqual([
      { A: "6.00000", B: "3.00000", C: "3.00000", D: "1.00000" },
      { A: "5.00000", B: "3.99996", C: "3.00000", D: "1.00000" },
      { A: "5.00000", B: "3.99996", C: "4.00000", D: "0.00000" },
      { A: "5.00000", B: "0.00000", C: "4.00000", D: "0.00000" },
    ]);
    expect(result.rounds[1]?.nonTransferable).toBe("0.00004");
    expect(result.elected).toEqual(["A", "C"]);
  });

  it("records each stage's actions in order: election, surplus transfer, exclusions, last seat", () => {
    const result = tally(truncation, "scottish-stv");
    expect(result.rounds.map((r) => r.actions)).toEqual([
      [{ type: "elected", candidate: "A", reason: "quota" }],
      [{ type: "surplus-transferred", candidate: "A", surplus: "1.00000" }],
      [{ type: "excluded", candidate: "D", reason: "lowest-vote" }],
      [
        { type: "excluded", candidate: "B", reason: "lowest-vote" },
        { type: "elected", candidate: "C", reason: "remaining-seats" },
      ],
    ]);
    expect(result.rounds.every((r) => r.tieBreaks === undefined)).toBe(true);
  });

  /*
   * 3 seats, 16 papers, quota = floor(16 / 4) + 1 = 5. Stage 1: A 7, B 6, C 2, D 1; A and B elected.
   * Rule 49(1): the larger surplus (A's 2) goes first: 7 papers at 2/7 → 0.28571: C = 2 + 1.99997 = 3.99997.
   * Then B's 1: 6 papers at 1/6 → 0.16666: C = 3.99997 + 0.99996 = 4.99993, still short of the quota.
   * D (1) is excluded, its paper exhausts, and C fills the last vacancy as the only continuing candidate.
   */
  it("transfers the largest surplus first and credits truncated values cumulatively", () => {
    const result = tally(
      {
        candidates: ["A", "B", "C", "D"],
        seats: 3,
        ballots: [
          { weight: 7, prefs: [0, 2] },
          { weight: 6, prefs: [1, 2] },
          { weight: 2, prefs: [2] },
          { weight: 1, prefs: [3] },
        ],
      },
      "scottish-stv",
    );
    expect(result.rounds.map((r) => r.actions[0])).toEqual([
      { type: "elected", candidate: "A", reason: "quota" },
      { type: "surplus-transferred", candidate: "A", surplus: "2.00000" },
      { type: "surplus-transferred", candidate: "B", surplus: "1.00000" },
      { type: "excluded", candidate: "D", reason: "lowest-vote" },
    ]);
    expect(votes(result.rounds[2])).toMatchObject({ C: "4.99993" });
    expect(result.elected).toEqual(["A", "B", "C"]);
  });

  /*
   * 2 seats, 23 papers, quota 8. Stage 1: A 2, B 3, C 5, D 6, E 7. Stage 2: A is excluded and
   * its papers go to B: B 5 = C 5. Stage 3 must exclude one of them; they were also equal at
   * stage 2, but at stage 1 B had 3 and C had 5, so rule 51(2)(a) excludes B. Then C goes, and
   * D and E fill the two seats as the only continuing candidates.
   */
  it("breaks an exclusion tie by the most recent stage at which the tied candidates differed", () => {
    const result = tally(
      {
        candidates: ["A", "B", "C", "D", "E"],
        seats: 2,
        ballots: [
          { weight: 2, prefs: [0, 1] },
          { weight: 3, prefs: [1] },
          { weight: 5, prefs: [2] },
          { weight: 6, prefs: [3] },
          { weight: 7, prefs: [4] },
        ],
      },
      "scottish-stv",
    );
    const stage3 = result.rounds[2];
    expect(stage3?.actions[0]).toEqual({ type: "excluded", candidate: "B", reason: "lowest-vote" });
    expect(stage3?.tieBreaks).toEqual([
      expect.objectContaining({ purpose: "exclude", tied: ["B", "C"], chosen: "B", decidedBy: "earlier-round", earlierRound: 1 }),
    ]);
    expect(result.elected).toEqual(["E", "D"]);
  });

  it("treats a withdrawn candidate as absent from every paper", () => {
    // B withdrew: the "B then A" papers count for A from the first stage, and B never appears in a tally.
    const result = tally(
      {
        candidates: ["A", "B", "C"],
        withdrawn: [1],
        seats: 1,
        ballots: [
          { weight: 2, prefs: [1, 0] },
          { weight: 3, prefs: [2] },
          { weight: 2, prefs: [0] },
        ],
      },
      "scottish-stv",
    );
    expect(votes(result.rounds[0])).toEqual({ A: "4.00000", B: "0.00000", C: "3.00000" });
    expect(result.rounds[0]?.votes[1]?.state).toBe("withdrawn");
    expect(result.withdrawn).toEqual(["B"]);
    expect(result.rounds[0]?.nonTransferable).toBe("0.00000");
    expect(result.elected).toEqual(["A"]);
  });

  it("declares the continuing candidates elected when there are only as many as vacancies", () => {
    const result = tally({ candidates: ["A", "B"], seats: 2, ballots: [{ weight: 1, prefs: [0] }] }, "scottish-stv");
    expect(result.rounds).toHaveLength(1);
    expect(result.elected).toEqual(["A", "B"]);
    expect(result.rounds[0]?.actions.map((a) => a.type)).toEqual(["elected", "elected"]);
  });
});

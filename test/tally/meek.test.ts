import { describe, it, expect } from "vitest";
import { tally } from "../../src/tally/tally.ts";
import type { ElectionInput } from "../../src/tally/electionInput.ts";
import type { Round } from "../../src/tally/tallyResult.ts";

const column = (round: Round | undefined, key: "votes" | "keepFactor"): Record<string, string | undefined> =>
  Object.fromEntries((round?.votes ?? []).map((v) => [v.name, v[key]]));

/*
 * 2 seats. Ballots: 2 × Cai > Bea, 3 × Cai, 1 × Ada (6 in all).
 *
 * Meek (9 places, values rounded up where the rule says so):
 * Round 1, iteration 1: Cai 5, Ada 1. Quota = 6/3 + 0.000000001 = 2.000000001; Cai is elected.
 * Round 2:
 *   iteration 1: same votes, surplus 2.999999999; kf(Cai) = 2.000000001 / 5 → 0.400000001 (up).
 *   iteration 2: Cai keeps 5 × 0.400000001 = 2.000000005; Bea gets 2 × 0.599999999 = 1.199999998;
 *                the 3 Cai-only ballots' remaining 1.799999997 exhausts, so the total is 4.200000003
 *                and the quota falls to 1.400000001 + 0.000000001 = 1.400000002. Surplus 0.600000003.
 *                kf(Cai) = (0.400000001 × 1.400000002 → 0.560000003) / 2.000000005 → 0.280000001.
 *   iteration 3: Cai 5 × 0.280000001 = 1.400000005; Bea 2 × 0.719999999 = 1.439999998; Ada 1;
 *                total 3.840000003, quota 1.280000001 + 0.000000001 = 1.280000002. Bea ≥ quota: elected.
 * Elected: Cai, Bea.
 *
 * Scottish STV on the same ballots: quota = floor(6/3) + 1 = 3, fixed. Cai's surplus 2 moves at
 * 2/5 = 0.4, so Bea reaches only 0.8 and loses to Ada (1) once Dov (0) is gone: elected Cai, Ada.
 * The difference is Meek's shrinking quota, which tracks the votes that exhausted.
 */
const fallingQuota: ElectionInput = {
  candidates: ["Ada", "Bea", "Cai", "Dov"],
  seats: 2,
  ballots: [
    { weight: 2, prefs: [2, 1] },
    { weight: 3, prefs: [2] },
    { weight: 1, prefs: [0] },
  ],
};

describe("Meek STV (PRF reference rule)", () => {
  it("elects with a quota that falls as surplus votes exhaust, unlike Scottish STV", () => {
    expect(tally(fallingQuota, "meek").elected).toEqual(["Cai", "Bea"]);
    expect(tally(fallingQuota, "scottish-stv").elected).toEqual(["Cai", "Ada"]);
  });

  it("reports the first round's votes and quota before any keep factor moves", () => {
    const [round1] = tally(fallingQuota, "meek").rounds;
    expect(round1?.quota).toBe("2.000000001");
    expect(round1?.iterations).toBe(1);
    expect(column(round1, "votes")).toEqual({ Ada: "1.000000000", Bea: "0.000000000", Cai: "5.000000000", Dov: "0.000000000" });
    expect(round1?.actions).toEqual([{ type: "elected", candidate: "Cai", reason: "quota" }]);
  });

  it("iterates keep factors with 9-place rounding up until the next candidate reaches the quota", () => {
    const round2 = tally(fallingQuota, "meek").rounds[1];
    expect(round2?.iterations).toBe(3);
    expect(round2?.quota).toBe("1.280000002");
    expect(column(round2, "votes")).toEqual({ Ada: "1.000000000", Bea: "1.439999998", Cai: "1.400000005", Dov: "0.000000000" });
    expect(column(round2, "keepFactor")).toMatchObject({ Bea: "1.000000000", Cai: "0.280000001" });
    expect(round2?.nonTransferable).toBe("2.159999997"); // 6 − 3.840000003
    expect(round2?.actions).toEqual([
      { type: "elected", candidate: "Bea", reason: "quota" },
      { type: "excluded", candidate: "Ada", reason: "seats-filled" },
      { type: "excluded", candidate: "Dov", reason: "seats-filled" },
    ]);
  });

  /*
   * 2 seats, ballots 4 × A > B, 3 × C, 2 × D. Round 1: quota 9/3 + ε = 3.000000001, A 4 elected.
   * Round 2: kf(A) = 3.000000001 / 4 → 0.750000001, so A keeps 3.000000004 and passes 0.999999996
   * to B; the total stays 9, the quota 3.000000001, and the surplus (0.000000003) is below omega.
   * Nobody new reached the quota, so the lowest hopeful, B, is defeated and its keep factor zeroed.
   * Round 3: B's share of A's ballots now exhausts; the total falls to 8.000000004, the quota to
   * 2.666666668 + 0.000000001 = 2.666666669, and C's 3 votes reach it.
   */
  it("defeats the lowest hopeful once the surplus is below omega, and zeroes its keep factor", () => {
    const result = tally(
      {
        candidates: ["A", "B", "C", "D"],
        seats: 2,
        ballots: [
          { weight: 4, prefs: [0, 1] },
          { weight: 3, prefs: [2] },
          { weight: 2, prefs: [3] },
        ],
      },
      "meek",
    );
    const round2 = result.rounds[1];
    expect(round2?.actions).toEqual([{ type: "excluded", candidate: "B", reason: "lowest-vote" }]);
    expect(BigInt(round2!.surplus!.replace(".", ""))).toBeLessThan(1000n); // below 0.000001
    expect(column(round2, "keepFactor")).toMatchObject({ B: "0.000000000" });
    expect(Number(column(round2, "keepFactor").A)).toBeCloseTo(0.75, 6);
    expect(result.rounds[2]?.quota).toBe("2.666666669");
    expect(result.elected).toEqual(["A", "C"]);
  });
});

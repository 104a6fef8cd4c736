import { describe, it, expect } from "vitest";
import { createHash } from "node:crypto";
import { tally } from "../../src/tally/tally.ts";
import type { ElectionInput } from "../../src/tally/electionInput.ts";

const sha256 = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex");

describe("approval voting", () => {
  /*
   * 2 seats. 3 ballots approve Alice and Bob, 2 approve Carol, 1 approves Bob and Carol.
   * Approvals: Alice 3, Bob 4, Carol 3, Dave 0. Bob takes the first seat; Alice and Carol tie
   * for the second, and a single count has no earlier round, so the seeded lot decides:
   * each gets sha256("<seed>:1:Alice,Carol:<name>") and the lower hash wins the seat.
   *   seed "caucus-2024": Carol 3652f91a… < Alice fd2c7fc9… → Carol
   *   no seed (""):       Alice 9938fb91… < Carol d87da004… → Alice
   */
  const tied: ElectionInput = {
    candidates: ["Alice", "Bob", "Carol", "Dave"],
    seats: 2,
    ballots: [
      { weight: 3, prefs: [0, 1] },
      { weight: 2, prefs: [2] },
      { weight: 1, prefs: [1, 2] },
    ],
  };

  it("elects the candidates with the most approvals", () => {
    const result = tally(tied, "approval");
    expect(result.rounds[0]?.votes.map((v) => v.votes)).toEqual(["3", "4", "3", "0"]);
    expect(result.elected[0]).toBe("Bob");
  });

  it("breaks a tie for the last seat by a SHA-256 draw that anyone can recompute from the seed", () => {
    const result = tally({ ...tied, tieBreakSeed: "caucus-2024" }, "approval");
    expect(result.elected).toEqual(["Bob", "Carol"]);
    const tieBreak = result.rounds[0]?.tieBreaks?.[0];
    expect(tieBreak).toMatchObject({ purpose: "elect", tied: ["Alice", "Carol"], chosen: "Carol", decidedBy: "lot" });
    expect(tieBreak?.lot).toEqual({
      seed: "caucus-2024",
      seedDeclared: true,
      order: [
        { candidate: "Carol", input: "caucus-2024:1:Alice,Carol:Carol", sha256: sha256("caucus-2024:1:Alice,Carol:Carol") },
        { candidate: "Alice", input: "caucus-2024:1:Alice,Carol:Alice", sha256: sha256("caucus-2024:1:Alice,Carol:Alice") },
      ],
    });
    expect(tieBreak?.lot?.order[0]?.sha256.startsWith("3652f91a")).toBe(true);
  });

  it("falls back to the empty seed when none was declared, and says so", () => {
    const result = tally(tied, "approval");
    expect(result.elected).toEqual(["Bob", "Alice"]);
    expect(result.tieBreakSeed).toBe("");
    const tieBreak = result.rounds[0]?.tieBreaks?.[0];
    expect(tieBreak?.lot?.seedDeclared).toBe(false);
    expect(tieBreak?.reason).toContain("no declared seed");
  });

  it("only draws lots when the tie straddles the last seat", () => {
    // Alice and Carol tie, but with 3 seats both are elected: no draw is needed.
    const result = tally({ ...tied, seats: 3 }, "approval");
    expect(result.elected).toEqual(["Bob", "Alice", "Carol"]);
    expect(result.rounds[0]?.tieBreaks).toBeUndefined();
  });

  it("ignores approvals of withdrawn candidates", () => {
    const result = tally({ ...tied, withdrawn: [1] }, "approval");
    expect(result.rounds[0]?.votes[1]).toEqual({ name: "Bob", votes: "0", state: "withdrawn" });
    expect(result.elected).not.toContain("Bob");
  });
});

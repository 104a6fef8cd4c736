import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { tally } from "../../src/tally/tally.ts";
import { checkElection } from "../../src/tally/checkElection.ts";
import { parseBlt } from "../../src/tally/parseBlt.ts";
import type { Method } from "../../src/tally/method.ts";

const fromFixture = (name: string) => {
  const parsed = parseBlt(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8"));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
};

describe("tally", () => {
  it.each<[string, Method, string[]]>([
    ["scottish-truncation.blt", "scottish-stv", ["Ann", "Cat"]],
    ["meek-vs-scottish.blt", "meek", ["Cai", "Bea"]],
    ["meek-vs-scottish.blt", "scottish-stv", ["Cai", "Ada"]],
    ["irv-rounds.blt", "irv", ["B"]],
  ])("counts fixture %s by %s to its hand-worked result", (file, method, elected) => {
    expect(tally(fromFixture(file), method).elected).toEqual(elected);
  });

  it("produces plain JSON: serialising and parsing gives back the same result", () => {
    const result = tally(fromFixture("scottish-truncation.blt"), "scottish-stv");
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it("throws on input that skipped checkElection, because that is a programming error", () => {
    expect(() => tally({ candidates: ["A"], seats: 1, ballots: [{ weight: 1, prefs: [3] }] }, "irv")).toThrow(/unchecked election/);
  });
});

describe("checkElection", () => {
  it.each([
    [{ candidates: ["A", "A"], seats: 1, ballots: [] }, 'candidates.1: candidate name "A" appears twice'],
    [{ candidates: ["A"], seats: 0, ballots: [] }, "seats: seats must be a positive whole number"],
    [{ candidates: ["A"], seats: 1, ballots: [{ weight: 1, prefs: [1] }] }, "ballots.0.prefs.0: candidate 1 does not exist (there are 1)"],
    [{ candidates: ["A", "B"], seats: 1, ballots: [{ weight: 1, prefs: [1, 1] }] }, "ballots.0.prefs.1: candidate 1 appears twice on one ballot"],
    [{ candidates: ["A"], seats: 1, ballots: [{ weight: 0.5, prefs: [0] }] }, "ballots.0.weight: ballot weight must be a whole number"],
    [{ candidates: ["A"], seats: 1, withdrawn: [2], ballots: [] }, "withdrawn.0: withdrawn candidate 2 does not exist (there are 1)"],
    [{ candidates: [], seats: 1, ballots: [] }, "candidates: there must be at least one candidate"],
  ])("rejects %j as a user mistake", (input, message) => {
    expect(checkElection(input, "scottish-stv")).toEqual({ ok: false, error: `invalid election: ${message}` });
  });

  it("accepts a valid election unchanged", () => {
    const election = { candidates: ["A", "B"], seats: 1, ballots: [{ weight: 2, prefs: [1, 0] }], tieBreakSeed: "s" };
    expect(checkElection(election, "schulze")).toEqual({ ok: true, value: election });
  });
});

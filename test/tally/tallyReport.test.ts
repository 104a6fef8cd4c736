import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { parseBlt } from "../../src/tally/parseBlt.ts";
import { tally } from "../../src/tally/tally.ts";
import { methods, type Method } from "../../src/tally/method.ts";
import { difference, tallyReport } from "../../src/tally/tallyReport.ts";
import { electionInput } from "./arbitraries.ts";

const report = (fixture: string, method: Method, seed?: string): string => {
  const parsed = parseBlt(readFileSync(new URL(`./fixtures/${fixture}`, import.meta.url), "utf8"));
  if (!parsed.ok) throw new Error(parsed.error);
  return tallyReport(tally({ ...parsed.value, ...(seed !== undefined ? { tieBreakSeed: seed } : {}) }, method));
};
const section = (text: string, round: number): string[] => {
  const lines = text.split("\n");
  const start = lines.indexOf(lines.find((l) => l.startsWith(`Round ${round}`))!);
  const end = lines.findIndex((l, i) => i > start && l === "");
  return lines.slice(start, end);
};

describe("tallyReport", () => {
  it("shows each round's votes, transfers, exhausted votes and who was elected or excluded", () => {
    const text = report("scottish-truncation.blt", "scottish-stv");
    expect(text.split("\n").slice(0, 3)).toEqual([
      "Scottish STV: Truncation matters",
      "2 seats · 4 candidates · valid votes 13 · quota 5.00000 · no tie-break seed",
      "Elected: Ann, Cat",
    ]);
    expect(section(text, 1)).toEqual([
      "Round 1",
      "  Candidate     Votes   Status",
      "  Ann         6.00000   ELECTED (reached the quota)",
      "  Ben         3.00000",
      "  Cat         3.00000",
      "  Dan         1.00000",
      "  Exhausted   0.00000",
    ]);
    expect(section(text, 2)).toEqual([
      "Round 2",
      "  Candidate     Votes   Transfer   Status",
      "  Ann         5.00000   -1.00000   elected",
      "  Ben         3.99996   +0.99996",
      "  Cat         3.00000    0.00000",
      "  Dan         1.00000    0.00000",
      "  Exhausted   0.00004   +0.00004",
      "  Surplus of Ann (1.00000) transferred",
    ]);
    expect(section(text, 4)).toContain("  Cat         4.00000    0.00000   ELECTED (as many left as seats)");
  });

  it("shows Meek's keep factors and the quota and surplus of each round", () => {
    const round2 = section(report("meek-vs-scottish.blt", "meek"), 2);
    expect(round2[0]).toBe("Round 2   quota 1.280000002   surplus 0.279999999 after 3 iterations");
    expect(round2).toContain("  Cai         1.400000005   -3.599999995   0.280000001   elected");
  });

  it("explains a tie in the words of the count, and shows Schulze's pairwise table", () => {
    const text = report("irv-rounds.blt", "schulze", "agm");
    expect(text).toContain('  Tie: B and C were tied for election and equal at every earlier round; drawn by lot using SHA-256 with seed "agm": B\n');
    expect(text).toContain("  C                  6   3   -   5");
  });

  it("has a round section listing every candidate for every round, whatever the election and method", () => {
    fc.assert(
      fc.property(electionInput({ withWithdrawn: false }), fc.constantFrom(...methods), (e, method) => {
        const result = tally(method === "irv" ? { ...e, seats: 1 } : e, method);
        const text = tallyReport(result);
        for (const round of result.rounds) {
          const rows = section(text, round.round).slice(2);
          for (const [c, v] of round.votes.entries()) expect(rows[c]!.includes(v.votes)).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe("difference", () => {
  it.each([
    ["3.99996", "3.00000", "+0.99996"],
    ["0.00004", "0.00000", "+0.00004"],
    ["1", "4", "-3"],
    ["4.0", "4", "0.0"],
  ])("%s - %s = %s", (a, b, d) => expect(difference(a, b)).toBe(d));

  it("is exact at any precision", () => {
    const fixed = (v: bigint, scale: number): string => {
      const digits = (v < 0n ? -v : v).toString().padStart(scale + 1, "0");
      return `${v < 0n ? "-" : ""}${scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`}`;
    };
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 20n }), fc.bigInt({ min: 0n, max: 10n ** 20n }), fc.integer({ min: 0, max: 9 }), (a, b, scale) => {
        const d = a - b;
        expect(difference(fixed(a, scale), fixed(b, scale))).toBe(`${d > 0n ? "+" : ""}${fixed(d, scale)}`);
      }),
    );
  });
});

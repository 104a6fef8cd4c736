import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { parseBlt } from "../../src/tally/parseBlt.ts";
import { bltReader, readBlt } from "../../src/tally/bltReader.ts";
import { formatBlt } from "../../src/tally/formatBlt.ts";
import type { Ballot, ElectionInput } from "../../src/tally/electionInput.ts";
import { electionInput } from "./arbitraries.ts";

/** What a reader gives back: one ballot per distinct ranking, weights summed, in order of first appearance. */
const merged = (ballots: Ballot[]): Ballot[] => {
  const out: Ballot[] = [];
  for (const b of ballots) {
    const same = out.find((m) => m.prefs.join() === b.prefs.join());
    if (same) same.weight += b.weight;
    else out.push({ weight: b.weight, prefs: [...b.prefs] });
  }
  return out;
};
const allWithdrawn = (e: ElectionInput): boolean => (e.withdrawn?.length ?? 0) === e.candidates.length;

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");
const errorOf = (text: string): string | undefined => {
  const parsed = parseBlt(text);
  return parsed.ok ? undefined : parsed.error;
};

describe("parseBlt", () => {
  it("reads candidates, seats, weighted ballots, names and title, ignoring comments and blank lines", () => {
    expect(parseBlt(fixture("scottish-truncation.blt"))).toEqual({
      ok: true,
      value: {
        title: "Truncation matters",
        candidates: ["Ann", "Ben", "Cat", "Dan"],
        seats: 2,
        ballots: [
          { weight: 6, prefs: [0, 1] },
          { weight: 3, prefs: [1] },
          { weight: 3, prefs: [2] },
          { weight: 1, prefs: [3, 2] },
        ],
      },
    });
  });

  it("reads a withdrawn-candidates line of negative numbers after the header", () => {
    const parsed = parseBlt('3 1\n-2 -3\n1 1 2 0\n0\n"A"\n"B"\n"C"\n');
    expect(parsed).toEqual({ ok: true, value: { candidates: ["A", "B", "C"], seats: 1, withdrawn: [1, 2], ballots: [{ weight: 1, prefs: [0, 1] }] } });
  });

  it("keeps # and spaces inside quoted names, and accepts a missing title and an empty ballot", () => {
    const parsed = parseBlt('2 1\n3 0\n0\n"No. #1" # a comment\n  "B  b"\n');
    expect(parsed).toEqual({ ok: true, value: { candidates: ["No. #1", "B  b"], seats: 1, ballots: [{ weight: 3, prefs: [] }] } });
  });

  it.each([
    ["", 'line 1: the file is empty; expected a first line "<candidates> <seats>", e.g. "5 2"'],
    ["five two\n", 'line 1: the first line must be "<candidates> <seats>", e.g. "5 2"'],
    ["3 0\n0\n", "line 1: the number of seats must be at least 1"],
    ["3 1\n-4\n0\n", "line 2: withdrawn candidate 4 is not a candidate (there are 3)"],
    ["3 1\n-2 -2\n0\n", "line 2: candidate 2 is withdrawn twice"],
    ["3 1\n1 1 2\n0\n", "line 2: ballot must end with 0"],
    ["3 1\n1 1 0 2 0\n", "line 2: 0 ends a ballot, but more preferences follow it"],
    ["3 1\n\n1 1 2 1 0\n", "line 3: candidate 1 is ranked twice on one ballot"],
    ["3 1\n1 1 2=3 0\n", 'line 2: equal rankings ("=") are not supported; rank candidates one after another'],
    ["3 1\n1.5 1 0\n", 'line 2: "1.5" is not a whole number'],
    ["3 1\n0 1 0\n", "line 2: ballot weight must be a positive whole number, got 0"],
    ["3 1\n1 1 0\n1 -2 0\n", "line 3: preference -2 is negative; withdrawn candidates go on the line after the header"],
    ['3 1\n1 1 0\n"A"\n', "line 3: expected a ballot or the lone 0 that ends the ballots, found quoted text"],
    ["3 1\n1 1 0\n", "line 3: the file ends before the lone 0 that ends the ballots"],
    ['3 1\n0\n"A"\n"B"\n', "line 5: the file ends after 2 of the 3 candidate names"],
    ['2 1\n0\n"A"\n"A"\n', 'line 4: candidate name "A" is already used by candidate 1'],
    ['2 1\n0\n"A"\n""\n', "line 4: candidate 2's name is empty"],
    ['2 1\n0\n"A"\n"B"\n"T"\n"extra"\n', 'line 6: unexpected text after the title: "extra"'],
    ['2 1\n0\n"A"\nB\n', "line 4: expected a quoted name, found B"],
    ['2 1\n0\n"A\n', "line 3: quoted text is missing its closing quote"],
  ])("rejects %j with the line number and reason", (text, message) => {
    expect(errorOf(text)).toBe(message);
  });

  it("names the offending line when a preference is not a candidate", () => {
    expect(errorOf(fixture("bad-preference.blt"))).toBe("line 4: preference 7 is not a candidate (there are 5)");
  });

  it("returns an error rather than throwing, whatever the text", () => {
    const bltish = fc.array(fc.oneof(fc.constantFrom("0", "1", "2", "-1", '"A"', "#", "=", " ", "\n", "3 1\n"), fc.string({ maxLength: 3 })), { maxLength: 30 });
    fc.assert(
      fc.property(bltish, (parts) => {
        const parsed = parseBlt(parts.join(""));
        expect(typeof parsed.ok).toBe("boolean");
      }),
      { numRuns: 300 },
    );
  });
});

describe("formatBlt", () => {
  it("writes the standard layout with 1-based candidate numbers", () => {
    const text = formatBlt({ title: "T", candidates: ["A", "B", "C"], withdrawn: [2], seats: 1, ballots: [{ weight: 2, prefs: [1, 0] }] });
    expect(text).toBe('3 1\n-3\n2 2 1 0\n0\n"A"\n"B"\n"C"\n"T"\n');
  });

  it("round-trips through parseBlt (identical rankings merged), names with quotes, backslashes and line breaks included", () => {
    fc.assert(
      fc.property(electionInput(), (election) => {
        fc.pre(!allWithdrawn(election)); // refused, see below
        const { tieBreakSeed: _seed, ...rest } = election; // not part of the BLT format
        const expected = { ...rest, ballots: merged(rest.ballots), withdrawn: rest.withdrawn && rest.withdrawn.length > 0 ? rest.withdrawn : undefined };
        expect(parseBlt(formatBlt(election))).toEqual({ ok: true, value: expected });
      }),
      { numRuns: 200 },
    );
  });
});

describe("parseBlt header limits", () => {
  it("calls an absurd candidate count too many, not 'at least 1'", () => {
    expect(parseBlt('99999999999999999999 1\n0\n"a"\n"t"\n')).toEqual({ ok: false, error: expect.stringMatching(/^line 1: 99999999999999999999 candidates is too many/) });
  });
  it("accepts more seats than candidates (too few stood: all are elected)", () => {
    expect(parseBlt('2 3\n1 1 0\n0\n"a"\n"b"\n"t"\n').ok).toBe(true);
  });
});

describe("bltReader (streaming)", () => {
  const names = '"A"\n"B"\n"C"\n';

  it("merges identical rankings into one weighted ballot, in order of first appearance", () => {
    expect(parseBlt(`3 1\n1 1 2 0\n1 3 0\n2 1 2 0\n1 0\n1 0\n0\n${names}`)).toEqual({
      ok: true,
      value: { candidates: ["A", "B", "C"], seats: 1, ballots: [{ weight: 3, prefs: [0, 1] }, { weight: 1, prefs: [2] }, { weight: 2, prefs: [] }] },
    });
  });

  it("refuses a file whose candidates are all withdrawn, naming the withdrawn line", () => {
    expect(parseBlt(`3 1\n# none stands\n-1 -3 -2\n1 1 0\n0\n${names}`)).toEqual({ ok: false, error: "line 3: every candidate is withdrawn, so there is nobody to elect" });
  });

  it("refuses rankings that together weigh more than the exact integers allow", () => {
    expect(parseBlt(`3 1\n9007199254740991 1 0\n1 2 0\n1 1 0\n0\n${names}`)).toEqual({
      ok: false,
      error: "line 4: the papers with this ranking weigh more than 9007199254740991 together",
    });
  });

  it("reads odd spacing, tabs, leading zeros, comments and CRLF line ends as the plain ballot", () => {
    const plain = parseBlt(`3 1\n2 1 2 0\n1 3 0\n0\n${names}`);
    expect(parseBlt(`3 1\r\n2\t1  2 0 \r\n  01 3 0 # a comment\r\n0\r\n"A"\r\n"B"\r\n"C"\r\n`)).toEqual(plain);
  });

  it("reads the same election whatever pieces the file arrives in", () => {
    const file = electionInput({ maxBallots: 20 })
      .filter((e) => !allWithdrawn(e))
      .map((e) => formatBlt(e).replace(/\n/g, (nl, i: number) => (i % 3 === 0 ? "\r\n" : nl)));
    const cuts = fc.array(fc.nat(), { maxLength: 8 });
    fc.assert(
      fc.property(file, cuts, (text, at) => {
        const positions = [...new Set(at.map((p) => p % (text.length + 1)))].sort((a, b) => a - b);
        const reader = bltReader();
        let from = 0;
        for (const p of [...positions, text.length]) {
          reader.push(text.slice(from, p));
          from = p;
        }
        expect(reader.end()).toEqual(parseBlt(text));
      }),
      { numRuns: 200 },
    );
  });

  it("merges as it streams: 200,000 papers in two rankings come out as two weighted ballots", async () => {
    async function* source() {
      yield "3 1\n";
      for (let i = 0; i < 2000; i++) yield "1 1 2 0\n1 3 0\n".repeat(50);
      yield '0\n"A"\n"B"\n"C"\n';
    }
    const read = await readBlt(source());
    expect(read.ok && read.value.ballots).toEqual([{ weight: 100_000, prefs: [0, 1] }, { weight: 100_000, prefs: [2] }]);
  });

  it("gives the same refusals piece by piece as whole, and stops reading at the first", async () => {
    const bad = `3 1\n1 1 0\n1 2 2 0\n${"1 1 0\n".repeat(1000)}`;
    const pieces: string[] = [];
    async function* source() {
      for (let i = 0; i < bad.length; i += 7) {
        pieces.push(bad.slice(i, i + 7));
        yield bad.slice(i, i + 7);
      }
    }
    expect(await readBlt(source())).toEqual({ ok: false, error: "line 3: candidate 2 is ranked twice on one ballot" });
    expect(pieces.length).toBeLessThan(10);
  });

  it.each([
    ["3 1\n1 1 2 4 0\n", "line 2: preference 4 is not a candidate (there are 3)"],
    ["3 1\n1 1 2 1 0\n", "line 2: candidate 1 is ranked twice on one ballot"],
    ["3 1\n1 1 2 3 1 0\n", "line 2: candidate 1 is ranked twice on one ballot"],
    ["3 1\n1 1 2 3\n", "line 2: ballot must end with 0"],
    ["3 1\n1 1 0 0\n", "line 2: 0 ends a ballot, but more preferences follow it"],
    ["3 1\n12345678901234567890 1 0\n", "line 2: ballot weight must be a positive whole number, got 12345678901234567890"],
    ["3 1\n1 1 0\n1 2#\n", "line 3: ballot must end with 0"],
  ])("refuses the well-spaced but wrong ballot line %j as the lexer would", (text, message) => {
    expect(parseBlt(text)).toEqual({ ok: false, error: message });
  });
});

describe("bltReader fast path", () => {
  it("reads any line of numbers as the lexer does (a trailing comment sends a line through the lexer)", () => {
    const word = fc.oneof(fc.integer({ min: 0, max: 5 }).map(String), fc.constantFrom("00", "03", "9007199254740993", "123456789012345678"));
    const line = fc.array(word, { maxLength: 7 }).chain((ws) => fc.constantFrom(" ", "  ", "\t").map((sep) => ws.join(sep)));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 4 }), (lines) => {
        const plain = `4 2\n${lines.map((l) => `${l}\n`).join("")}0\n"A"\n"B"\n"C"\n"D"\n`;
        const viaLexer = `4 2\n${lines.map((l) => `${l} # via the lexer\n`).join("")}0\n"A"\n"B"\n"C"\n"D"\n`;
        expect(parseBlt(plain)).toEqual(parseBlt(viaLexer));
      }),
      { numRuns: 1000 },
    );
  });
});

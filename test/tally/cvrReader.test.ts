import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { readCvr } from "../../src/tally/cvrReader.ts";

/** The text in pieces of 5 characters, as a stream would bring it. */
async function* pieces(text: string): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += 5) yield text.slice(i, i + 5);
}
const read = (text: string) => readCvr(pieces(text));
/** Ballots as rankings of names, weights attached: independent of how candidates were numbered. */
const named = (cvr: { candidates: string[]; ballots: { weight: number; prefs: number[] }[] }) =>
  cvr.ballots.map((b) => ({ weight: b.weight, names: b.prefs.map((c) => cvr.candidates[c]!) }));
const rows = (...lines: string[]) => ["ballot_id,rank,candidate", ...lines].join("\n") + "\n";

describe("readCvr", () => {
  it("names candidates in order of first appearance and merges identical rankings", async () => {
    const cvr = await read(rows("1,1,Bob", "1,2,Alice", "2,1,Bob", "2,2,Alice", "3,1,Cy"));
    expect(cvr).toEqual({ ok: true, value: { candidates: ["Bob", "Alice", "Cy"], ballots: [{ weight: 2, prefs: [0, 1] }, { weight: 1, prefs: [2] }] } });
  });

  it.each([
    ["skips an $UNDERVOTE rank and goes on", ["1,1,$UNDERVOTE", "1,2,Ann", "1,3,Ben"], ["Ann", "Ben"]],
    ["skips an empty cell as an undervote", ["1,1,Ann", "1,2,", "1,3,Ben"], ["Ann", "Ben"]],
    ["skips a rank number that is missing", ["1,1,Ann", "1,4,Ben"], ["Ann", "Ben"]],
    ["ends the ballot at an $OVERVOTE, ignoring every rank after it", ["1,1,Ann", "1,2,$OVERVOTE", "1,3,Ben"], ["Ann"]],
    ["treats two candidates at one rank as an overvote", ["1,1,Ann", "1,2,Ben", "1,2,Cat", "1,3,Dan"], ["Ann"]],
    ["reads one candidate marked twice at one rank as one mark", ["1,1,Ann", "1,1,Ann", "1,2,Ben"], ["Ann", "Ben"]],
    ["passes over a candidate ranked again lower down, and goes on (RCTab's default)", ["1,1,Ann", "1,2,Ben", "1,3,Ann", "1,4,Cat"], ["Ann", "Ben", "Cat"]],
    ["orders a ballot's rows by rank, whatever their order in the file", ["1,3,Cat", "1,1,Ann", "1,2,Ben"], ["Ann", "Ben", "Cat"]],
    ["keeps a ballot overvoted at its first rank as an empty ballot", ["1,1,$OVERVOTE", "1,2,Ann"], []],
  ])("%s", async (_name, lines, ranking) => {
    const cvr = await read(rows(...lines));
    expect(cvr.ok && named(cvr.value)).toEqual([{ weight: 1, names: ranking }]);
  });

  it("keeps a ballot of undervotes only as an empty ballot (the count sets it aside as invalid)", async () => {
    const cvr = await read(rows("1,1,Ann", "2,1,$UNDERVOTE", "2,2,$UNDERVOTE"));
    expect(cvr.ok && named(cvr.value)).toEqual([{ weight: 1, names: ["Ann"] }, { weight: 1, names: [] }]);
  });

  it("knows a candidate who only appears after an overvote (they stood, nobody's vote reached them)", async () => {
    const cvr = await read(rows("1,1,Ann", "1,2,$OVERVOTE", "1,3,Ben"));
    expect(cvr.ok && cvr.value.candidates).toEqual(["Ann", "Ben"]);
  });

  it("takes the columns in any order, ignores others, and reads a BOM, CRLF, quotes and spaces", async () => {
    const text = '\uFEFFprecinct,Candidate,Ballot_ID,Rank\r\nP1,"Smith, Ann",b1,1\r\nP1, Ben ,b1,2\r\n\r\nP2,"Smith, Ann",b2,1\r\n';
    const cvr = await read(text);
    expect(cvr).toEqual({ ok: true, value: { candidates: ["Smith, Ann", "Ben"], ballots: [{ weight: 1, prefs: [0, 1] }, { weight: 1, prefs: [0] }] } });
  });

  it.each([
    ["", "line 1: the file is empty; expected a first row naming the columns ballot_id, rank, candidate"],
    ["id,rank,name\n1,1,Ann\n", "line 1: the first row must name the columns ballot_id, rank, candidate; found id, rank, name"],
    [rows("1,1,Ann", "2,1,Ben", "1,2,Ben"), 'line 4: ballot "1" continues here, after other ballots; a cast-vote record lists each ballot\'s rows together'],
    [rows("1,1,Ann", "1,first,Ben"), 'line 3: rank "first" is not a positive whole number'],
    [rows("1,0,Ann"), 'line 2: rank "0" is not a positive whole number'],
    [rows("1,1,Ann", ",2,Ben"), "line 3: the ballot_id is empty"],
    [rows("1,$UNDERVOTE"), "line 2: expected 3 fields, as in the first row, found 2"],
    [rows("1,1,Ann", "", "", "1,x,Ben"), 'line 5: rank "x" is not a positive whole number'],
    [rows('1,1,"Ann\nof Cleves"', "1,x,Ben"), 'line 4: rank "x" is not a positive whole number'],
    [rows('1,1,"Ann'), "Quote Not Closed: the parsing is finished with an opening quote at line 2"],
    [rows("1,1,$UNDERVOTE"), "the record names no candidate"],
  ])("refuses %j with the line and reason", async (text, message) => {
    expect(await read(text)).toEqual({ ok: false, error: message });
  });

  it("reads back the ballots a record was written from, however its rows are shuffled, padded and cut", async () => {
    const names = ["Ann", "Ben", "Cat", "Dan", "Eve"];
    const ballot = fc.record({
      ranking: fc.shuffledSubarray(names),
      // Undervote rows and gaps before each preference, and an overvote with junk after the last one.
      gaps: fc.array(fc.constantFrom(0, 0, 1, 2), { minLength: 5, maxLength: 5 }),
      undervoteRows: fc.boolean(),
      tail: fc.option(fc.shuffledSubarray(names, { minLength: 1 }), { nil: undefined }),
      order: fc.array(fc.nat(), { minLength: 20, maxLength: 20 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(ballot, { maxLength: 30 }), async (ballots) => {
        const lines: string[] = [];
        ballots.forEach((b, id) => {
          const marks: string[] = [];
          let rank = 0;
          b.ranking.forEach((name, i) => {
            for (let g = 0; g < b.gaps[i]!; g++) {
              rank++;
              if (b.undervoteRows) marks.push(`${id},${rank},$UNDERVOTE`);
            }
            marks.push(`${id},${++rank},${name}`);
          });
          if (b.tail) {
            marks.push(`${id},${++rank},$OVERVOTE`);
            b.tail.forEach((name) => marks.push(`${id},${++rank},${name}`));
          }
          const shuffled = marks.map((m, i) => [b.order[i] ?? i, m] as const).sort((x, y) => x[0] - y[0]).map(([, m]) => m);
          lines.push(...(shuffled.length > 0 ? shuffled : [`${id},1,$UNDERVOTE`]));
        });
        const expected: { weight: number; names: string[] }[] = [];
        for (const b of ballots) {
          const same = expected.find((e) => e.names.join() === b.ranking.join());
          if (same) same.weight++;
          else expected.push({ weight: 1, names: b.ranking });
        }
        const cvr = await read(rows(...lines));
        if (!cvr.ok) {
          expect(cvr.error).toBe("the record names no candidate");
          expect(ballots.every((b) => b.ranking.length === 0 && !b.tail)).toBe(true);
          return;
        }
        expect(named(cvr.value)).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });
});

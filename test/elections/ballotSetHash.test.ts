import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { ballotSetHash, type CountedBallot } from "../../src/elections/ballotSetHash.ts";
import { formatBlt } from "../../src/tally/formatBlt.ts";

/** Rankings of up to 5 candidates: distinct 0-based positions. */
const ranking = fc.uniqueArray(fc.integer({ min: 0, max: 4 }), { maxLength: 5 });
const ballots = fc.array(fc.record({ weight: fc.constant(1), prefs: ranking }), { maxLength: 12 });

/** The recipe the README and /election audit give, run with standard tools on a published BLT file. */
const SHELL_RECIPE = `awk 'NR==1{next} $0=="0"{exit} /^-/{next} {s=""; for(i=2;i<NF;i++) s=s (i>2?" ":"") $i; for(k=0;k<$1;k++) print s}' | LC_ALL=C sort | sha256sum | cut -d' ' -f1`;

describe("ballot set hash", () => {
  it("does not depend on the order ballots are stored or counted in (property)", () => {
    fc.assert(
      fc.property(ballots, fc.infiniteStream(fc.nat()), (bs, keys) => {
        const shuffled = bs.map((b) => ({ b, k: keys.next().value as number })).sort((x, y) => x.k - y.k).map(({ b }) => b);
        expect(ballotSetHash(shuffled)).toBe(ballotSetHash(bs));
      }),
    );
  });

  it("changes when any one ballot changes: a preference added, dropped or moved (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ weight: fc.constant(1), prefs: ranking }), { minLength: 1, maxLength: 12 }), fc.nat(), ranking, (bs, i, replacement) => {
        const k = i % bs.length;
        fc.pre(replacement.join(" ") !== bs[k]!.prefs.join(" "));
        const changed = bs.map((b, j) => (j === k ? { weight: 1, prefs: replacement } : b));
        expect(ballotSetHash(changed)).not.toBe(ballotSetHash(bs));
      }),
    );
  });

  it("tells no ballots from one empty ballot, and counts a weight as that many ballots", () => {
    expect(ballotSetHash([])).not.toBe(ballotSetHash([{ weight: 1, prefs: [] }]));
    const one: CountedBallot = { weight: 1, prefs: [1, 0] };
    expect(ballotSetHash([{ weight: 2, prefs: [1, 0] }])).toBe(ballotSetHash([one, one]));
    expect(ballotSetHash([one])).not.toBe(ballotSetHash([one, one]));
  });

  it("is what awk, LC_ALL=C sort and sha256sum compute from the published BLT file (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ weight: fc.integer({ min: 1, max: 3 }), prefs: ranking }), { maxLength: 12 }), fc.boolean(), (bs, withdrawn) => {
        const blt = formatBlt({ candidates: ["ana", "ben", "cat", "dan", "eve"], seats: 1, ballots: bs, title: "E1 Speaker", ...(withdrawn ? { withdrawn: [3] } : {}) });
        const fromShell = execFileSync("sh", ["-c", SHELL_RECIPE], { input: blt, encoding: "utf8" }).trim();
        expect(fromShell).toBe(ballotSetHash(bs));
      }),
      { numRuns: 25 },
    );
  });
});

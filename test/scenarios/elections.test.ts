import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { App } from "../../adapters/compose.ts";
import { clearAll, targets } from "../support/testApp.ts";
import { inChannel, reminders, simulate, toMember } from "../support/simulate.ts";

const exec = promisify(execFile);
const members = (names: string[]) => names.map((n) => `${n}: /timezone UTC`).join("\n");

const SETUP = `clock 2026-05-01T08:00:00Z
organiser olga
olga: /timezone Europe/Paris
${members(["ana", "ben", "cat", "dan", "eve", "fay", "zed"])}
olga: /constituency create Youth
olga: /constituency add Youth ana ben cat dan eve fay
`;

describe("election scenarios (simulator)", () => {
  let app: App;
  beforeAll(async () => {
    app = await targets()[0]!.open();
  });
  afterAll(async () => app?.close());
  beforeEach(async () => clearAll(app));

  it("runs a complete STV election: declines, missing endorsements, vote replacement, a non-member refused, results and mandates", async () => {
    const source = await fs.readFile("test/fixtures/scenarios/election-stv.txt", "utf8");
    const out = await simulate(app, source);
    const text = (who: string) => toMember(out, who).map((l) => l.text).join("\n---\n");
    // Rules published and frozen at open.
    expect(inChannel(out).find((l) => l.text.startsWith("🗳️ E1 is open"))!.text).toMatch(/Scottish Local Government Elections Order 2007[\s\S]*endorsed by at least 1 other member[\s\S]*Ties: /);
    // The nominee is asked to accept, with buttons and a command.
    expect(text("ben")).toContain("ana nominated you in E1 Youth spokespeople. Do you accept?");
    expect(text("dan")).toContain("You declined the nomination in E1.");
    expect(text("zed")).toContain("You are not on the roster of Youth, so you cannot nominate in E1.");
    // Voting opens at the nominations date with the roll's size and hash; fay (no endorsement) and dan (declined) do not stand.
    const opening = inChannel(out).find((l) => l.text.startsWith("🗳️ Voting is open"))!;
    expect(opening.at).toBe("2026-05-03T12:00:00Z");
    expect(opening.text).toMatch(/Candidates: ana, ben, eve\./);
    expect(opening.text).toMatch(/Roll: 6 members \(SHA-256 [0-9a-f]{16}…\)\. Tie-break seed committed: SHA-256 [0-9a-f]{64}/);
    expect(text("eve")).toMatch(/Ballot replaced in E1: 1\. eve {2}2\. ben\nReceipt: [0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}/);
    expect(text("fay")).toContain('"fay" is not a candidate in E1. Candidates: ana, ben, eve.');
    expect(text("zed")).toContain("You are not on the roll of E1");
    expect(text("ana")).toContain("ana appears twice on your ballot");
    // The count: 5 ballots (eve's replaced one counts once), Droop quota 2, ana and eve elected in round 1.
    const result = inChannel(out).find((l) => l.text.startsWith("🗳️ Result of E1"))!;
    expect(result.at).toBe("2026-05-05T12:00:00Z");
    expect(result.text).toContain("Elected: ana, eve.");
    expect(result.text).toContain("Turnout: 5 of 6 (83%). Valid votes: 5. Quota: 2.00000.");
    expect(result.text).toMatch(/Round 1: ana 2\.00000, ben 1\.00000, eve 2\.00000 → ana elected \(quota\); eve elected \(quota\)/);
    expect(text("ana")).toMatch(/ana speaks for:\n• Youth: elected 2026-05-05 12:00 UTC in E1 Youth spokespeople \(stv, 2 seats\), with 2\.00000 votes in round 1; turnout 5 of 6/);
    expect(text("ana")).toMatch(/✅ Audit log of E1: \d+ entries, chain intact/);
    // The log holds receipts only, never a voter or a choice.
    expect(text("ana")).toMatch(/✅ Audit of E1: every check passed/);
    const audit = toMember(out, "ana").find((l) => l.text.startsWith("✅ Audit of E1"))!.text;
    for (const line of audit.split("\n").filter((l) => / vote-(cast|replaced) /.test(l))) expect(line).toMatch(/\{"receiptHash":"[0-9a-f]{64}"\}/);
    expect(audit.split("\n").filter((l) => / vote-cast /.test(l))).toHaveLength(5);
    expect(audit.split("\n").filter((l) => / vote-replaced /.test(l))).toHaveLength(1);
  });

  it("publishes anonymised ballots that an independent recount with the tally CLI confirms", async () => {
    const out = await simulate(app, await fs.readFile("test/fixtures/scenarios/election-stv.txt", "utf8"));
    const published = toMember(out, "ana").find((l) => l.text.startsWith("Anonymised ballots of E1"))!.text.split("\n");
    const seed = /Tie-break seed: ([0-9a-f]{64})/.exec(published[0]!)![1]!;
    // The message is two lines (the file and the unique-ballot count), then the file as the console prints it.
    const blt = published.slice(2, -1).join("\n") + "\n";
    // Header, five anonymous ballots in a seeded order, candidate names and title: nothing about voters.
    expect(blt.split("\n")[0]).toBe("3 2");
    expect(blt.split("\n").slice(1, 6).sort()).toEqual(["1 1 2 0", "1 1 3 0", "1 2 1 0", "1 3 1 0", "1 3 2 0"]);
    expect(blt.split("\n").slice(6)).toEqual(["0", '"ana"', '"ben"', '"eve"', '"E1 Youth spokespeople"', ""]);
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "caucus-recount-"));
    await fs.writeFile(path.join(dir, "e1.blt"), blt);
    const { stdout } = await exec("node_modules/.bin/tsx", ["adapters/cli/tallyCli.ts", "--method", "scottish-stv", "--seed", seed, path.join(dir, "e1.blt")]);
    expect(JSON.parse(stdout).elected).toEqual(["ana", "eve"]);
  });

  it("runs an approval election and reminds only those who have not voted", async () => {
    const out = await simulate(
      app,
      `${SETUP}
olga: /election create Youth "Speaker for the plenary" seats 1 method approval nominations 2026-05-02 12:00 voting 2026-05-04 12:00 UTC
olga: /election open E1
ana: /nominate E1 ana
ben: /nominate E1 ben
cat: /nominate E1 cat
advance 1d4h
ana: /vote E1 ana ben
ben: /vote E1 ben
cat: /vote E1 ben cat
dan: /vote E1 ana ben cat dan
olga: /election show E1
advance 2d
eve: /election results E1
eve: /election audit E1`,
    );
    const result = inChannel(out).find((l) => l.text.startsWith("🗳️ Result of E1"))!.text;
    expect(result).toContain("Elected: ben.");
    // The audit recounts the approval ballots and finds the head hash the result post showed in the channel.
    const audit = toMember(out, "eve").at(-1)!.text;
    expect(audit).toMatch(/✅ Audit of E1: every check passed/);
    const postedHead = /Audit log head after entry \d+ \(counted\): ([0-9a-f]{64})/.exec(result)![1]!;
    expect(audit).toMatch(new RegExp(`Posted at close: head after entry \\d+ \\(counted\\) ${postedHead}`));
    expect(result).toContain("Turnout: 3 of 6 (50%).");
    expect(toMember(out, "dan").map((l) => l.text)).toContain('⚠️ "dan" is not a candidate in E1. Candidates: ana, ben, cat.');
    // Coordinators and organisers see turnout, never contents.
    const show = toMember(out, "olga").find((l) => l.text.startsWith("E1 Speaker"))!.text;
    expect(show).toContain("Turnout so far: 3 of 6 on the roll.");
    expect(show).not.toMatch(/ana.*voted|ballot of/i);
    // Voting reminders (24h, 6h, 1h before 05-04 12:00) go to dan, eve and fay, who had not voted, not to ana, ben or cat.
    const votingReminders = (who: string) => reminders(out, who).filter((l) => l.text.includes("voting closes"));
    for (const who of ["ana", "ben", "cat"]) expect(votingReminders(who)).toEqual([]);
    for (const who of ["dan", "eve", "fay"]) expect(votingReminders(who).length).toBeGreaterThan(0);
    expect(toMember(out, "eve").at(-2)!.text).toContain("Elected: ben.");
  });

  it("drops a nominee and endorsers removed from the roster before nominations close", async () => {
    const out = await simulate(
      app,
      `${SETUP}
olga: /election create Youth "Speaker" seats 1 method irv nominations 2026-05-02 12:00 voting 2026-05-04 12:00 UTC endorsements 1
olga: /election open E1
ana: /nominate E1 ana
ben: /nominate E1 ben
fay: /endorse E1 ana
cat: /endorse E1 ben
olga: /constituency remove Youth ana fay
advance 1d4h
ben: /vote E1 ben
advance 2d
ana: /mandate ana`,
    );
    expect(inChannel(out).find((l) => l.text.startsWith("🗳️ Voting is open"))!.text).toMatch(/Candidates: ben\.\nRank them/);
    expect(inChannel(out).find((l) => l.text.startsWith("🗳️ Voting is open"))!.text).toMatch(/Roll: 4 members/);
    expect(toMember(out, "ana").at(-1)!.text).toBe("ana holds no mandate from a Caucus election.");
  });

  it("labels Schulze figures as rivals beaten, with the pairwise evidence, in results and mandates", async () => {
    const out = await simulate(
      app,
      `${SETUP}
olga: /election create Youth "Speaker" seats 1 method schulze nominations 2026-05-02 12:00 voting 2026-05-04 12:00 UTC
olga: /election open E1
ana: /nominate E1 ana
ben: /nominate E1 ben
cat: /nominate E1 cat
advance 1d4h
ana: /vote E1 ana ben cat
ben: /vote E1 ana ben cat
cat: /vote E1 cat ben ana
dan: /vote E1 cat ben ana
eve: /vote E1 ben ana cat
advance 2d
eve: /mandate ben`,
    );
    // Ranked ballots: 2× a>b>c, 2× c>b>a, 1× b>a>c. b beats a (3-2) and c (3-2): the Condorcet winner.
    const result = inChannel(out).find((l) => l.text.startsWith("🗳️ Result of E1"))!.text;
    expect(result).toContain("Elected: ben.");
    expect(result).toMatch(/Round 1: ana beats 1, ben beats 2, cat beats 0/);
    expect(result).toContain("ben: ana 3, ben -, cat 3");
    expect(toMember(out, "eve").at(-1)!.text).toMatch(/with beating 2 of 2 rivals by strongest path in round 1/);
  });

  it("elects nobody when no ballot was cast, rather than drawing lots", async () => {
    const out = await simulate(
      app,
      `${SETUP}
olga: /election create Youth "Speaker" seats 1 method approval nominations 2026-05-02 12:00 voting 2026-05-04 12:00 UTC
olga: /election open E1
ana: /nominate E1 ana
advance 4d
ana: /mandate ana`,
    );
    expect(inChannel(out).at(-1)!.text).toMatch(/closed 2026-05-04 12:00 UTC: no ballots were cast, so nobody was elected\./);
    expect(toMember(out, "ana").at(-1)!.text).toBe("ana holds no mandate from a Caucus election.");
  });

  it("refuses voting outside the voting phase and a non-member nominating or endorsing", async () => {
    const out = await simulate(
      app,
      `${SETUP}
olga: /election create Youth "Speaker" seats 1 method irv nominations 2026-05-02 12:00 voting 2026-05-04 12:00 UTC endorsements 1
ana: /nominate E1 ana
olga: /election open E1
ana: /nominate E1 ana
ana: /vote E1 ana
zed: /endorse E1 ana
ana: /endorse E1 ana
ana: /nominate E1 zed
olga: /election create Youth "Two seats" seats 2 method irv nominations 2026-05-02 12:00 voting 2026-05-04 12:00
olga: /election create Youth "Backwards" seats 1 method stv nominations 2026-05-04 12:00 voting 2026-05-02 12:00
olga: /election create Youth "Odd" seats 1 method borda nominations 2026-05-02 12:00 voting 2026-05-04 12:00
olga: /election create Youth "Twice" seats 1 seats 2 method stv nominations 2026-05-02 12:00 voting 2026-05-04 12:00
olga: /election create Youth "No time" seats 1 method stv nominations 2026-05-02 voting 2026-05-04 12:00
ben: /election create Youth "Not yours" seats 1 method irv nominations 2026-05-02 12:00 voting 2026-05-04 12:00
advance 4d
ana: /vote E1 ana`,
    );
    const ana = toMember(out, "ana").map((l) => l.text);
    expect(ana).toContain("⚠️ Nominations for E1 are not open yet.");
    expect(ana).toContain("⚠️ Voting in E1 has not opened yet: it opens when nominations close.");
    expect(ana).toContain("⚠️ You cannot endorse yourself: endorsements come from other members.");
    expect(ana).toContain("⚠️ zed is not on the roster of Youth, so they cannot stand in E1.");
    expect(ana.at(-1)).toBe("⚠️ Voting in E1 has closed.");
    expect(toMember(out, "zed").map((l) => l.text)).toContain("⚠️ You are not on the roster of Youth, so you cannot endorse in E1.");
    const olga = toMember(out, "olga").map((l) => l.text);
    expect(olga).toContain("⚠️ irv elects one seat: use stv or meek for several seats.");
    expect(olga).toContain("⚠️ Voting must close after nominations close.");
    expect(olga).toContain('⚠️ "borda" is not a method: use approval, irv, stv, meek or schulze.');
    expect(olga).toContain('⚠️ "seats" is given twice: say it once.');
    expect(olga.some((t) => t.startsWith('⚠️ "nominations" needs a date and a time (YYYY-MM-DD HH:mm)'))).toBe(true);
    expect(toMember(out, "ben").map((l) => l.text)).toContain("⚠️ Only network organisers and coordinators of Youth can create its elections.");
    expect(await app.db.prisma.election.count()).toBe(1);
  });
});

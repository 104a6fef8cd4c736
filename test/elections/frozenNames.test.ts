// Item 4 and "votes are matched by display name": names and ballot order are frozen when voting opens, and
// renames, before or after the close, change nothing in the count, the published ballots or the recount.
import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { App } from "../../adapters/compose.ts";
import type { Actor } from "../../src/event.ts";
import type { Send } from "../../src/message.ts";
import { parseBlt } from "../../src/tally/parseBlt.ts";
import { tally } from "../../src/tally/tally.ts";
import { actor, clearAll, run, targets, texts } from "../support/testApp.ts";

const exec = promisify(execFile);
const T0 = new Date("2026-05-01T08:00:00Z");
const NOMINATIONS_CLOSE = new Date("2026-05-02T12:00:00Z");
const VOTING = new Date("2026-05-02T13:00:00Z");
const CLOSE = new Date("2026-05-04T12:00:00Z");
const olga = actor("olga", { isPlatformAdmin: true });

const bltOf = (sends: Send[]) => sends.flatMap((s) => (s.kind === "reply" && s.message.attachment ? [s.message.attachment.content] : []))[0]!;
const seedOf = (sends: Send[]) => /Tie-break seed: ([0-9a-f]{64})/.exec(texts(sends))![1]!;
const electedIn = (sends: Send[]) => /Elected: ([^.]*)\./.exec(texts(sends))![1]!;

async function setUp(app: App, names: (string | Actor)[]) {
  for (const n of [...names, "cat"]) await run(app, n, "/timezone UTC", T0);
  // Joining themselves: adding look-alike names by name is refused (they must be mentioned).
  await run(app, olga, "/constituency create Youth open", T0);
  for (const n of [...names, "cat"]) await run(app, n, "/constituency join Youth", T0);
}

async function createElection(app: App, n: number) {
  await run(app, olga, `/election create Youth "Speaker ${n}" seats 1 method irv nominations 2026-05-02 12:00 voting 2026-05-04 12:00 UTC`, T0);
  await run(app, olga, `/election open E${n}`, T0);
}

describe("frozen candidate names", () => {
  let app: App;
  beforeAll(async () => {
    app = await targets()[0]!.open();
  });
  afterAll(async () => app?.close());
  beforeEach(async () => clearAll(app));

  it("recounts a tied election from /election ballots with the tally CLI and elects the same person after a candidate renames", async () => {
    await setUp(app, ["ana", "bob"]);
    await createElection(app, 1);
    await run(app, "ana", "/nominate E1 ana", T0);
    await run(app, "bob", "/nominate E1 bob", T0);
    await app.scheduler.tick(NOMINATIONS_CLOSE);
    // One vote each: a tie for exclusion in round 1, decided by lot, a hash of the seed and the candidates' names.
    await run(app, "ana", "/vote E1 ana", VOTING);
    await run(app, "bob", "/vote E1 bob", VOTING);
    await app.scheduler.tick(CLOSE);
    const results = await run(app, "cat", "/election results E1", CLOSE);
    const announced = electedIn(results);
    const seed = /Tie-break seed, revealed: ([0-9a-f]{64})/.exec(texts(results))![1]!;
    const before = bltOf(await run(app, "cat", "/election ballots E1", CLOSE));
    // The attacker's move: a spelling of bob's name under which this draw would elect the other candidate.
    const spellings = ["Bob", "BOB", "bob ", "Bobby", "Rob", "bobb", "b0b", "Bob B", "bob2", "bob3", "Bo", "Robert"];
    const flips = spellings.filter((spelling) => {
      const renamed = parseBlt(before.replace('"bob"', `"${spelling}"`));
      if (!renamed.ok) throw new Error(renamed.error);
      const elected = tally({ ...renamed.value, tieBreakSeed: seed }, "irv").elected[0]!;
      return (elected === "ana") !== (announced === "ana");
    });
    expect(flips.length).toBeGreaterThan(0);
    await run(app, actor("bob", { displayName: flips[0]! }), "/timezone UTC", CLOSE);
    expect(texts(await run(app, olga, "/constituency show Youth", CLOSE))).toContain(flips[0]!.trim());

    const published = await run(app, "cat", "/election ballots E1", CLOSE);
    const blt = bltOf(published);
    expect(seedOf(published)).toBe(seed);
    const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), "caucus-frozen-")), "E1.blt");
    await fs.writeFile(file, blt);
    const { stdout } = await exec("node_modules/.bin/tsx", ["adapters/cli/tallyCli.ts", "--method", "irv", "--seed", seed, file]);
    expect(JSON.parse(stdout).elected).toEqual([announced]);
    // The file names the candidates as they stood when voting opened, in ballot order.
    expect(blt).toBe(before);
    expect(blt.split("\n").slice(-4, -2)).toEqual(['"ana"', '"bob"']);
    expect(texts(await run(app, "cat", "/election results E1", CLOSE))).toContain(`Elected: ${announced}.`);
  });

  it("gives a candidate who renames to a rival's name during voting none of the rival's votes", async () => {
    await setUp(app, ["ana", "bob"]);
    await createElection(app, 1);
    // bob is nominated first: with names read at vote time, he would take the plain name "ana".
    await run(app, "bob", "/nominate E1 bob", T0);
    await run(app, "ana", "/nominate E1 ana", T0);
    await app.scheduler.tick(NOMINATIONS_CLOSE);
    await run(app, actor("bob", { displayName: "ana" }), "/timezone UTC", VOTING);
    const cast = texts(await run(app, "cat", "/vote E1 ana", VOTING));
    expect(cast).toContain("Ballot cast in E1: 1. ana");
    await app.scheduler.tick(CLOSE);
    const result = texts(await run(app, "cat", "/election results E1", CLOSE));
    expect(result).toContain("Elected: ana.");
    expect(result).toMatch(/Round 1: bob 0, ana 1/);
    const mandate = texts(await run(app, "cat", "/mandate ana", CLOSE));
    // "ana" now names two members (bob renamed): the name is refused, never guessed.
    expect(mandate).toMatch(/2 members are called "ana"/);
    const mandates = await app.db.prisma.mandate.findMany({ include: { member: { include: { identities: true } } } });
    expect(mandates.map((m) => m.member.identities[0]!.userId)).toEqual(["ana"]);
  });

  it("numbers look-alike candidates (ana, аna with a Cyrillic а), refuses the ambiguous name and takes the numbered one", async () => {
    const cyrillic = actor("аna", { userId: "u2" });
    await setUp(app, ["ana", cyrillic]);
    await createElection(app, 1);
    // By name, "ana" could be either: they are nominated by mention.
    expect(texts(await run(app, "ana", "/nominate E1 ana", T0))).toContain('2 members have names that look like "ana" (ana, аna)');
    await run(app, cyrillic, "/nominate E1 <@u2>", T0);
    await run(app, "ana", "/nominate E1 <@ana>", T0);
    const opened = texts(await app.scheduler.tick(NOMINATIONS_CLOSE).then(() => run(app, "cat", "/election show E1", VOTING)));
    expect(opened).toContain("Candidates, as frozen when voting opened (the names on the ballot and in the count): аna (1), ana (2).");
    expect(texts(await run(app, "cat", "/vote E1 ana", VOTING))).toContain('"ana" looks like 2 candidates whose names look alike: аna (1), ana (2).');
    expect(texts(await run(app, "cat", '/vote E1 "ana (2)"', VOTING))).toContain("Ballot cast in E1: 1. ana (2)");
    expect(await app.db.prisma.ballot.count()).toBe(1);
  });
});

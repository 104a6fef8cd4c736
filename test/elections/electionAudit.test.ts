// /election audit against a database administrator: raw SQL on the real database, triggers disabled where needed.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { App } from "../../adapters/compose.ts";
import { renderPlain } from "../../adapters/console/renderPlain.ts";
import { nextEntry, type LogEntry } from "../../src/elections/auditChain.ts";
import { resultHash } from "../../src/elections/ballotSetHash.ts";
import { countElection } from "../../src/elections/countElection.ts";
import type { Send } from "../../src/message.ts";
import { actor, clearAll, run, targets, texts, tick } from "../support/testApp.ts";

const T0 = new Date("2026-05-01T08:00:00Z");
const NOMINATIONS = new Date("2026-05-02T12:00:00Z");
const VOTING = new Date("2026-05-02T13:00:00Z");
const CLOSE = new Date("2026-05-04T12:00:00Z");
const AFTER = new Date("2026-05-05T08:00:00Z");

type Head = { seq: number; kind: string; hash: string };
/** The head hashes the channel posts showed members, by the entry kind they follow. */
function postedHeads(sends: Send[]): Head[] {
  const out: Head[] = [];
  for (const s of sends) {
    if (s.kind !== "post") continue;
    for (const m of renderPlain(s.message).matchAll(/Audit log head after entry (\d+) \(([a-z-]+)\): ([0-9a-f]{64})/g)) out.push({ seq: Number(m[1]), kind: m[2]!, hash: m[3]! });
  }
  return out;
}
/** The head hashes /election audit says members should have seen. */
const expectedHeads = (audit: string): Head[] =>
  [...audit.matchAll(/Posted at [a-z ]+: head after entry (\d+) \(([a-z-]+)\) ([0-9a-f]{64})/g)].map((m) => ({ seq: Number(m[1]), kind: m[2]!, hash: m[3]! }));

/** Four members, three candidates, IRV, four ballots, closed: the heads posted at open, voting open and close. */
async function closedElection(app: App): Promise<Head[]> {
  const olga = actor("olga", { isPlatformAdmin: true });
  for (const n of ["ana", "ben", "cat", "dan"]) await run(app, n, "/timezone UTC", T0);
  await run(app, olga, "/constituency create Youth", T0);
  await run(app, olga, "/constituency add Youth ana ben cat dan", T0);
  await run(app, olga, '/election create Youth "Speaker" seats 1 method irv nominations 2026-05-02 12:00 voting 2026-05-04 12:00 UTC', T0);
  const posted = postedHeads(await run(app, olga, "/election open E1", T0));
  for (const n of ["ana", "ben", "cat"]) await run(app, n, `/nominate E1 ${n}`, T0);
  posted.push(...postedHeads(await tick(app, NOMINATIONS)));
  await run(app, "ana", "/vote E1 ana ben", VOTING);
  await run(app, "ben", "/vote E1 ben ana", VOTING);
  await run(app, "cat", "/vote E1 cat ben", VOTING);
  await run(app, "dan", "/vote E1 ben", VOTING);
  posted.push(...postedHeads(await tick(app, CLOSE)));
  return posted;
}

const audit = async (app: App) => texts(await run(app, "dan", "/election audit E1", AFTER));
const memberId = async (app: App, name: string) => (await app.db.prisma.member.findFirstOrThrow({ where: { displayName: name } })).id;

/** As an administrator would: the log's triggers off for one statement batch, then on again. */
async function withLogTriggersOff(app: App, sql: (db: App["db"]["prisma"]) => Promise<unknown>): Promise<void> {
  await app.db.prisma.$executeRawUnsafe(`ALTER TABLE "ElectionLogEntry" DISABLE TRIGGER USER`);
  try {
    await sql(app.db.prisma);
  } finally {
    await app.db.prisma.$executeRawUnsafe(`ALTER TABLE "ElectionLogEntry" ENABLE TRIGGER USER`);
  }
}

for (const target of targets()) {
  describe(`/election audit against a database administrator, on ${target.name}`, () => {
    let app: App;
    beforeAll(async () => {
      app = await target.open();
    });
    afterAll(async () => app?.close());
    beforeEach(async () => clearAll(app));

    it("passes an untouched election and prints the head hashes posted in the channel at open, voting open and close", async () => {
      const posted = await closedElection(app);
      expect(posted.map((h) => h.kind)).toEqual(["opened", "voting-opened", "counted"]);
      const text = await audit(app);
      expect(text).toMatch(/✅ Audit of E1: every check passed/);
      expect(text).toMatch(/✅ The 4 stored ballots are the ones committed at close/);
      expect(text).toMatch(/✅ A recount of the stored ballots gives the result committed at close/);
      expect(text).toMatch(/✅ The revealed seed hashes to the seed hash committed when voting opened/);
      expect(text).not.toMatch(/❌/);
      expect(expectedHeads(text)).toEqual(posted);
    });

    it("reports a ballot changed with UPDATE after the close", async () => {
      await closedElection(app);
      const [ben, cat] = [await memberId(app, "ben"), await memberId(app, "cat")];
      // dan's lone "ben" becomes "cat": the published ballots would now elect someone else, or at least count differently.
      const changed = await app.db.prisma.$executeRawUnsafe(`UPDATE "Ballot" SET choices = $1::jsonb WHERE choices = $2::jsonb`, JSON.stringify([cat]), JSON.stringify([ben]));
      expect(changed).toBe(1);
      const text = await audit(app);
      expect(text).toMatch(/✅ Audit log of E1: \d+ entries, chain intact/);
      expect(text).toMatch(/❌ The stored ballots are not the ones committed at close: 4 ballots with hash [0-9a-f]{64}, committed 4 with hash [0-9a-f]{64}/);
      expect(text).toMatch(/❌ A recount of the stored ballots gives result hash [0-9a-f]{64}, but the log committed result hash [0-9a-f]{64} at close/);
      expect(text).toMatch(/❌ Audit of E1 found tampering/);
    });

    it("reports a ballot deleted after the close", async () => {
      await closedElection(app);
      await app.db.prisma.$executeRawUnsafe(`DELETE FROM "Ballot" WHERE ctid = (SELECT ctid FROM "Ballot" LIMIT 1)`);
      expect(await audit(app)).toMatch(/❌ The stored ballots are not the ones committed at close: 3 ballots with hash [0-9a-f]{64}, committed 4/);
    });

    it("refuses TRUNCATE of the audit log, directly or by cascade", async () => {
      await closedElection(app);
      const before = await app.db.prisma.electionLogEntry.count();
      await expect(app.db.prisma.$executeRawUnsafe(`TRUNCATE "ElectionLogEntry"`)).rejects.toThrow(/append-only \(TRUNCATE refused\)/);
      await expect(app.db.prisma.$executeRawUnsafe(`TRUNCATE "Election" CASCADE`)).rejects.toThrow(/append-only \(TRUNCATE refused\)/);
      expect(await app.db.prisma.electionLogEntry.count()).toBe(before);
      expect(await audit(app)).toMatch(/✅ Audit of E1: every check passed/);
    });

    it("reports a log emptied with its triggers disabled, and has no head left that matches the posts", async () => {
      const posted = await closedElection(app);
      await withLogTriggersOff(app, (db) => db.$executeRawUnsafe(`TRUNCATE "ElectionLogEntry"`));
      const text = await audit(app);
      expect(text).toMatch(/❌ Audit of E1 found tampering/);
      expect(text).toMatch(/❌ The log has no "created", "opened", "voting-opened", "closed", "counted" entries, yet the election is closed: entries were removed or the log was emptied/);
      expect(text).toMatch(/Posted at close: no "counted" entry in the log, so no hash to compare/);
      for (const h of posted) expect(text).not.toContain(h.hash);
    });

    it("reports a log cut short after voting opened (the later entries deleted)", async () => {
      await closedElection(app);
      await withLogTriggersOff(app, (db) => db.$executeRawUnsafe(`DELETE FROM "ElectionLogEntry" WHERE kind IN ('closed', 'counted')`));
      const text = await audit(app);
      expect(text).toMatch(/✅ Audit log of E1: \d+ entries, chain intact/);
      expect(text).toMatch(/❌ The log has no "closed", "counted" entries, yet the election is closed/);
    });

    it("cannot tell a log rewritten from scratch to fit changed ballots, but its heads no longer match the posts", async () => {
      const posted = await closedElection(app);
      const [ben, cat] = [await memberId(app, "ben"), await memberId(app, "cat")];
      await app.db.prisma.$executeRawUnsafe(`UPDATE "Ballot" SET choices = $1::jsonb WHERE choices = $2::jsonb`, JSON.stringify([cat]), JSON.stringify([ben]));
      // The administrator recounts with the bot's own code, stores that result and re-chains a log that commits to it.
      const e = (await app.store.elections.find((await app.db.prisma.network.findFirstOrThrow()).id, 1))!;
      const count = await countElection(app.store, e);
      if (!count.result.ok || !count.result.value) throw new Error("the forged ballots should count");
      const forgedResult = count.result.value;
      const rows = await app.store.elections.log(e.id);
      const forged: LogEntry[] = [];
      for (const x of rows) {
        const payload = x.kind === "closed" ? { ...(x.payload as object), ballotsHash: count.ballotsHash } : x.kind === "counted" ? { ...(x.payload as object), elected: forgedResult.elected, resultHash: resultHash(forgedResult) } : x.payload;
        forged.push(nextEntry(forged.at(-1) ?? null, x.kind, new Date(x.at), payload));
      }
      await app.db.prisma.$executeRawUnsafe(`UPDATE "Election" SET result = $1::jsonb WHERE id = $2`, JSON.stringify(forgedResult), e.id);
      await withLogTriggersOff(app, async (db) => {
        await db.$executeRawUnsafe(`DELETE FROM "ElectionLogEntry"`);
        for (const f of forged) await app.store.elections.appendLog(e.id, f);
      });
      const text = await audit(app);
      // Every check against the database passes: only what members saw in the channel shows the rewrite.
      expect(text).toMatch(/✅ Audit of E1: every check passed/);
      const expected = expectedHeads(text);
      expect(expected.map((h) => h.kind)).toEqual(["opened", "voting-opened", "counted"]);
      expect(expected.find((h) => h.kind === "counted")!.hash).not.toBe(posted.find((h) => h.kind === "counted")!.hash);
      // Entries before the change keep their hashes: the heads posted at open and voting open still match.
      expect(expected.slice(0, 2)).toEqual(posted.slice(0, 2));
    });

    it("reports a result changed in the database after the close", async () => {
      await closedElection(app);
      await app.db.prisma.$executeRawUnsafe(`UPDATE "Election" SET result = jsonb_set(result, '{elected}', '["cat"]')`);
      const text = await audit(app);
      expect(text).toMatch(/✅ A recount of the stored ballots gives the result committed at close/);
      expect(text).toMatch(/❌ The result \/election results shows \(result hash [0-9a-f]{64}\) is not the one committed at close \(result hash [0-9a-f]{64}\)/);
    });

    it("reports a revealed seed that does not hash to the seed hash committed when voting opened", async () => {
      await closedElection(app);
      const forgedSeed = "ab".repeat(32);
      await app.db.prisma.$executeRawUnsafe(`UPDATE "Election" SET seed = $1`, forgedSeed);
      const text = await audit(app);
      expect(text).toMatch(new RegExp(`❌ The revealed seed ${forgedSeed} hashes to [0-9a-f]{64}, not to the seed hash committed when voting opened`));
      expect(text).toMatch(new RegExp(`❌ The seed on the election \\(${forgedSeed}\\) is not the one revealed in the log`));
    });

    it("reports a seed hash swapped on the election to fit a forged seed", async () => {
      await closedElection(app);
      await app.db.prisma.$executeRawUnsafe(`UPDATE "Election" SET seed = $1, "seedHash" = encode(sha256(convert_to($1, 'UTF8')), 'hex')`, "cd".repeat(32));
      const text = await audit(app);
      expect(text).toMatch(/❌ The election's seed hash \([0-9a-f]{64}\) is not the one logged when voting opened/);
      expect(text).toMatch(/❌ The revealed seed (cd){32} hashes to/);
    });
  });
}

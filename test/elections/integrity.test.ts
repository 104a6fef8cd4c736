import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { App } from "../../adapters/compose.ts";
import { actor, clearAll, run, targets, texts, tick } from "../support/testApp.ts";

const T0 = new Date("2026-05-01T08:00:00Z");
const VOTING = new Date("2026-05-02T13:00:00Z");

async function openElection(app: App) {
  const olga = actor("olga", { isPlatformAdmin: true });
  for (const n of ["ana", "ben", "cat"]) await run(app, n, "/timezone UTC", T0);
  await run(app, olga, "/constituency create Youth", T0);
  await run(app, olga, "/constituency add Youth ana ben cat", T0);
  await run(app, olga, '/election create Youth "Speaker" seats 1 method irv nominations 2026-05-02 12:00 voting 2026-05-04 12:00 UTC', T0);
  await run(app, olga, "/election open E1", T0);
  await run(app, "ana", "/nominate E1 ana", T0);
  await run(app, "ben", "/nominate E1 ben", T0);
  await app.scheduler.tick(new Date("2026-05-02T12:00:00Z"));
}

for (const target of targets()) {
  describe(`election integrity on ${target.name}`, () => {
    let app: App;
    beforeAll(async () => {
      app = await target.open();
    });
    afterAll(async () => app?.close());
    beforeEach(async () => clearAll(app));

    it("keeps one ballot per member when the same member votes twice at the same moment", async () => {
      await openElection(app);
      const replies = (await Promise.all([run(app, "cat", "/vote E1 ana ben", VOTING), run(app, "cat", "/vote E1 ben ana", VOTING), run(app, "cat", "/vote E1 ben", VOTING)])).map(texts);
      // One gets in; the others find cat has voted and ask for the receipt.
      expect(replies.filter((t) => /Ballot cast/.test(t))).toHaveLength(1);
      expect(replies.filter((t) => /You have already voted in E1/.test(t))).toHaveLength(2);
      expect(await app.db.prisma.ballot.count()).toBe(1);
      expect(await app.db.prisma.hasVoted.count()).toBe(1);
      const log = await app.db.prisma.electionLogEntry.findMany({ where: { kind: { in: ["vote-cast", "vote-replaced"] } } });
      expect(log.map((l) => l.kind)).toEqual(["vote-cast"]);
    });

    it("stores who voted and the ballot apart, with nothing in common, and at close forgets the one and seals the other", async () => {
      await openElection(app);
      const receipt = /Receipt: (\S+)\./.exec(texts(await run(app, "cat", "/vote E1 ana", VOTING)))![1]!;
      const ballot = await app.db.prisma.ballot.findFirstOrThrow();
      const voted = await app.db.prisma.hasVoted.findFirstOrThrow();
      // No member id, no time on the ballot; no time, no ballot on the has-voted row. The key is a hash of a
      // receipt only cat holds, and not the hash the audit log shows.
      expect(Object.keys(ballot).sort()).toEqual(["choices", "electionId", "id", "key"]);
      expect(Object.keys(voted).sort()).toEqual(["electionId", "memberId"]);
      expect(ballot.key).toMatch(/^[0-9a-f]{64}$/);
      const logged = (await app.db.prisma.electionLogEntry.findMany()).map((l) => JSON.stringify(l.payload)).join("\n");
      expect(logged).not.toContain(ballot.key);
      expect(logged).not.toContain(ballot.id);
      expect(logged).not.toContain(receipt);
      await app.scheduler.tick(new Date("2026-05-04T12:00:00Z"));
      expect((await app.db.prisma.election.findFirstOrThrow()).status).toBe("closed");
      expect(await app.db.prisma.hasVoted.count()).toBe(0);
      const sealed = await app.db.prisma.ballot.findFirstOrThrow();
      expect(sealed).toMatchObject({ key: null, choices: ballot.choices });
      expect(sealed.id).not.toBe(ballot.id);
    });

    it("keeps the voting reminders of a member removed from the roster after the roll froze: they still have a vote", async () => {
      await openElection(app);
      await run(app, actor("olga", { isPlatformAdmin: true }), "/constituency remove Youth cat", VOTING);
      const dayBefore = await tick(app, new Date("2026-05-03T12:00:00Z"));
      const toCat = dayBefore.filter((d) => d.kind === "dm" && d.to.displayName === "cat");
      expect(texts(toCat)).toMatch(/Reminder: D2 E1 voting closes: Speaker is due in 1 d/);
      expect(texts(await run(app, "cat", "/vote E1 ben", new Date("2026-05-03T12:05:00Z")))).toMatch(/Ballot cast/);
    });

    it("drops every voting reminder at close, of voters and non-voters alike, and their outbox messages", async () => {
      await openElection(app);
      await run(app, "ana", "/vote E1 ana", VOTING);
      // A day before the close ben and cat are reminded and ana is not: the rows differ while voting is open.
      expect((await tick(app, new Date("2026-05-03T12:00:00Z"))).filter((d) => d.kind === "dm").map((d) => (d.kind === "dm" ? d.to.displayName : "")).sort()).toEqual(["ben", "cat"]);
      const voting = await app.db.prisma.deadline.findFirstOrThrow({ where: { electionPhase: "voting" } });
      const before = (await app.db.prisma.reminder.findMany({ where: { deadlineId: voting.id } })).map((r) => r.id);
      expect(before.length).toBeGreaterThan(0);
      await app.scheduler.tick(new Date("2026-05-04T12:00:00Z"));
      expect(await app.db.prisma.reminder.count({ where: { deadlineId: voting.id } })).toBe(0);
      expect(await app.db.prisma.outboxMessage.count({ where: { key: { in: before.map((id) => `reminder:${id}`) } } })).toBe(0);
    });

    it("counts no ballot that arrives after the close, even from a transaction that started before it", async () => {
      await openElection(app);
      await run(app, "ana", "/vote E1 ana", VOTING);
      const close = new Date("2026-05-04T12:00:00Z");
      const [late] = await Promise.all([run(app, "ben", "/vote E1 ben", new Date(close.getTime() - 1)), app.scheduler.tick(close)]);
      const e = await app.db.prisma.election.findFirstOrThrow();
      const counted = (e.result as { validVotes: string }).validVotes;
      // Either the vote got in before the close and was counted, or it was refused: never stored but uncounted.
      expect(await app.db.prisma.ballot.count()).toBe(Number(counted));
      if (Number(counted) === 1) expect(texts(late)).toMatch(/Voting in E1 has closed/);
    });

    it("refuses to update or delete audit log entries in the database itself", async () => {
      await openElection(app);
      await expect(app.db.prisma.electionLogEntry.updateMany({ data: { kind: "forged" } })).rejects.toThrow(/append-only/);
      await expect(app.db.prisma.electionLogEntry.deleteMany({})).rejects.toThrow(/append-only/);
    });

    it("reports tampering in /election audit when someone with database access bypasses the guard", async () => {
      await openElection(app);
      expect(texts(await run(app, "ana", "/election audit E1", VOTING))).toMatch(/✅ Audit log of E1: \d+ entries, chain intact/);
      await app.db.prisma.$executeRawUnsafe(`ALTER TABLE "ElectionLogEntry" DISABLE TRIGGER "ElectionLogEntry_append_only"`);
      try {
        await app.db.prisma.$executeRawUnsafe(`UPDATE "ElectionLogEntry" SET payload = '{"candidate":"mallory","by":"olga","self":false}' WHERE seq = 3`);
      } finally {
        await app.db.prisma.$executeRawUnsafe(`ALTER TABLE "ElectionLogEntry" ENABLE TRIGGER "ElectionLogEntry_append_only"`);
      }
      expect(texts(await run(app, "ana", "/election audit E1", VOTING))).toMatch(/❌ Audit log of E1 is TAMPERED: entry 3's contents do not match its hash/);
    });
  });
}

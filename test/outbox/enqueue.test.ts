import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { App } from "../../adapters/compose.ts";
import { silentLogger } from "../../src/logger.ts";
import { createReminderScheduler } from "../../src/reminderScheduler.ts";
import { actor, channel, clearAll, delivered, run, targets, texts } from "../support/testApp.ts";

const T0 = new Date("2026-06-01T08:00:00Z");
const olga = actor("olga", { isPlatformAdmin: true });

for (const target of targets()) {
  describe(`what causes a message enqueues it, atomically (${target.name})`, () => {
    let app: App;
    beforeAll(async () => {
      app = await target.open();
    });
    afterAll(async () => app?.close());
    beforeEach(async () => clearAll(app));

    it("returns only the answers of a command; its DMs and post wait in the outbox under cmd:<uuid>:<i> keys", async () => {
      await run(app, "ana", "/timezone UTC", T0);
      await run(app, olga, "/timezone UTC", T0);
      const answers = await app.bot.handle({ kind: "command", actor: olga, channel, name: "deadline", text: 'add "Speakers" 2026-06-05 08:00 UTC' }, T0);
      expect(answers.map((a) => a.kind)).toEqual(["reply"]);
      const rows = await app.db.prisma.outboxMessage.findMany({ orderBy: { seq: "asc" } });
      expect(rows.map((r) => r.key)).toEqual([0, 1, 2].map((i) => expect.stringMatching(new RegExp(`^cmd:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}:${i}$`))));
      expect(new Set(rows.map((r) => r.key.split(":")[1])).size).toBe(1);
      expect(rows.every((r) => r.status === "pending" && r.createdAt.getTime() === T0.getTime())).toBe(true);
      expect(texts(await delivered(app, T0))).toMatch(/📅 New deadline D1/);
    });

    it("writes no message when the command that caused it is rolled back", async () => {
      await run(app, olga, "/timezone UTC", T0);
      const before = await app.db.prisma.outboxMessage.count();
      // A deadline in the past is refused after parsing: nothing announced, nothing queued.
      const answers = await app.bot.handle({ kind: "command", actor: olga, channel, name: "deadline", text: 'add "Late" 2026-05-01 08:00 UTC' }, T0);
      expect(texts(answers)).toMatch(/⚠️/);
      expect(await app.db.prisma.outboxMessage.count()).toBe(before);
    });

    it("loses no reminder when the tick fails between claiming it and enqueuing its DM: the claim is undone", async () => {
      await run(app, "ana", "/quiet off", T0);
      await run(app, olga, "/quiet off", T0);
      await run(app, olga, '/deadline add "Speakers" 2026-06-05 08:00 UTC remind 24h', T0);
      const due = new Date("2026-06-04T08:00:00Z");
      let crash = true;
      const crashing = createReminderScheduler(app.store, silentLogger, async () => {
        if (crash) throw new Error("crash after the claim");
        return true;
      });
      await expect(crashing.tick(due)).rejects.toThrow(/crash after the claim/);
      expect(await app.db.prisma.reminder.count({ where: { sentAt: null } })).toBe(2);
      expect(await app.db.prisma.outboxMessage.count({ where: { key: { startsWith: "reminder:" } } })).toBe(0);
      crash = false;
      expect(await crashing.tick(due)).toBe(2);
      const reminders = await app.db.prisma.reminder.findMany({ select: { id: true } });
      const keys = (await app.db.prisma.outboxMessage.findMany({ where: { key: { startsWith: "reminder:" } } })).map((r) => r.key).sort();
      expect(keys).toEqual(reminders.map((r) => `reminder:${r.id}`).sort());
      expect(texts(await delivered(app, due))).toMatch(/⏰ Reminder: D1 Speakers is due in 1 d/);
    });

    it("enqueues an election's phase-change messages with the change, keyed by election and phase", async () => {
      for (const n of ["ana", "ben"]) await run(app, n, "/timezone UTC", T0);
      await run(app, olga, "/constituency create Youth", T0);
      await run(app, olga, "/constituency add Youth ana ben", T0);
      await run(app, olga, '/election create Youth "Speaker" seats 1 method irv nominations 2026-06-02 12:00 voting 2026-06-04 12:00 UTC', T0);
      await run(app, olga, "/election open E1", T0);
      await run(app, "ana", "/nominate E1 ana", T0);
      await run(app, "ben", "/nomination E1 accept", T0);
      const election = await app.db.prisma.election.findFirstOrThrow();
      const at = new Date("2026-06-02T12:00:00Z");
      await app.scheduler.tick(at);
      const keys = (await app.db.prisma.outboxMessage.findMany({ where: { key: { startsWith: "election:" } }, orderBy: { seq: "asc" } })).map((r) => r.key);
      expect(keys.length).toBeGreaterThan(0);
      expect(keys.every((k) => k.startsWith(`election:${election.id}:voting:`))).toBe(true);
      expect(texts(await delivered(app, at))).toMatch(/🗳️ Voting is open for E1 Speaker/);
    });
  });
}

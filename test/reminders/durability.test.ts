import { afterAll, describe, expect, it } from "vitest";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { openApp, type App } from "../../adapters/compose.ts";
import { silentLogger } from "../../src/logger.ts";
import { createReminderScheduler } from "../../src/reminderScheduler.ts";
import type { Send } from "../../src/message.ts";
import { actor, clearAll, delivered, run, targets, texts, tick } from "../support/testApp.ts";

const T0 = new Date("2026-06-01T08:00:00Z");
const at = (h: number) => new Date(T0.getTime() + h * 3_600_000);
const dmsTo = (sends: Send[]) => sends.filter((s) => s.kind === "dm").map((s) => (s.kind === "dm" ? s.to.displayName : ""));

describe("reminders survive a real restart", () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await fs.rm(d, { recursive: true, force: true });
  });

  it("sends a missed reminder once after restart, and never again after another restart", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "caucus-restart-"));
    dirs.push(dir);
    const target = { kind: "pglite", dataDir: path.join(dir, "pglite") } as const;
    const olga = actor("olga", { isPlatformAdmin: true });

    let app: App = await openApp(target, silentLogger);
    await run(app, "ana", "/quiet off", T0);
    await run(app, olga, "/quiet off", T0);
    const saved = texts(await run(app, olga, '/deadline add "Speakers" 2026-06-05 08:00 UTC remind 72h,1h', T0));
    expect(saved).toMatch(/Saved D1/);
    await app.close();

    // Down for 3.5 days: the 72h reminder (T0+24h) was missed while the deadline is still ahead.
    app = await openApp(target, silentLogger);
    const first = await tick(app, at(84));
    expect(dmsTo(first).sort()).toEqual(["ana", "olga"]);
    expect(texts(first)).toMatch(/\(Late: this reminder was due at 2026-06-02 08:00 UTC; Caucus was offline then\.\)/);
    expect(await tick(app, at(84))).toEqual([]);
    await app.close();

    app = await openApp(target, silentLogger);
    expect(await tick(app, at(84))).toEqual([]);
    const last = await tick(app, at(95));
    expect(dmsTo(last).sort()).toEqual(["ana", "olga"]);
    expect(texts(last)).not.toMatch(/Late/);
    expect(await app.db.prisma.reminder.count({ where: { sentAt: { not: null } } })).toBe(4);
    await app.close();
  }, 90_000);
});

describe("reminder wording", () => {
  it("says the planned lead time (1 h) even when the tick runs a few seconds after the due time", async () => {
    const app = await targets()[0]!.open();
    try {
      const olga = actor("olga", { isPlatformAdmin: true });
      await run(app, olga, "/quiet off", T0);
      await run(app, olga, '/deadline add "Speakers" 2026-06-01 12:00 UTC remind 1h', T0);
      const sends = await tick(app, new Date("2026-06-01T11:00:03Z"));
      const [headline, ...card] = texts(sends).split("\n");
      expect(headline).toBe("⏰ Reminder: D1 Speakers is due in 1 h: 2026-06-01 12:00 UTC (your time).");
      // The card (printed after the text on the console) states the same lead.
      expect(card).toEqual(["D1 Speakers", "Due: 2026-06-01 12:00 UTC", "Time left: 1 h", "Notice given: 4 h", "⚠️ Short notice: less than 72 h"]);
    } finally {
      await app.close();
    }
  });
});

for (const target of targets()) {
  describe(`several bot instances on one database (${target.name})`, () => {
    let apps: App[] = [];
    afterAll(async () => {
      for (const a of apps) await a.close();
    });

    it(`sends each due reminder exactly once when instances tick at the same moment${target.name === "pglite" ? " (one shared handle; a real server runs it with separate pools)" : ""}`, async () => {
      const main = await target.open();
      apps.push(main);
      await clearAll(main);
      // On a server, a second instance is a second process-like client with its own pool; PGlite is
      // single-connection, so there the two instances share the database handle.
      const second = target.name === "postgres" ? await target.open() : main;
      if (second !== main) apps.push(second);
      const olga = actor("olga", { isPlatformAdmin: true });
      await run(main, olga, "/quiet off", T0);
      const names = Array.from({ length: 25 }, (_, i) => `m${i}`);
      for (const n of names) await run(main, n, "/quiet off", T0);
      await run(main, olga, '/deadline add "Speakers" 2026-06-05 08:00 UTC remind 72h,24h', T0);

      // Small batches, so claims interleave across instances and a member's steps fall in different batches.
      const schedulers = [main, second, main, second].map((a) => createReminderScheduler(a.store, silentLogger, undefined, 5));
      const enqueued = await Promise.all(schedulers.map((s) => s.tick(at(80))));
      expect(enqueued.reduce((a, b) => a + b, 0)).toBe(26);
      const all = (await Promise.all([delivered(main, at(80)), delivered(second, at(80))])).flat().filter((s) => s.kind === "dm");
      // Both steps (72h at T0+24h, 24h at T0+72h) are overdue at T0+80h: each member gets the most urgent once.
      expect(all).toHaveLength(26);
      expect(new Set(dmsTo(all)).size).toBe(26);
      expect(texts(all)).not.toMatch(/due in 3 d/);
      expect(await main.db.prisma.reminder.count({ where: { droppedAt: { not: null } } })).toBe(26);
      expect(await Promise.all(schedulers.map((s) => s.tick(at(80))))).toEqual([0, 0, 0, 0]);
      expect(await delivered(main, at(80))).toEqual([]);
    });
  });
}

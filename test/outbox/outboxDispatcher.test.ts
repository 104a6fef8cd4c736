import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { App } from "../../adapters/compose.ts";
import { silentLogger } from "../../src/logger.ts";
import { createOutboxDispatcher, type DispatchOptions } from "../../src/outboxDispatcher.ts";
import { UNLIMITED, type Delivery, type DeliveryOutcome, type PlatformPort } from "../../src/platformPort.ts";
import { createVirtualClock, type VirtualClock } from "../../src/virtualClock.ts";
import { deliveryReport, deliveryReportMessage, retryFailedDeliveries } from "../../src/deliveryReport.ts";
import { renderPlain } from "../../adapters/console/renderPlain.ts";
import type { Rate } from "../../src/tokenBucket.ts";
import { sleep } from "../../adapters/sleep.ts";
import { actor, channel, clearAll, run, targets } from "../support/testApp.ts";

const T0 = new Date("2026-06-01T08:00:00Z");
const olga = actor("olga", { isPlatformAdmin: true });
const who = (d: Delivery) => (d.kind === "dm" ? d.to.displayName : `#${d.channel.name}`);

type Attempt = { key: string; to: string; at: number; n: number };
type Answer = DeliveryOutcome | "throw";

/** The far side of the network: a platform that answers as the test says and records every attempt. */
function fakePlatform(clock: VirtualClock, answer: (to: string, n: number) => Answer = () => ({ kind: "sent" }), rate: Rate = UNLIMITED.rate) {
  const attempts: Attempt[] = [];
  const arrived: Attempt[] = [];
  const tries = new Map<string, number>();
  const port: PlatformPort = {
    platform: "console",
    limits: { ...UNLIMITED, rate },
    start: async () => {},
    stop: async () => {},
    connected: () => true,
    async deliver(d, key) {
      const n = (tries.get(key) ?? 0) + 1;
      tries.set(key, n);
      const a = { key, to: who(d), at: clock.now().getTime() - T0.getTime(), n };
      attempts.push(a);
      const out = answer(a.to, n);
      if (out === "throw") throw new Error("ETIMEDOUT: the platform did not answer");
      if (out.kind === "sent") arrived.push(a);
      return out;
    },
  };
  return { port, attempts, arrived };
}

function dispatcherFor(app: App, clock: VirtualClock, port: PlatformPort, options: Partial<DispatchOptions> = {}, owner = "test") {
  return createOutboxDispatcher({ outbox: app.store.outbox, ports: [port], now: clock.now, sleep: clock.sleep, random: app.random, log: silentLogger, owner, options });
}

/** Members who exist (their own setup messages delivered), then a network-wide deadline whose messages wait in the outbox. */
async function announce(app: App, names: string[]): Promise<number> {
  for (const n of [...names, "olga"]) await run(app, n === "olga" ? olga : n, "/timezone UTC", T0);
  await app.bot.handle({ kind: "command", actor: olga, channel, name: "deadline", text: 'add "Speakers" 2026-06-05 08:00 UTC' }, T0);
  return app.db.prisma.outboxMessage.count({ where: { status: "pending" } });
}

const once = (arrived: Attempt[]) => new Set(arrived.map((a) => a.key)).size === arrived.length;

for (const target of targets()) {
  describe(`outbox dispatcher on ${target.name}`, () => {
    let app: App;
    beforeAll(async () => {
      app = await target.open();
    });
    afterAll(async () => app?.close());
    beforeEach(async () => clearAll(app));

    it("delivers the announcement to every member and the channel, each once, in the order it was made", async () => {
      const waiting = await announce(app, ["ana", "ben", "cat"]);
      expect(waiting).toBe(5);
      const clock = createVirtualClock(T0);
      const p = fakePlatform(clock);
      await dispatcherFor(app, clock, p.port, { concurrency: 1 }).settle();
      expect(p.arrived.map((a) => a.to)).toEqual(["#general", "ana", "ben", "cat", "olga"]);
      expect(await app.db.prisma.outboxMessage.count({ where: { status: "sent" } })).toBe(5);
    });

    it("retries a delivery answered 429 with Retry-After 2 s no sooner than 2 s later, pausing the platform meanwhile, and it arrives", async () => {
      await announce(app, ["ana", "ben", "cat"]);
      const clock = createVirtualClock(T0);
      const p = fakePlatform(clock, (to, n) => (to === "ana" && n === 1 ? { kind: "retry", reason: "HTTP 429 rate_limited", retryAfterMs: 2_000 } : { kind: "sent" }));
      await dispatcherFor(app, clock, p.port).settle();
      const limited = p.attempts.find((a) => a.to === "ana" && a.n === 1)!;
      const again = p.attempts.find((a) => a.to === "ana" && a.n === 2)!;
      expect(again.at - limited.at).toBeGreaterThanOrEqual(2_000);
      // Nothing else went to the platform while it said to wait.
      expect(p.attempts.filter((a) => a.at > limited.at && a.at < limited.at + 2_000)).toEqual([]);
      expect(p.arrived.map((a) => a.to).sort()).toEqual(["#general", "ana", "ben", "cat", "olga"]);
      expect(once(p.arrived)).toBe(true);
    });

    it("retries 5xx answers and timeouts with growing waits until they arrive, dropping nothing", async () => {
      await announce(app, ["ana", "ben", "cat"]);
      const clock = createVirtualClock(T0);
      const p = fakePlatform(clock, (to, n) => {
        if (to === "ben" && n === 1) return "throw";
        if (to === "ben" && n === 2) return { kind: "retry", reason: "HTTP 503" };
        if (to === "cat" && n <= 3) return { kind: "retry", reason: "HTTP 502" };
        return { kind: "sent" };
      });
      await dispatcherFor(app, clock, p.port).settle();
      expect(p.arrived.map((a) => a.to).sort()).toEqual(["#general", "ana", "ben", "cat", "olga"]);
      expect(p.attempts.filter((a) => a.to === "ben").map((a) => a.n)).toEqual([1, 2, 3]);
      const cat = p.attempts.filter((a) => a.to === "cat").map((a) => a.at);
      expect(cat).toHaveLength(4);
      for (let i = 1; i < cat.length; i++) expect(cat[i]!).toBeGreaterThan(cat[i - 1]!);
      const row = await app.db.prisma.outboxMessage.findFirstOrThrow({ where: { payload: { path: ["to", "displayName"], equals: "ben" } } });
      expect(row).toMatchObject({ status: "sent", attempts: 3, lastError: "HTTP 503" });
    });

    it("marks a permanent failure with its reason, shows it to organisers, and delivers it when they retry", async () => {
      await announce(app, ["ana", "ben", "cat"]);
      const clock = createVirtualClock(T0);
      let closed = true;
      const p = fakePlatform(clock, (to) => (to === "cat" && closed ? { kind: "failed", reason: "cannot_dm_user: DMs closed" } : { kind: "sent" }));
      await dispatcherFor(app, clock, p.port).settle();
      expect(p.arrived.map((a) => a.to).sort()).toEqual(["#general", "ana", "ben", "olga"]);
      const network = await app.db.prisma.network.findFirstOrThrow();
      const report = await deliveryReport(app.store, network, clock.now());
      expect(report.failed).toEqual([
        { id: expect.any(String), to: "DM to cat (console)", reason: "cannot_dm_user: DMs closed", failedAt: T0, attempts: 1, createdAt: T0 },
      ]);
      const text = renderPlain(deliveryReportMessage(report, "Europe/Paris"));
      expect(text).toContain(`📭 1 message could not be delivered:\n#${report.failed[0]!.id} DM to cat (console): cannot_dm_user: DMs closed (failed 2026-06-01 10:00 Europe/Paris, 1 attempt).`);

      // The member opened their DMs; an organiser retries.
      closed = false;
      expect(await retryFailedDeliveries(app.store, network, clock.now(), [`#${report.failed[0]!.id}`])).toEqual({ ok: true, value: 1 });
      await dispatcherFor(app, clock, p.port).settle();
      expect(p.arrived.filter((a) => a.to === "cat")).toHaveLength(1);
      expect((await deliveryReport(app.store, network, clock.now())).failed).toEqual([]);
      expect(renderPlain(deliveryReportMessage(await deliveryReport(app.store, network, clock.now()), "UTC"))).toBe("✅ No message of this network failed to arrive.");
    });

    it("shows organisers what failed through /caucus deliveries, refuses others, and /caucus redeliver sends it", async () => {
      await announce(app, ["ana", "cat"]);
      const clock = createVirtualClock(T0);
      let closed = true;
      const p = fakePlatform(clock, (to) => (to === "cat" && closed ? { kind: "failed", reason: "cannot_dm_user: DMs closed" } : { kind: "sent" }));
      await dispatcherFor(app, clock, p.port).settle();
      // Straight to the bot: the test's own platform, not a recording one, must deliver what is retried.
      const say = async (who: typeof olga | string, line: string) => {
        const [, name, text] = /^\/(\S+)\s*(.*)$/.exec(line)!;
        const [first] = await app.bot.handle({ kind: "command", actor: typeof who === "string" ? actor(who) : who, channel, name: name!, text: text! }, clock.now());
        return first?.kind === "reply" ? renderPlain(first.message) : "";
      };
      expect(await say("ana", "/caucus deliveries")).toMatch(/Only network organisers can see undelivered messages/);
      const report = await say(olga, "/caucus deliveries");
      expect(report).toMatch(/^📭 1 message could not be delivered:\n#\d+ DM to cat \(console\): cannot_dm_user: DMs closed/);
      expect(await say(olga, "/caucus redeliver #nope")).toMatch(/"#nope" is not a delivery number/);
      closed = false;
      expect(await say(olga, "/caucus redeliver")).toMatch(/^1 message will be tried again now/);
      await dispatcherFor(app, clock, p.port).settle();
      expect(p.arrived.filter((a) => a.to === "cat")).toHaveLength(1);
      expect(await say(olga, "/caucus deliveries")).toBe("✅ No message of this network failed to arrive.");
    });

    it("gives up after a bounded number of 5xx answers, with the reason, and counts nothing as sent", async () => {
      await announce(app, ["ana"]);
      const clock = createVirtualClock(T0);
      const p = fakePlatform(clock, (to) => (to === "ana" ? { kind: "retry", reason: "HTTP 500" } : { kind: "sent" }));
      await dispatcherFor(app, clock, p.port, { retry: { baseMs: 1_000, capMs: 10_000, maxAttempts: 4, maxAgeMs: 3_600_000 } }).settle();
      expect(p.attempts.filter((a) => a.to === "ana")).toHaveLength(4);
      const network = await app.db.prisma.network.findFirstOrThrow();
      const report = await deliveryReport(app.store, network, clock.now());
      expect(report.failed.map((f) => [f.to, f.reason, f.attempts])).toEqual([["DM to ana (console)", "gave up after 4 attempts: HTTP 500", 4]]);
      expect(await retryFailedDeliveries(app.store, network, clock.now(), ["#999999"])).toEqual({ ok: false, error: "None of #999999 is a failed delivery of this network." });
      expect(await retryFailedDeliveries(app.store, network, clock.now(), ["ana"])).toMatchObject({ ok: false, error: expect.stringMatching(/not a delivery number/) });
    });

    it("paces sends to the platform's declared rate: a burst, then perSecond", async () => {
      const names = Array.from({ length: 10 }, (_, i) => `m${i}`);
      const waiting = await announce(app, names);
      expect(waiting).toBe(12);
      const clock = createVirtualClock(T0);
      const p = fakePlatform(clock, undefined, { perSecond: 5, burst: 2 });
      await dispatcherFor(app, clock, p.port).settle();
      const at = p.arrived.map((a) => a.at).sort((a, b) => a - b);
      expect(at).toHaveLength(12);
      // 2 at once, then one every 200 ms: the last goes out 2 s after the first.
      expect(at.at(-1)! - at[0]!).toBeGreaterThanOrEqual(2_000);
      for (const t of at) expect(at.filter((x) => x >= t && x < t + 1_000).length).toBeLessThanOrEqual(2 + 5);
    });

    it("leaves a crashed instance's claims alone until their lease ends, then delivers them", async () => {
      await announce(app, ["ana", "ben"]);
      const dead = await app.store.outbox.claim({ platform: "console", owner: "crashed-instance", now: T0, leaseMs: 60_000, limit: 100 });
      expect(dead).toHaveLength(4);
      const clock = createVirtualClock(new Date(T0.getTime() + 1_000));
      const p = fakePlatform(clock);
      const d = dispatcherFor(app, clock, p.port);
      await d.drain();
      expect(p.attempts).toEqual([]);
      await d.settle();
      expect(p.arrived).toHaveLength(4);
      expect(Math.min(...p.arrived.map((a) => a.at))).toBeGreaterThanOrEqual(60_000);
    });

    it("on stop(), finishes the send in flight, takes nothing new and gives back the rest at once", async () => {
      await announce(app, ["ana", "ben", "cat"]);
      const clock = createVirtualClock(T0);
      let release!: () => void;
      const inFlight = new Promise<void>((r) => (release = r));
      let started!: () => void;
      const firstStarted = new Promise<void>((r) => (started = r));
      const delivered: string[] = [];
      const slow: PlatformPort = {
        ...fakePlatform(clock).port,
        async deliver(d, key) {
          started();
          await inFlight;
          delivered.push(key);
          return { kind: "sent" };
        },
      };
      const d = dispatcherFor(app, clock, slow, { concurrency: 1 });
      const draining = d.drain();
      await firstStarted;
      const stopping = d.stop();
      release();
      await stopping;
      await draining;
      expect(delivered).toHaveLength(1);
      expect(await app.db.prisma.outboxMessage.count({ where: { status: "sent" } })).toBe(1);
      // The others are free for anyone, now, not after the lease.
      expect(await app.db.prisma.outboxMessage.count({ where: { status: "pending", claimedBy: null, leaseUntil: null } })).toBe(4);
      const p = fakePlatform(clock);
      await dispatcherFor(app, clock, p.port).settle();
      expect([...delivered, ...p.arrived.map((a) => a.key)].sort()).toEqual((await app.db.prisma.outboxMessage.findMany()).map((r) => r.key).sort());
    });

    it("fails an unreadable payload with the reason instead of crashing, and leaves other platforms' messages for their adapter", async () => {
      await announce(app, ["ana"]);
      const network = await app.db.prisma.network.findFirstOrThrow();
      await app.store.outbox.enqueue([
        {
          key: "elsewhere",
          networkId: network.id,
          at: T0,
          delivery: { kind: "dm", to: { memberId: "x", displayName: "sam", platform: "slack", workspaceId: "T1", userId: "U1", zone: "UTC" }, message: { text: [["hi"]] } },
        },
      ]);
      await app.db.prisma.$executeRawUnsafe(`UPDATE "OutboxMessage" SET payload = '{"kind":"dm","to":42}' WHERE payload->'to'->>'displayName' = 'ana'`);
      const clock = createVirtualClock(T0);
      const p = fakePlatform(clock);
      await dispatcherFor(app, clock, p.port).settle();
      expect(p.arrived.map((a) => a.to).sort()).toEqual(["#general", "olga"]);
      const report = await deliveryReport(app.store, network, clock.now());
      expect(report.failed.map((f) => f.to)).toEqual(["a message on console (unreadable)"]);
      expect(report.failed[0]!.reason).toMatch(/^unreadable payload/);
      expect(report.pending).toBe(1);
      expect(await app.db.prisma.outboxMessage.findUniqueOrThrow({ where: { key: "elsewhere" } })).toMatchObject({ status: "pending", attempts: 0 });
    });

    it("keeps delivering while started: what is enqueued later goes out after notify(), and stop() ends the loop", async () => {
      await announce(app, ["ana"]);
      const arrived: string[] = [];
      const port: PlatformPort = {
        ...fakePlatform(createVirtualClock(T0)).port,
        deliver: async (d) => {
          arrived.push(who(d));
          return { kind: "sent" };
        },
      };
      // The real clock and real waiting, as in production (the messages were caused in the past: all due).
      const d = createOutboxDispatcher({ outbox: app.store.outbox, ports: [port], now: () => new Date(), sleep, random: app.random, log: silentLogger, owner: "loop", options: { pollMs: 60_000 } });
      d.start();
      d.notify();
      const waitFor = async (n: number) => {
        for (let i = 0; i < 500 && arrived.length < n; i++) await new Promise((r) => setTimeout(r, 20));
      };
      await waitFor(3);
      expect(arrived.sort()).toEqual(["#general", "ana", "olga"]);
      await app.bot.handle({ kind: "command", actor: olga, channel, name: "deadline", text: 'add "Second" 2026-06-06 08:00 UTC' }, T0);
      d.notify();
      await waitFor(6);
      expect(arrived).toHaveLength(6);
      await d.stop();
      expect(await app.db.prisma.outboxMessage.count({ where: { status: { not: "sent" } } })).toBe(0);
    });

    it(`lets two dispatchers${target.name === "postgres" ? " with separate connection pools" : ""} drain one outbox at once, each message delivered once`, async () => {
      const names = Array.from({ length: 30 }, (_, i) => `m${i}`);
      await announce(app, names);
      const other = target.name === "postgres" ? await target.open() : app;
      try {
        const clock = createVirtualClock(T0);
        const a = fakePlatform(clock);
        const b = fakePlatform(clock);
        await Promise.all([
          dispatcherFor(app, clock, a.port, { maxBatch: 5 }, "instance-a").settle(),
          dispatcherFor(other, clock, b.port, { maxBatch: 5 }, "instance-b").settle(),
        ]);
        const all = [...a.arrived, ...b.arrived];
        expect(all).toHaveLength(32);
        expect(once(all)).toBe(true);
      } finally {
        if (other !== app) await other.close();
      }
    });
  });
}

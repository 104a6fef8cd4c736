// A DM refused because the member's DMs are closed (Discord 50007, Slack's analogues) reaches them in their
// workspace's announcement channel instead: its words when the DM allows it, else only a notice; written with
// the failure in one transaction, under a key derived from the DM's, so nothing is lost or doubled.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { App } from "../../adapters/compose.ts";
import { renderPlain } from "../../adapters/console/renderPlain.ts";
import { deliveryReport } from "../../src/deliveryReport.ts";
import { fallbackKey } from "../../src/dmFallback.ts";
import type { Actor } from "../../src/event.ts";
import { silentLogger } from "../../src/logger.ts";
import type { ChannelRef, DmFallback, Message, Recipient } from "../../src/message.ts";
import { createOutboxDispatcher } from "../../src/outboxDispatcher.ts";
import type { OutboxStore } from "../../src/outboxStore.ts";
import { UNLIMITED, type Delivery, type DeliveryOutcome, type PlatformPort } from "../../src/platformPort.ts";
import { reminderFallback } from "../../src/reminderScheduler.ts";
import { createVirtualClock, type VirtualClock } from "../../src/virtualClock.ts";
import { actor, clearAll, targets } from "../support/testApp.ts";

const T0 = new Date("2026-06-01T08:00:00Z");
const general: ChannelRef = { platform: "discord", workspaceId: "G1", channelId: "C-general", name: "general" };
const announcements: ChannelRef = { platform: "discord", workspaceId: "G1", channelId: "C-ann", name: "announcements" };
const onDiscord = (name: string, opts: Partial<Actor> = {}) => actor(name, { platform: "discord", workspaceId: "G1", workspaceName: "Youth network", userId: `u-${name}`, ...opts });
const olga = onDiscord("olga", { isPlatformAdmin: true });
const CLOSED: DeliveryOutcome = { kind: "failed", reason: "Discord 403 50007: Cannot send messages to this user", unreachable: "dm-closed" };

/** Discord as far as the outbox sees it: DMs to `closed` users are refused as 50007, everything else arrives. */
function discordPort(closed: Set<string>) {
  const arrived: { key: string; delivery: Delivery }[] = [];
  const attempts: string[] = [];
  const port: PlatformPort = {
    platform: "discord",
    limits: UNLIMITED,
    start: async () => {},
    stop: async () => {},
    connected: () => true,
    async deliver(d, key) {
      attempts.push(key);
      if (d.kind === "dm" && closed.has(d.to.userId)) return CLOSED;
      arrived.push({ key, delivery: d });
      return { kind: "sent" };
    },
  };
  return { port, arrived, attempts };
}

const posts = (arrived: { delivery: Delivery }[], channel: ChannelRef) =>
  arrived.filter((a) => a.delivery.kind === "post" && a.delivery.channel.channelId === channel.channelId).map((a) => a.delivery as Extract<Delivery, { kind: "post" }>);

for (const target of targets()) {
  describe(`DMs to closed DMs fall back to the announcement channel (${target.name})`, () => {
    let app: App;
    beforeAll(async () => {
      app = await target.open();
    });
    afterAll(async () => app?.close());
    beforeEach(async () => clearAll(app));

    const say = (who: Actor, line: string) => {
      const [, name, text] = /^\/(\S+)\s*(.*)$/s.exec(line)!;
      return app.bot.handle({ kind: "command", actor: who, channel: general, name: name!, text: text! }, T0);
    };
    const dispatcher = (clock: VirtualClock, port: PlatformPort, outbox: OutboxStore = app.store.outbox, owner = "test") =>
      createOutboxDispatcher({ outbox, ports: [port], now: clock.now, sleep: clock.sleep, random: app.random, log: silentLogger, owner, options: { concurrency: 1 } });
    /** Members ana, ben and olga on the server, with its announcement channel named (or not), their first messages delivered. */
    const server = async ({ channel = true } = {}) => {
      for (const who of [olga, onDiscord("ana"), onDiscord("ben")]) await say(who, "/timezone UTC");
      if (channel) await app.store.setAnnouncementChannel((await app.store.workspaceOf("discord", "G1"))!.id, announcements);
      await app.db.prisma.outboxMessage.deleteMany();
      return app.db.prisma.network.findFirstOrThrow();
    };
    const recipient = async (name: string): Promise<Recipient> => {
      const m = await app.db.prisma.member.findFirstOrThrow({ where: { displayName: name } });
      return (await app.store.recipient(m.id))!;
    };
    const enqueueDm = async (networkId: string, key: string, to: Recipient, message: Message, fallback?: DmFallback) =>
      app.store.outbox.enqueue([{ key, networkId, at: T0, delivery: { kind: "dm", to, message, ...(fallback ? { fallback } : {}) } }]);

    it("posts a deadline announcement that ana's closed DMs refused in her server's announcement channel, mentioning her, once", async () => {
      const network = await server();
      await say(olga, '/deadline add "Speakers" 2026-06-05 08:00 UTC');
      const clock = createVirtualClock(T0);
      const p = discordPort(new Set(["u-ana"]));
      const report = await dispatcher(clock, p.port).settle();
      expect(report).toMatchObject({ failed: 1, fellBack: 1 });
      const forAna = posts(p.arrived, announcements).filter((d) => renderPlain(d.message).includes("<@u-ana>"));
      expect(forAna).toHaveLength(1);
      const text = renderPlain(forAna[0]!.message);
      expect(text).toMatch(/^📬 <@u-ana>, I could not DM you, so this is for you here/);
      expect(text).toMatch(/📅 New deadline D1/);
      // Ben's and olga's DMs arrived as DMs; nobody else is mentioned in the channel.
      expect(p.arrived.filter((a) => a.delivery.kind === "dm").map((a) => a.delivery.kind === "dm" && a.delivery.to.displayName).sort()).toEqual(["ben", "olga"]);
      const failed = await app.db.prisma.outboxMessage.findFirstOrThrow({ where: { status: "failed" } });
      expect(await app.db.prisma.outboxMessage.findUniqueOrThrow({ where: { key: fallbackKey(failed.key) } })).toMatchObject({ status: "sent", platform: "discord" });
      // Organisers still see that the DM itself did not arrive, and where it went instead.
      const seen = await deliveryReport(app.store, network, clock.now());
      expect(seen.failed.map((f) => [f.to, f.reason])).toEqual([["DM to ana (discord)", `${CLOSED.reason}; posted in #announcements instead`]]);
    });

    it("shows a private DM's channel only a notice: none of its text, buttons, card or file", async () => {
      const network = await server();
      const ana = await recipient("ana");
      const secret: Message = {
        text: [["Your link code: K7QX-4M2P. Type /caucus link K7QX-4M2P on Slack."]],
        components: [{ kind: "button", actionId: "caucus:link", label: "Use K7QX-4M2P", value: "K7QX-4M2P" }],
        card: { title: ["Link code"], fields: [{ label: "Code", value: ["K7QX-4M2P"] }] },
        attachment: { filename: "code.txt", mediaType: "text/plain", content: "K7QX-4M2P" },
      };
      await enqueueDm(network.id, "link:1", ana, secret, { kind: "notice", about: "your link code" });
      // A DM that says nothing about its fallback is treated as private.
      await enqueueDm(network.id, "unmarked:1", ana, { text: [["Receipt 3F2A-09BC-77D1-E4A0"]] });
      const p = discordPort(new Set(["u-ana"]));
      await dispatcher(createVirtualClock(T0), p.port).settle();
      const notices = posts(p.arrived, announcements);
      expect(notices.map((n) => renderPlain(n.message))).toEqual([
        "📬 <@u-ana>, I could not DM you: open your DMs from this server to receive your link code.",
        "📬 <@u-ana>, I could not DM you: open your DMs from this server to receive a private message.",
      ]);
      for (const n of notices) expect(n.message).toEqual({ text: n.message.text });
      expect(JSON.stringify(notices)).not.toMatch(/K7QX|3F2A/);
      expect((await app.db.prisma.outboxMessage.findUniqueOrThrow({ where: { key: "link:1" } })).failedReason).toBe(`${CLOSED.reason}; a notice without its contents posted in #announcements instead`);
    });

    it("shows nothing at all of a voting reminder (it would tell who has not voted): it stays failed, for organisers", async () => {
      const network = await server();
      const ana = await recipient("ana");
      await enqueueDm(network.id, "reminder:vote", ana, { text: [["⏰ Reminder: voting in E1 closes in 1 h."]] }, reminderFallback({ electionPhase: "voting" }));
      await enqueueDm(network.id, "reminder:deadline", ana, { text: [["⏰ Reminder: D1 Speakers is due in 1 h."]] }, reminderFallback({ electionPhase: null }));
      const p = discordPort(new Set(["u-ana"]));
      await dispatcher(createVirtualClock(T0), p.port).settle();
      expect(posts(p.arrived, announcements).map((d) => renderPlain(d.message))).toEqual([expect.stringMatching(/^📬 <@u-ana>.*\n⏰ Reminder: D1 Speakers is due in 1 h\.$/s)]);
      expect(await app.db.prisma.outboxMessage.findUniqueOrThrow({ where: { key: "reminder:vote" } })).toMatchObject({
        status: "failed",
        failedReason: `${CLOSED.reason}; not shown in a channel (what it says would tell others too much)`,
      });
      expect(await app.db.prisma.outboxMessage.count({ where: { key: fallbackKey("reminder:vote") } })).toBe(0);
    });

    it("leaves the DM failed and says why when the server names no announcement channel; a channel post is never redirected", async () => {
      const network = await server({ channel: false });
      await say(olga, '/deadline add "Speakers" 2026-06-05 08:00 UTC');
      const p = discordPort(new Set(["u-ana"]));
      // The channel post itself is refused too (a deleted channel): a post has no fallback.
      const port: PlatformPort = { ...p.port, deliver: async (d, key) => (d.kind === "post" ? { kind: "failed", reason: "Discord 404 10003: Unknown Channel", unreachable: "dm-closed" } : p.port.deliver(d, key)) };
      const report = await dispatcher(createVirtualClock(T0), port).settle();
      expect(report).toMatchObject({ failed: 2, fellBack: 0 });
      const seen = await deliveryReport(app.store, network, T0);
      expect(seen.failed.map((f) => [f.to, f.reason]).sort()).toEqual([
        ["#general (discord)", "Discord 404 10003: Unknown Channel"],
        ["DM to ana (discord)", `${CLOSED.reason}; no announcement channel to tell them in (/caucus channel here names one)`],
      ]);
      expect(await app.db.prisma.outboxMessage.count({ where: { key: { startsWith: "fallback:" } } })).toBe(0);
    });

    it("posts the fallback once however often the DM fails again (an organiser's redeliver)", async () => {
      const network = await server();
      await enqueueDm(network.id, "cmd:x:0", await recipient("ana"), { text: [["🔁 Deadline D1 moved"]] }, { kind: "copy" });
      const clock = createVirtualClock(T0);
      const p = discordPort(new Set(["u-ana"]));
      await dispatcher(clock, p.port).settle();
      expect(await app.store.outbox.retryFailed(network.id, clock.now())).toBe(1);
      await dispatcher(clock, p.port).settle();
      expect(p.attempts.filter((k) => k === "cmd:x:0")).toHaveLength(2);
      expect(posts(p.arrived, announcements)).toHaveLength(1);
      expect(await app.db.prisma.outboxMessage.count({ where: { key: fallbackKey("cmd:x:0") } })).toBe(1);
    });

    it("loses nothing when the instance dies before recording the refusal: the DM is tried again after its lease and falls back once", async () => {
      const network = await server();
      await enqueueDm(network.id, "cmd:y:0", await recipient("ana"), { text: [["📅 New deadline D1"]] }, { kind: "copy" });
      const clock = createVirtualClock(T0);
      const p = discordPort(new Set(["u-ana"]));
      const dying: OutboxStore = {
        ...app.store.outbox,
        claim: (q) => app.store.outbox.claim(q),
        announcementChannel: (pl, ws) => app.store.outbox.announcementChannel(pl, ws),
        markFailed: async () => {
          throw new Error("killed before commit");
        },
      };
      await expect(dispatcher(clock, p.port, dying, "dead").drain()).rejects.toThrow(/killed before commit/);
      expect(await app.db.prisma.outboxMessage.findUniqueOrThrow({ where: { key: "cmd:y:0" } })).toMatchObject({ status: "pending", claimedBy: "dead" });
      expect(await app.db.prisma.outboxMessage.count({ where: { key: { startsWith: "fallback:" } } })).toBe(0);
      clock.set(new Date(T0.getTime() + 61_000));
      await dispatcher(clock, p.port, app.store.outbox, "alive").settle();
      expect(posts(p.arrived, announcements)).toHaveLength(1);
      expect(await app.db.prisma.outboxMessage.findUniqueOrThrow({ where: { key: "cmd:y:0" } })).toMatchObject({ status: "failed", claimedBy: "alive" });
    });

    it("writes the failure and its fallback in one transaction: when the fallback cannot be written, the DM is not marked failed either", async () => {
      const network = await server();
      await enqueueDm(network.id, "cmd:z:0", await recipient("ana"), { text: [["hi"]] }, { kind: "copy" });
      const [claimed] = await app.store.outbox.claim({ platform: "discord", owner: "me", now: T0, leaseMs: 60_000, limit: 1 });
      const post: Delivery = { kind: "post", channel: announcements, message: { text: [["hi"]] } };
      // A fallback for a network that does not exist violates its foreign key inside the transaction.
      await expect(app.store.outbox.markFailed(claimed!.id, "me", { at: T0, reason: "x", instead: { key: "fallback:cmd:z:0", networkId: "no-such-network", delivery: post, at: T0 } })).rejects.toThrow();
      expect(await app.db.prisma.outboxMessage.findUniqueOrThrow({ where: { key: "cmd:z:0" } })).toMatchObject({ status: "pending", failedReason: null });
      // A claim lost meanwhile (another instance took the message) records nothing, and writes no fallback.
      expect(await app.store.outbox.markFailed(claimed!.id, "someone-else", { at: T0, reason: "x", instead: { key: "fallback:cmd:z:0", networkId: network.id, delivery: post, at: T0 } })).toBe(false);
      expect(await app.db.prisma.outboxMessage.count({ where: { key: "fallback:cmd:z:0" } })).toBe(0);
      expect(await app.store.outbox.markFailed(claimed!.id, "me", { at: T0, reason: "x", instead: { key: "fallback:cmd:z:0", networkId: network.id, delivery: post, at: T0 } })).toBe(true);
      expect(await app.db.prisma.outboxMessage.findUniqueOrThrow({ where: { key: "fallback:cmd:z:0" } })).toMatchObject({ status: "pending", platform: "discord" });
    });
  });
}

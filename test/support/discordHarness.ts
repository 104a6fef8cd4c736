// The Discord adapter on the real discord.js client against the local fake Discord, wired to the core on one
// database: what the Discord end-to-end tests (and the benchmark) start once per file.
import { randomUUID } from "node:crypto";
import type { App } from "../../adapters/compose.ts";
import { createDiscordAdapter, type DiscordAdapter, type DiscordOptions } from "../../adapters/discord/discordAdapter.ts";
import { DISCORD_LIMITS } from "../../adapters/discord/discordLimits.ts";
import { createEventHandler } from "../../src/eventHandler.ts";
import { silentLogger } from "../../src/logger.ts";
import { createOutboxDispatcher, type OutboxDispatcher } from "../../src/outboxDispatcher.ts";
import type { Delivery, DeliveryOutcome, EventHandler, PlatformPort } from "../../src/platformPort.ts";
import { createVirtualClock, type VirtualClock } from "../../src/virtualClock.ts";
import { userDirectory } from "../../src/userDirectory.ts";
import { clearAll, targets } from "./testApp.ts";
import type { APIInteraction, APIUser } from "discord-api-types/v10";
import { APPLICATION_ID, chatInput, commandOptions, guildMember, startFakeDiscord, withResolvedUsers, type FakeDiscord, type FakeGuild, type RecordedCall, type Who } from "./fakeDiscord.ts";

/** What the bot answered to one interaction: its first response, then each edit and follow-up, in order. */
export type Answered = { callback: RecordedCall; calls: RecordedCall[]; text: string };

type Body = { content?: string; embeds?: { title?: string; description?: string; fields?: { name: string; value: string }[] }[]; data?: Body };
/** The text a reader sees in a recorded message body: content, then each embed's title, description and fields. */
export function bodyText(body: unknown): string {
  const b = (body ?? {}) as Body;
  const m = b.data ?? b;
  const embeds = (m.embeds ?? []).flatMap((e) => [e.title, e.description, ...(e.fields ?? []).map((f) => `${f.name}: ${f.value}`)]).filter(Boolean);
  return [m.content ?? "", ...embeds].filter(Boolean).join("\n");
}

export const GUILD: FakeGuild = { id: "1100000000000000001", name: "Youth Network", channelId: "1100000000000000002", ownerId: "1100000000000000009" };

export type DiscordHarness = {
  fake: FakeDiscord;
  adapter: DiscordAdapter;
  /** The core's clock: the handler and the outbox read it. */
  clock: VirtualClock;
  handler: EventHandler;
  /** Every delivery attempt the outbox made, with the virtual time it was made at. */
  attempts: { at: number; delivery: Delivery; outcome: DeliveryOutcome }[];
  dispatcher: OutboxDispatcher;
  /** Dispatches an interaction and waits until the bot has answered it in full. */
  send(i: APIInteraction): Promise<Answered>;
  /** `/name sub option:value…` as `who`; users in `values` ({ user }) become user options, resolved. */
  command(who: Who, name: string, sub: string, values?: Record<string, string | number | boolean | { user: APIUser }>): Promise<Answered>;
  /** Moves the core's clock, runs the schedulers, and delivers everything due through the adapter. */
  tick(at: Date): Promise<void>;
  /** Delivers what waits in the outbox, retries included (virtual time), and returns the REST calls it made. */
  deliver(): Promise<RecordedCall[]>;
  close(): Promise<void>;
};

export async function startDiscordHarness(app: App, opts: { start?: Date; guilds?: FakeGuild[]; adapter?: Pick<DiscordOptions, "roleRosters"> } = {}): Promise<DiscordHarness> {
  const fake = await startFakeDiscord({ guilds: opts.guilds ?? [GUILD] });
  const adapter = createDiscordAdapter({ token: "test-token", applicationId: APPLICATION_ID, apiUrl: fake.apiUrl, log: silentLogger, ...opts.adapter });
  const clock = createVirtualClock(opts.start ?? new Date("2026-04-01T08:00:00Z"));
  const handler = createEventHandler(app.bot, DISCORD_LIMITS, clock.now);
  const attempts: DiscordHarness["attempts"] = [];
  const port: PlatformPort = {
    platform: adapter.platform,
    limits: adapter.limits,
    start: async () => {},
    stop: async () => {},
    connected: () => adapter.connected(),
    deliver: async (...args: Parameters<DiscordAdapter["deliver"]>) => {
      const at = clock.now().getTime();
      const outcome = await adapter.deliver(...args);
      attempts.push({ at, delivery: args[0], outcome });
      return outcome;
    },
  };
  const dispatcher = createOutboxDispatcher({
    outbox: app.store.outbox,
    ports: [port],
    now: clock.now,
    sleep: clock.sleep,
    random: app.random,
    log: silentLogger,
    owner: `discord-test-${randomUUID()}`,
    options: { concurrency: 1 },
  });
  await adapter.start(handler);
  await fake.ready();
  async function send(i: APIInteraction): Promise<Answered> {
    const callback = await fake.interact(i);
    await adapter.settled();
    const calls = fake.calls.filter((c) => c.at >= callback.at && c !== callback && c.path.includes(`/${i.token}`));
    return { callback, calls, text: [callback, ...calls].map((c) => bodyText(c.body)).filter(Boolean).join("\n---\n") };
  }
  async function deliver(): Promise<RecordedCall[]> {
    const from = fake.calls.length;
    await dispatcher.settle({ maxMs: 3_600_000 });
    return fake.calls.slice(from);
  }
  return {
    fake,
    adapter,
    clock,
    handler,
    attempts,
    dispatcher,
    send,
    command(who, name, sub, values = {}) {
      const users = Object.values(values).flatMap((v) => (typeof v === "object" ? [v.user] : []));
      for (const u of [who.user, ...users]) for (const g of opts.guilds ?? [GUILD]) if (!fake.members.has(`${g.id}/${u.id}`)) fake.members.set(`${g.id}/${u.id}`, guildMember(u));
      const i = chatInput(opts.guilds?.[0] ?? GUILD, who, name, commandOptions(sub, values));
      return send(users.length ? withResolvedUsers(i, users) : i);
    },
    async tick(at) {
      clock.set(at);
      await app.scheduler.tick(at);
      await deliver();
    },
    deliver,
    async close() {
      await adapter.stop();
      await fake.close();
    },
  };
}

/** A database wired with the Discord adapter as its user directory (mentions are looked up in the fake), and
 *  the harness on it. PostgreSQL when TEST_DATABASE_URL is set, else PGlite. */
export async function openDiscordHarness(opts: { start?: Date; guilds?: FakeGuild[] } = {}): Promise<{ app: App; h: DiscordHarness }> {
  const ports: PlatformPort[] = [];
  const app = await targets({ directory: userDirectory(ports) }).at(-1)!.open();
  // A PostgreSQL database outlives the run: start from empty.
  await clearAll(app);
  const h = await startDiscordHarness(app, opts);
  ports.push(h.adapter);
  return { app, h };
}

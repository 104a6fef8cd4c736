// The Discord adapter on the real discord.js client against the local fake Discord, wired to the core on one
// database: what the Discord end-to-end tests (and the benchmark) start once per file.
import { randomUUID } from "node:crypto";
import type { App } from "../../adapters/compose.ts";
import { createDiscordAdapter, type DiscordAdapter, type DiscordOptions } from "../../adapters/discord/discordAdapter.ts";
import { DISCORD_LIMITS } from "../../adapters/discord/discordLimits.ts";
import { createEventHandler } from "../../src/eventHandler.ts";
import { silentLogger } from "../../src/logger.ts";
import { createOutboxDispatcher, type OutboxDispatcher } from "../../src/outboxDispatcher.ts";
import type { DeliveryOutcome, EventHandler, PlatformPort } from "../../src/platformPort.ts";
import { createVirtualClock, type VirtualClock } from "../../src/virtualClock.ts";
import { APPLICATION_ID, startFakeDiscord, type FakeDiscord, type FakeGuild } from "./fakeDiscord.ts";

export const GUILD: FakeGuild = { id: "1100000000000000001", name: "Youth Network", channelId: "1100000000000000002", ownerId: "1100000000000000009" };

export type DiscordHarness = {
  fake: FakeDiscord;
  adapter: DiscordAdapter;
  /** The core's clock: the handler and the outbox read it. */
  clock: VirtualClock;
  handler: EventHandler;
  /** Every delivery attempt the outbox made, with the virtual time it was made at. */
  attempts: { at: number; outcome: DeliveryOutcome }[];
  dispatcher: OutboxDispatcher;
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
      attempts.push({ at, outcome });
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
  return {
    fake,
    adapter,
    clock,
    handler,
    attempts,
    dispatcher,
    async close() {
      await adapter.stop();
      await fake.close();
    },
  };
}

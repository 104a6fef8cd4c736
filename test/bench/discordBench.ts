// discord_reply_p99_ms: chat-input interactions through the real discord.js client against the local fake
// gateway, from the dispatch frame to the interaction callback POST, for the Caucus adapter and, as the floor,
// for a bare client that only defers; both in the same run, one after the other, on the same kind of fake.
import { performance } from "node:perf_hooks";
import { Client, GatewayDispatchEvents, GatewayIntentBits, Routes } from "discord.js";
import { InteractionResponseType, MessageFlags, type APIInteraction } from "discord-api-types/v10";
import { openApp } from "../../adapters/compose.ts";
import { silentLogger } from "../../src/logger.ts";
import { startDiscordHarness, GUILD } from "../support/discordHarness.ts";
import { chatInput, commandOptions, startFakeDiscord, user, type FakeDiscord } from "../support/fakeDiscord.ts";
import { figure } from "./figure.ts";

const WARMUP = 30;
const BLOCKS = 6;
const PER_BLOCK = 50;
const RUNS = BLOCKS * PER_BLOCK;

const p = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * q) - 1)] ?? NaN;

type Runner = { fake: FakeDiscord; settled: () => Promise<void>; times: number[]; n: number; close(): Promise<void> };

/** Dispatches `count` /timezone commands one at a time, recording the time from dispatch to each callback. */
async function timeCallbacks(r: Runner, count: number, record: boolean): Promise<void> {
  for (let k = 0; k < count; k++, r.n++) {
    const who = { user: user(`10000000000${String(100000 + (r.n % 200)).padStart(8, "0")}`, `Member ${r.n % 200}`) };
    const i: APIInteraction = chatInput(GUILD, who, "timezone", commandOptions("", { zone: r.n % 2 ? "Europe/Paris" : "Africa/Nairobi" }));
    const t0 = performance.now();
    const callback = await r.fake.interact(i, 10_000);
    if (record) r.times.push(callback.at - t0);
    // The answer finishes before the next command, so each is timed alone.
    await r.settled();
  }
}

/** A client that does nothing but defer each command: what discord.js and the fake cost alone. */
async function floorRunner(): Promise<Runner> {
  const fake = await startFakeDiscord({ guilds: [GUILD] });
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiUrl, retries: 0 }, waitGuildTimeout: 0 });
  const pending = new Set<Promise<unknown>>();
  client.ws.on(GatewayDispatchEvents.InteractionCreate, (i: APIInteraction) => {
    const sent = client.rest.post(Routes.interactionCallback(i.id, i.token), { body: { type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: MessageFlags.Ephemeral } }, auth: false });
    pending.add(sent);
    void sent.finally(() => pending.delete(sent));
  });
  const ready = new Promise<void>((r) => client.once("clientReady", () => r()));
  await client.login("bench-token");
  await ready;
  return {
    fake,
    settled: async () => void (await Promise.all([...pending])),
    times: [],
    n: 0,
    async close() {
      await client.destroy();
      await fake.close();
    },
  };
}

async function caucusRunner(): Promise<Runner & { answers(): number[] }> {
  const app = await openApp({ kind: "pglite", dataDir: "memory://" }, silentLogger);
  const h = await startDiscordHarness(app);
  return {
    fake: h.fake,
    settled: () => h.adapter.settled(),
    times: [],
    n: 0,
    // The whole answer too (the edit of the deferred reply, after the database), for the record.
    answers() {
      const edits = h.fake.calls.filter((c) => c.method === "PATCH");
      const callbacks = h.fake.calls.filter((c) => c.path.endsWith("/callback"));
      return edits.slice(WARMUP).map((e, k) => e.at - callbacks[WARMUP + k]!.at).sort((a, b) => a - b);
    },
    async close() {
      await h.close();
      await app.close();
    },
  };
}

export async function discordBench(): Promise<void> {
  const floor = await floorRunner();
  const caucus = await caucusRunner();
  try {
    await timeCallbacks(floor, WARMUP, false);
    await timeCallbacks(caucus, WARMUP, false);
    // Alternating blocks, so both meet the same moments of a busy machine.
    for (let b = 0; b < BLOCKS; b++) {
      await timeCallbacks(floor, PER_BLOCK, true);
      await timeCallbacks(caucus, PER_BLOCK, true);
    }
  } finally {
    await floor.close();
  }
  const answers = caucus.answers();
  await caucus.close();
  const c = caucus.times.sort((a, b) => a - b);
  const f = floor.times.sort((a, b) => a - b);
  const p99 = p(c, 0.99);
  const floorP99 = p(f, 0.99);
  figure("discord_reply_p99_ms", p99, "ms", `dispatch to callback POST, ${RUNS} /timezone commands, p50 ${p(c, 0.5).toFixed(1)} ms; ${(p99 / floorP99).toFixed(2)}x the floor (target < 2x and < 50 ms)`);
  figure("discord_reply_floor_p99_ms", floorP99, "ms", `the same for a discord.js client that only defers, p50 ${p(f, 0.5).toFixed(1)} ms`);
  figure("discord_answer_p99_ms", p(answers, 0.99), "ms", `callback to the edited reply (the core and its database), p50 ${p(answers, 0.5).toFixed(1)} ms`);
}

if (import.meta.url === `file://${process.argv[1]}`) await discordBench();

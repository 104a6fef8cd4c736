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
const RUNS = 300;

const p = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * q) - 1)] ?? NaN;

/** Dispatches `RUNS` /timezone commands one at a time; the time from dispatch to each callback, sorted. */
async function timeCallbacks(fake: FakeDiscord, settled: () => Promise<void>): Promise<number[]> {
  const times: number[] = [];
  for (let n = 0; n < WARMUP + RUNS; n++) {
    const who = { user: user(`10000000000${String(100000 + (n % 200)).padStart(8, "0")}`, `Member ${n % 200}`) };
    const i: APIInteraction = chatInput(GUILD, who, "timezone", commandOptions("", { zone: n % 2 ? "Europe/Paris" : "Africa/Nairobi" }));
    const t0 = performance.now();
    const callback = await fake.interact(i, 10_000);
    if (n >= WARMUP) times.push(callback.at - t0);
    // The answer finishes before the next command, so each is timed alone.
    await settled();
  }
  return times.sort((a, b) => a - b);
}

/** A client that does nothing but defer each command: what discord.js and the fake cost alone. */
async function floorRun(): Promise<number[]> {
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
  try {
    return await timeCallbacks(fake, async () => {
      await Promise.all([...pending]);
    });
  } finally {
    await client.destroy();
    await fake.close();
  }
}

async function caucusRun(): Promise<{ callbacks: number[]; answers: number[] }> {
  const app = await openApp({ kind: "pglite", dataDir: "memory://" }, silentLogger);
  const h = await startDiscordHarness(app);
  try {
    const callbacks = await timeCallbacks(h.fake, () => h.adapter.settled());
    // The whole answer too (the edit of the deferred reply, after the database), for the record.
    const edits = h.fake.calls.filter((c) => c.method === "PATCH");
    const dispatched = h.fake.calls.filter((c) => c.path.endsWith("/callback"));
    const answers = edits.slice(WARMUP).map((e, k) => e.at - dispatched[WARMUP + k]!.at).sort((a, b) => a - b);
    return { callbacks, answers };
  } finally {
    await h.close();
    await app.close();
  }
}

export async function discordBench(): Promise<void> {
  const floor = await floorRun();
  const caucus = await caucusRun();
  const p99 = p(caucus.callbacks, 0.99);
  const floorP99 = p(floor, 0.99);
  figure("discord_reply_p99_ms", p99, "ms", `dispatch to callback POST, ${RUNS} /timezone commands, p50 ${p(caucus.callbacks, 0.5).toFixed(1)} ms; ${(p99 / floorP99).toFixed(2)}x the floor (target < 2x and < 50 ms)`);
  figure("discord_reply_floor_p99_ms", floorP99, "ms", `the same for a discord.js client that only defers, p50 ${p(floor, 0.5).toFixed(1)} ms`);
  figure("discord_answer_p99_ms", p(caucus.answers, 0.99), "ms", `callback to the edited reply (the core and its database), p50 ${p(caucus.answers, 0.5).toFixed(1)} ms`);
}

if (import.meta.url === `file://${process.argv[1]}`) await discordBench();

// npm run bench: speed and memory figures for the hot paths (not a test: it prints, it does not judge).
import { performance } from "node:perf_hooks";
import { createHash } from "node:crypto";
import { tally } from "../../src/tally/tally.ts";
import type { Method } from "../../src/tally/method.ts";
import { planReminders } from "../../src/deadlines/planReminders.ts";
import { parseLadder } from "../../src/deadlines/parseLadder.ts";
import { DEFAULT_QUIET_HOURS } from "../../src/deadlines/quietHours.ts";
import { openApp } from "../../adapters/compose.ts";
import { silentLogger } from "../../src/logger.ts";
import { parseZone, searchZones } from "../../src/zoneName.ts";
import { measureStart } from "./measureStart.ts";
import { tallyBench } from "./tallyBench.ts";
import { measureTallyCli } from "./measureTallyCli.ts";
import { actor, channel, recordingPorts } from "../support/testApp.ts";
import type { Actor } from "../../src/event.ts";
import { createOutboxDispatcher } from "../../src/outboxDispatcher.ts";
import { sleep } from "../../adapters/sleep.ts";
import { discordBench } from "./discordBench.ts";
import { slackBench } from "./slackBench.ts";

// A repeatable pseudo-random stream (SHA-256 counter), so every run counts the same elections.
function rng(seed: string) {
  let i = 0;
  return () => createHash("sha256").update(`${seed}:${i++}`).digest().readUInt32BE(0) / 2 ** 32;
}

async function measure<T>(label: string, fn: () => Promise<T> | T): Promise<T> {
  globalThis.gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const out = await fn();
  const ms = performance.now() - t0;
  const mb = (process.memoryUsage().heapUsed - heap0) / 2 ** 20;
  console.log(`${label.padEnd(58)} ${ms.toFixed(1).padStart(9)} ms  ${mb.toFixed(1).padStart(7)} MiB heap`);
  return out;
}

// The tally CLI as a whole process on the seeded files: start-up, 100k STV/Meek/Schulze, 1M IRV and its peak RSS.
// First, while this process is still small: measured after the in-process counts (which leave a large heap
// here), every child ran 60-100 ms slower in two runs of the same day.
await measureTallyCli();

const rand = rng("caucus-bench");
const candidates = Array.from({ length: 15 }, (_, i) => `Candidate ${i + 1}`);
const ballots = Array.from({ length: 10_000 }, () => {
  const order = [...candidates.keys()].sort(() => rand() - 0.5);
  return { weight: 1, prefs: order.slice(0, 1 + Math.floor(rand() * candidates.length)) };
});
for (const method of ["scottish-stv", "meek", "irv", "approval", "schulze"] as Method[]) {
  const seats = method === "irv" ? 1 : 3;
  const r = await measure(`tally ${method}: 10,000 ballots, 15 candidates, ${seats} seat(s)`, () =>
    tally({ candidates, seats, ballots, tieBreakSeed: "bench" }, method),
  );
  console.log(`${"".padEnd(4)}elected ${r.elected.join(", ")} in ${r.rounds.length} round(s)`);
}

await tallyBench();

await measure("zone index: first parseZone (loads cities and zone names)", () => parseZone("Geneva"));
const typed = ["Geneva", "New York", "Nairobbi", "Europe/Gen", "sao paulo", "Portland", "xqzv", "america/argentina/"];
const keystrokes = typed.flatMap((w) => Array.from({ length: w.length + 1 }, (_, i) => w.slice(0, i)));
for (const k of keystrokes) searchZones(k); // warm-up
const rounds = 50;
const searchStart = performance.now();
await measure(`searchZones: ${rounds * keystrokes.length} autocomplete keystrokes`, () => {
  for (let r = 0; r < rounds; r++) for (const k of keystrokes) searchZones(k);
});
const worst = Math.max(...keystrokes.map((k) => { const t = performance.now(); for (let r = 0; r < 20; r++) searchZones(k); return (performance.now() - t) / 20; }));
console.log(`${"".padEnd(4)}${((performance.now() - searchStart) / (rounds * keystrokes.length + 20 * keystrokes.length)).toFixed(3)} ms per call on average, ${worst.toFixed(3)} ms for the slowest query`);

const ladder = parseLadder("7d,72h,24h,6h,1h");
if (!ladder.ok) throw new Error(ladder.error);
const zones = ["Europe/Paris", "Africa/Nairobi", "America/Sao_Paulo", "Asia/Kathmandu", "Australia/Adelaide", "Pacific/Auckland"];
const now = new Date("2026-03-20T08:00:00Z");
const planned = await measure("planReminders: 5,000 members x 5 steps across DST", () =>
  planReminders({
    deadlineAt: new Date("2026-04-02T12:00:00Z"),
    createdAt: now,
    now,
    ladder: ladder.value,
    recipients: Array.from({ length: 5000 }, (_, i) => ({ memberId: `m${i}`, zone: zones[i % zones.length]!, quiet: DEFAULT_QUIET_HOURS })),
  }),
);
console.log(`${"".padEnd(4)}${planned.length} reminders planned`);

const app = await measure("open embedded database (from snapshot)", () => openApp({ kind: "pglite", dataDir: "memory://" }, silentLogger));
const olga = actor("olga", { isPlatformAdmin: true });
// The command path alone (as before the outbox): what it sends waits in the outbox, measured below.
const run = (_app: typeof app, who: Actor | string, line: string, at: Date) => {
  const [, name, text] = /^\/(\S+)\s*(.*)$/s.exec(line)!;
  return app.bot.handle({ kind: "command", actor: typeof who === "string" ? actor(who) : who, channel, name: name!, text: text! }, at);
};
const T0 = new Date("2026-06-01T08:00:00Z");
await measure("500 members set their zone (one command each)", async () => {
  for (let i = 0; i < 500; i++) await run(app, `m${i}`, `/timezone ${zones[i % zones.length]}`, T0);
});
await measure("announce a network-wide deadline to 501 members", () => run(app, olga, '/deadline add "Bench" 2026-06-20 12:00 UTC', T0));
const sent = await measure("tick: claim, render, enqueue every reminder (catch-up)", () => app.scheduler.tick(new Date("2026-06-20T11:30:00Z")));
console.log(`${"".padEnd(4)}${sent} reminders enqueued`);

// The outbox on the real clock: 1,000 DMs enqueued at once, drained through a test adapter that accepts each.
await app.db.prisma.outboxMessage.deleteMany();
const network = await app.db.prisma.network.findFirstOrThrow();
const queuedAt = new Date();
await app.store.outbox.enqueue(
  Array.from({ length: 1000 }, (_, i) => ({
    key: `bench:${i}`,
    networkId: network.id,
    at: queuedAt,
    delivery: { kind: "dm" as const, to: { memberId: `m${i}`, displayName: `m${i}`, platform: "console", workspaceId: "ws1", userId: `m${i}`, zone: "UTC" }, message: { text: [["⏰ Reminder"]] } },
  })),
);
const { ports, got } = recordingPorts(["console"]);
const dispatcher = createOutboxDispatcher({ outbox: app.store.outbox, ports, now: () => new Date(), sleep, random: app.random, log: silentLogger, owner: "bench" });
await measure("outbox_drain_1000_ms (1,000 DMs, test adapter)", () => dispatcher.drain());
const rows = await app.db.prisma.outboxMessage.findMany({ where: { status: "sent" }, select: { createdAt: true, sentAt: true } });
const lateness = rows.map((r) => r.sentAt!.getTime() - r.createdAt.getTime()).sort((a, b) => a - b);
const p99 = lateness[Math.ceil(lateness.length * 0.99) - 1] ?? NaN;
console.log(`${"delivery_lateness_p99_ms (enqueue to sent, 1,000 at once)".padEnd(58)} ${p99.toFixed(1).padStart(9)} ms`);
console.log(`${"".padEnd(4)}${got.length} delivered`);
await app.close();

// Slack: time to acknowledge a slash command through the real Bolt receiver, against its floor.
await slackBench();

// The whole bot as `npm start` runs it (console adapter, embedded database): what a 512 MB machine must hold.
const start = await measureStart();
const row = (label: string, value: string, note: string) => console.log(`${label.padEnd(58)} ${value.padStart(9)}  ${note}`);
row("rss_idle_mb: npm start, idle after 4 commands", start.rssIdleMb.toFixed(1), `MiB RSS of ${start.command.split(" ").slice(0, 3).join(" ")} (peak ${start.rssPeakMb.toFixed(1)}, with wrappers ${start.treeRssMb.toFixed(1)})`);
row("rss_idle_mb: first start (creates the database)", start.firstRssIdleMb.toFixed(1), "MiB RSS");
row("start_to_prompt_ms: npm start on an existing data dir", start.promptMs.toFixed(1), `ms (first start ${start.firstPromptMs.toFixed(1)} ms; build before it ${start.prestartMs.toFixed(1)} ms)`);

// Discord interactions through the real discord.js client against the local fake (test/bench/discordBench.ts).
await discordBench();

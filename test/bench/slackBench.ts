// Slack acknowledgement latency: 2,000 signed slash commands (a mix of /vote, /deadline list and /timezone) at
// concurrency 20 through the real Bolt HTTP receiver, with the core on the embedded database; and the same load on
// a Bolt app whose handler only acks (the floor). The load runs in a worker thread, so the client's timings do not
// wait for the server's event loop: what is measured is the time to the HTTP response, as Slack sees it.
import { Worker } from "node:worker_threads";
import { createSlackApp } from "../../adapters/slack/createSlackApp.ts";
import { startHttpServer } from "../../adapters/http/startHttpServer.ts";
import { silentLogger } from "../../src/logger.ts";
import { FAKE_BOT, startFakeSlack, type FakeSlack } from "../support/fakeSlack.ts";
import { formEncoded, slashCommand, type SlackPerson } from "../support/slackPayloads.ts";
import { SIGNING_SECRET, startSlackHarness } from "../support/slackHarness.ts";
import { figure } from "./figure.ts";

// SLACK_BENCH_REQUESTS: fewer while investigating; the figure is defined on 2,000.
const REQUESTS = Number(process.env.SLACK_BENCH_REQUESTS ?? 2_000);
const CONCURRENCY = 20;
const MEMBERS = 60;

// Plain JavaScript so the worker needs no TypeScript loader: signs each body at send time as Slack does.
const LOAD = `
const { parentPort, workerData } = require("node:worker_threads");
const { createHmac } = require("node:crypto");
const { url, secret, bodies, concurrency } = workerData;
const ms = new Array(bodies.length);
let next = 0, refused = 0;
async function lane() {
  for (let i = next++; i < bodies.length; i = next++) {
    const ts = Math.floor(Date.now() / 1000);
    const sig = "v0=" + createHmac("sha256", secret).update("v0:" + ts + ":" + bodies[i]).digest("hex");
    const t0 = performance.now();
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "x-slack-request-timestamp": String(ts), "x-slack-signature": sig }, body: bodies[i] });
    await res.text();
    ms[i] = performance.now() - t0;
    if (res.status !== 200) refused++;
  }
}
Promise.all(Array.from({ length: concurrency }, lane)).then(() => parentPort.postMessage({ ms, refused }));
`;

function load(url: string, bodies: string[]): Promise<{ ms: number[]; refused: number }> {
  return new Promise((resolve, reject) => {
    const w = new Worker(LOAD, { eval: true, workerData: { url, secret: SIGNING_SECRET, bodies, concurrency: CONCURRENCY } });
    w.once("message", (m: { ms: number[]; refused: number }) => {
      resolve(m);
      void w.terminate();
    });
    w.once("error", reject);
  });
}

const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.99) - 1]!;
const members: SlackPerson[] = Array.from({ length: MEMBERS }, (_, i) => ({ id: `U0BENCH${String(i).padStart(3, "0")}`, name: `member${i}` }));

function bodies(fake: FakeSlack): string[] {
  const lines = ["/vote E1 member0", "/deadline list", "/timezone"];
  return Array.from({ length: REQUESTS }, (_, i) => {
    const who = members[i % MEMBERS]!;
    const [command, ...text] = lines[i % lines.length]!.split(" ");
    return formEncoded(slashCommand(fake, who, command!, text.join(" ")));
  });
}

async function floor(): Promise<number> {
  const fake = await startFakeSlack();
  const { app, routes } = await createSlackApp({ mode: "http", signingSecret: SIGNING_SECRET, botToken: "xoxb-bench", botId: FAKE_BOT.botId, botUserId: FAKE_BOT.userId, apiUrl: fake.apiUrl, log: silentLogger, now: () => new Date() });
  app.command(/.+/, async ({ ack }) => ack());
  const http = await startHttpServer({ port: 0, log: silentLogger, routes });
  const r = await load(`http://127.0.0.1:${http.port}/slack/events`, bodies(fake));
  await http.close();
  await fake.stop();
  if (r.refused) throw new Error(`slack bench: ${r.refused} bare requests refused`);
  return p99(r.ms);
}

async function withCore(): Promise<{ p99: number; handledPerSecond: number }> {
  const T0 = new Date("2026-06-01T08:00:00Z");
  const h = await startSlackHarness({ start: T0 });
  for (const m of members) h.fake.addUser({ id: m.id, name: m.name, tz: ["Europe/Paris", "Africa/Nairobi", "America/Bogota", "Asia/Kolkata"][Number(m.id.slice(-1)) % 4] });
  const organiser = { id: "U0BENCHORG", name: "olga" };
  h.fake.addUser({ id: organiser.id, name: "olga", is_admin: true });
  // An election in its voting phase, so /vote does the real work: everyone is on the roll, two candidates.
  for (const m of members) await h.command(m, "/timezone");
  await h.command(organiser, "/constituency create Members");
  await h.command(organiser, `/constituency add Members ${members.map((m) => `<@${m.id}|${m.name}>`).join(" ")}`);
  await h.command(organiser, '/deadline add "Bench deadline" 2026-06-20 12:00 UTC for Members');
  await h.command(organiser, '/election create Members "Bench rep" seats 1 method approval nominations 2026-06-02 12:00 voting 2026-06-09 12:00 UTC');
  await h.command(organiser, "/election open E1");
  for (const m of members.slice(0, 2)) {
    await h.command(m, `/nominate E1 <@${m.id}|${m.name}>`);
    await h.command(m, "/nomination accept E1");
  }
  h.clock.set(new Date("2026-06-02T12:00:01Z"));
  await h.app.scheduler.tick(h.clock.now());
  await h.settle();
  const t0 = performance.now();
  const r = await load(h.eventsUrl, bodies(h.fake));
  await h.settle();
  const seconds = (performance.now() - t0) / 1000;
  await h.close();
  if (r.refused) throw new Error(`slack bench: ${r.refused} requests refused`);
  return { p99: p99(r.ms), handledPerSecond: REQUESTS / seconds };
}

export async function slackBench(): Promise<void> {
  const bare = await floor();
  const core = await withCore();
  figure("slack_ack_p99_ms", core.p99, "ms", `2,000 signed slash commands, c=20, core on PGlite (target < 50 ms); ${core.handledPerSecond.toFixed(0)} commands/s handled`);
  figure("slack_ack_bare_p99_ms", bare, "ms", "same load, a Bolt handler that only acks (the floor)");
  figure("slack_ack_p99_ratio", core.p99 / bare, "x", "core / floor (target < 2)");
}

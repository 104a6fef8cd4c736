// The composition root: reads the environment and the clock, opens the database, starts an adapter.
import "./liftoffOnly.ts";
import path from "node:path";
import cron from "node-cron";
import { parseConfig } from "../src/config.ts";
import { openApp } from "./compose.ts";
import { createLogger } from "./createLogger.ts";
import { createConsoleAdapter } from "./console/consoleAdapter.ts";
import { discordFromConfig } from "./discord/discordFromConfig.ts";
import { discordHttpRoute } from "./discord/discordHttpInteractions.ts";
import { createOutboxDispatcher } from "../src/outboxDispatcher.ts";
import { createEventHandler } from "../src/eventHandler.ts";
import type { EventHandler, PlatformPort } from "../src/platformPort.ts";
import { userDirectory } from "../src/userDirectory.ts";
import { startHttpServer } from "./http/startHttpServer.ts";
import { slackPlan } from "./slack/slackConfig.ts";
import { startSlackAdapter } from "./slack/startSlackAdapter.ts";
import { slackOAuth, slackOAuthPlan } from "./slack/slackOAuth.ts";
import { healthRoutes } from "./http/healthRoutes.ts";
import { sleep } from "./sleep.ts";
import os from "node:os";
import { randomUUID } from "node:crypto";

const config = parseConfig(process.env);
if (!config.ok) {
  process.stderr.write(`${config.error}\n`);
  process.exit(78);
}
const cfg = config.value;
if (!cron.validate(cfg.CAUCUS_TICK_CRON)) {
  process.stderr.write(`Configuration error: CAUCUS_TICK_CRON is not a valid cron expression (e.g. "*/5 * * * * *" for every 5 seconds)\n`);
  process.exit(78);
}
// Slack: off, HTTP mode or Socket Mode; half-configured stops here with one line (adapters/slack/slackConfig.ts).
// Several workspaces (OAuth) when SLACK_CLIENT_ID and its companions are set (adapters/slack/slackOAuth.ts).
const oauthConfig = slackOAuthPlan(cfg);
if (!oauthConfig.ok) {
  process.stderr.write(`${oauthConfig.error}\n`);
  process.exit(78);
}
const slackConfig = slackPlan(cfg, { oauth: oauthConfig.value !== null });
if (!slackConfig.ok) {
  process.stderr.write(`${slackConfig.error}\n`);
  process.exit(78);
}
const slackWanted = slackConfig.value.mode === "off" ? null : slackConfig.value;
// The console runs only when no platform adapter is configured.
const consoleMode = !slackWanted && !(cfg.DISCORD_TOKEN || cfg.DISCORD_APPLICATION_ID);

// The console owns stdout; logs go to stderr, quiet unless asked. A server logs at LOG_LEVEL (info by default).
const log = createLogger(process.env.LOG_LEVEL || !consoleMode ? cfg.LOG_LEVEL : "warn");
// Discord: both variables or neither; half-configured stops here with one line (adapters/discord/discordFromConfig.ts).
const discord = discordFromConfig(cfg, log);
if (!discord.ok) {
  process.stderr.write(`${discord.error}\n`);
  process.exit(78);
}
const now = () => new Date();
const target = cfg.DATABASE_URL
  ? ({ kind: "postgres", url: cfg.DATABASE_URL } as const)
  : ({ kind: "pglite", dataDir: path.resolve(cfg.CAUCUS_DATA_DIR, "pglite") } as const);
log.info({ database: target.kind }, "opening database");
// The adapters' user look-ups, read when a command asks: the ports are created once the store exists.
const ports: PlatformPort[] = [];
const app = await openApp(target, log, { directory: userDirectory(ports) }).catch((e: unknown) => {
  log.debug({ err: e }, "database failed to open");
  // One line for the person starting it; the details (never the URL's password) are in the log.
  const where = target.kind === "postgres" ? "the PostgreSQL server in DATABASE_URL" : `the embedded database in ${target.dataDir} (CAUCUS_DATA_DIR)`;
  process.stderr.write(`Cannot open ${where}: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}\n`);
  process.exit(75);
});

const ui = consoleMode ? createConsoleAdapter(app.store, now, { input: process.stdin, output: process.stdout }) : null;
if (ui) ports.push(ui);
const slack = slackWanted
  ? await startSlackAdapter(slackWanted, { log, now, firstSighting: (key, until, at) => app.store.firstSighting(key, until, at), oauth: oauthConfig.value && slackOAuth(oauthConfig.value, app.db.prisma, log, now) }).catch((e: unknown) => {
      process.stderr.write(`Cannot start the Slack adapter: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(75);
    })
  : null;
if (slack) ports.push(slack);
if (discord.value) ports.push(discord.value);
// Every DM and post waits in the outbox until this delivers it; other instances on the same database share it.
const dispatcher = createOutboxDispatcher({
  outbox: app.store.outbox,
  ports,
  now,
  sleep,
  random: app.random,
  log,
  owner: `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
  // Other instances may enqueue on a shared server, so look every second; an embedded database has only
  // this process, which wakes the dispatcher itself (notify) and knows when its retries are due.
  options: { pollMs: target.kind === "postgres" ? 1_000 : 30_000 },
});
let stopping = false;
let task: ReturnType<typeof cron.schedule> | null = null;
async function shutdown(signal: string, { deliverFirst = false } = {}) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, "shutting down");
  await task?.stop();
  // Leaving the console: what its last commands sent is shown first. On a signal, what is not yet sent
  // stays in the outbox for the next start (or another instance).
  if (deliverFirst) await dispatcher.drain().catch((e: unknown) => log.error({ err: e }, "last delivery failed"));
  await dispatcher.stop();
  await http?.close();
  for (const p of ports) await p.stop();
  await app.close();
  process.exit(0);
}
// Before anything prints: a service manager may signal as soon as the console is up.
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));

// What a previous run left undelivered goes out first. This also runs the dispatcher's queries once before the
// console is up: a query's first run holds the thread a while, and tsx kills a child that does not answer a
// signal within 60 ms.
await dispatcher.drain();
// Health probes (and, later, platform webhooks) when PORT is set; before the console, so a taken port stops start-up cleanly.
// Slack's HTTP mode is served here too (POST /slack/events), on PORT or Slack's usual 3000.
const httpRoutes = [...healthRoutes({ prisma: app.db.prisma, ports, log }), ...(slack?.routes ?? [])];
const httpPort = cfg.PORT ?? (slack?.routes.length ? 3000 : undefined);
const http =
  httpPort === undefined
    ? null
    : await startHttpServer({ port: httpPort, host: cfg.CAUCUS_HTTP_HOST, log, routes: httpRoutes }).catch((e: unknown) => {
        process.stderr.write(`Cannot open the HTTP server on ${cfg.CAUCUS_HTTP_HOST}:${httpPort} (PORT, CAUCUS_HTTP_HOST): ${e instanceof Error ? e.message : String(e)}\n`);
        process.exit(75);
      });
// Each adapter's answers fitted to its own limits; whatever a command (or a group's change) enqueued is delivered at once.
for (const port of ports) {
  const base = createEventHandler(app.bot, port.limits, now);
  const handler: EventHandler = {
    ...base,
    async handle(event) {
      const answers = await base.handle(event);
      dispatcher.notify();
      return answers;
    },
    async groupChanged(event) {
      const reports = await base.groupChanged(event);
      dispatcher.notify();
      return reports;
    },
    // A first visit to App Home may write DMs too.
    async home(actor) {
      const page = await base.home(actor);
      dispatcher.notify();
      return page;
    },
  };
  await port
    .start(handler)
    .catch((e: unknown) => {
      process.stderr.write(`Cannot start the ${port.platform} adapter: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}\n`);
      process.exit(75);
    });
  // Discord interactions over HTTP: Discord sends them to POST /discord/interactions instead of the gateway,
  // which stays connected for member updates and server names (README, "Discord interactions over HTTP").
  if (port === discord.value && cfg.DISCORD_PUBLIC_KEY && http) {
    http.mount(discordHttpRoute(discord.value, handler, { publicKey: cfg.DISCORD_PUBLIC_KEY, applicationId: cfg.DISCORD_APPLICATION_ID!, now: () => Date.now(), log, firstSighting: (key, until, at) => app.store.firstSighting(key, until, at) }));
  }
}
dispatcher.start();

// Reminders live in the database; this tick only finds what is due. Overlapping ticks are skipped.
let ticking = false;
task = cron.schedule(cfg.CAUCUS_TICK_CRON, async () => {
  if (ticking || stopping) return;
  ticking = true;
  try {
    const at = now();
    if (await app.scheduler.tick(at)) dispatcher.notify();
    // Replay records past their window (request ids seen by the adapters), so the table holds minutes, not months.
    await app.store.forgetSightings(at);
  } catch (e) {
    log.error({ err: e }, "tick failed");
  } finally {
    ticking = false;
  }
});
if (ui) {
  await ui.closed;
  await shutdown("console closed", { deliverFirst: true });
} else log.info({ adapters: ports.map((p) => p.platform) }, "Caucus is running");

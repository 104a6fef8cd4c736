// The composition root: reads the environment and the clock, opens the database, starts an adapter.
import "./liftoffOnly.ts";
import path from "node:path";
import cron from "node-cron";
import { parseConfig } from "../src/config.ts";
import { openApp } from "./compose.ts";
import { createLogger } from "./createLogger.ts";
import { createConsoleAdapter } from "./console/consoleAdapter.ts";
import { deliverAll } from "../src/platformPort.ts";
import { startHttpServer } from "./http/startHttpServer.ts";
import { healthRoutes } from "./http/healthRoutes.ts";

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
const platformTokens = (["SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "DISCORD_TOKEN"] as const).filter((k) => cfg[k]);
if (platformTokens.length) {
  process.stderr.write(
    `${platformTokens.join(", ")} ${platformTokens.length > 1 ? "are" : "is"} set, but this version of Caucus has no Slack or Discord adapter yet. ` +
      "Unset it to run the console adapter.\n",
  );
  process.exit(78);
}

// The console owns stdout; logs go to stderr, quiet unless asked.
const log = createLogger(process.env.LOG_LEVEL ? cfg.LOG_LEVEL : "warn");
const now = () => new Date();
const target = cfg.DATABASE_URL
  ? ({ kind: "postgres", url: cfg.DATABASE_URL } as const)
  : ({ kind: "pglite", dataDir: path.resolve(cfg.CAUCUS_DATA_DIR, "pglite") } as const);
log.info({ database: target.kind }, "opening database");
const app = await openApp(target, log).catch((e: unknown) => {
  log.debug({ err: e }, "database failed to open");
  // One line for the person starting it; the details (never the URL's password) are in the log.
  const where = target.kind === "postgres" ? "the PostgreSQL server in DATABASE_URL" : `the embedded database in ${target.dataDir} (CAUCUS_DATA_DIR)`;
  process.stderr.write(`Cannot open ${where}: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}\n`);
  process.exit(75);
});

const ui = createConsoleAdapter(app.store, now, { input: process.stdin, output: process.stdout });
const ports = [ui];
// Health probes (and, later, platform webhooks) when PORT is set; before the console, so a taken port stops start-up cleanly.
const http = cfg.PORT === undefined
  ? null
  : await startHttpServer({ port: cfg.PORT, host: cfg.CAUCUS_HTTP_HOST, log, routes: healthRoutes({ prisma: app.db.prisma, ports, log }) }).catch((e: unknown) => {
      process.stderr.write(`Cannot open the HTTP server on ${cfg.CAUCUS_HTTP_HOST}:${cfg.PORT} (PORT, CAUCUS_HTTP_HOST): ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(75);
    });
await ui.start((event) => app.bot.handle(event, now()));

// Reminders live in the database; this tick only finds what is due. Overlapping ticks are skipped.
let ticking = false;
const task = cron.schedule(cfg.CAUCUS_TICK_CRON, async () => {
  if (ticking) return;
  ticking = true;
  try {
    await deliverAll(ports, await app.scheduler.tick(now()), log);
  } catch (e) {
    log.error({ err: e }, "tick failed");
  } finally {
    ticking = false;
  }
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, "shutting down");
  await task.stop();
  await http?.close();
  for (const p of ports) await p.stop();
  await app.close();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
await ui.closed;
await shutdown("console closed");

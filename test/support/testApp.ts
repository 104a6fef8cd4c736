// One database per test file (PGlite from a snapshot, or a PostgreSQL server), emptied between tests.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { openApp, type App, type WireOptions } from "../../adapters/compose.ts";
import { silentLogger } from "../../src/logger.ts";
import type { Actor, InboundEvent } from "../../src/event.ts";
import type { ChannelRef, Send } from "../../src/message.ts";
import { renderPlain } from "../../adapters/console/renderPlain.ts";
import { createOutboxDispatcher } from "../../src/outboxDispatcher.ts";
import { acceptingPort, type Delivery, type PlatformPort } from "../../src/platformPort.ts";
import { createVirtualClock } from "../../src/virtualClock.ts";

export type Target = { name: string; open: () => Promise<App> };

let workerDatabase: Promise<string> | undefined;

/**
 * The PostgreSQL database of this test worker, when TEST_DATABASE_URL is set: that database's name with the
 * worker's number appended, created on first use. Test files on other workers run at the same time and empty
 * their tables between tests; on one shared database they would empty each other's.
 */
export function testDatabaseUrl(): Promise<string> | undefined {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return undefined;
  workerDatabase ??= (async () => {
    const u = new URL(url);
    const name = `${decodeURIComponent(u.pathname.slice(1)) || "caucus_test"}_w${process.env.VITEST_POOL_ID ?? "0"}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
      if (!exists.rowCount) {
        await admin.query(`CREATE DATABASE "${name}"`).catch((e: { code?: string }) => {
          if (e.code !== "42P04") throw e; // created a moment ago by a worker of a parallel run
        });
      }
    } finally {
      await admin.end();
    }
    u.pathname = `/${encodeURIComponent(name)}`;
    return u.toString();
  })();
  // Made while files are collected and awaited only when a test opens a database: a server that cannot be
  // reached fails those tests, not the run as an unhandled rejection besides.
  workerDatabase.catch(() => undefined);
  return workerDatabase;
}

/** Embedded PGlite always; a real PostgreSQL server too when TEST_DATABASE_URL is set (this worker's database). */
export function targets(options: WireOptions = {}): Target[] {
  const list: Target[] = [{ name: "pglite", open: () => openApp({ kind: "pglite", dataDir: "memory://" }, silentLogger, options) }];
  const url = testDatabaseUrl();
  if (url) list.push({ name: "postgres", open: async () => openApp({ kind: "postgres", url: await url }, silentLogger, options) });
  return list;
}

export async function clearAll(app: App): Promise<void> {
  const rows = await app.db.prisma.$queryRawUnsafe<{ tablename: string }[]>(
    `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'`,
  );
  if (!rows.length) return;
  // The election log refuses TRUNCATE; replica mode skips its trigger for this transaction only (superuser only).
  await app.db.prisma.$transaction([
    app.db.prisma.$executeRawUnsafe(`SET LOCAL session_replication_role = replica`),
    app.db.prisma.$executeRawUnsafe(`TRUNCATE ${rows.map((r) => `"${r.tablename}"`).join(", ")} CASCADE`),
  ]);
}

export const channel: ChannelRef = { platform: "console", workspaceId: "ws1", channelId: "general", name: "general" };

export function actor(name: string, opts: Partial<Actor> = {}): Actor {
  return { platform: "console", workspaceId: "ws1", workspaceName: "Test network", userId: name.toLowerCase(), displayName: name, isPlatformAdmin: false, ...opts };
}

/** A port for each platform the tests use that accepts every delivery and keeps it, in order. */
export function recordingPorts(platforms = ["console", "slack", "discord"]): { ports: PlatformPort[]; got: Delivery[] } {
  const got: Delivery[] = [];
  const ports = platforms.map((platform) => acceptingPort(platform, (d) => got.push(d)));
  return { ports, got };
}

/** Delivers everything due in the outbox at `now` through recording ports and returns it, in order. */
export async function delivered(app: App, now: Date): Promise<Delivery[]> {
  const { ports, got } = recordingPorts();
  const clock = createVirtualClock(now);
  const dispatcher = createOutboxDispatcher({
    outbox: app.store.outbox,
    ports,
    now: clock.now,
    sleep: clock.sleep,
    random: app.random,
    log: silentLogger,
    owner: `test-${randomUUID()}`,
    options: { concurrency: 1 },
  });
  await dispatcher.drain();
  return got;
}

/** Handles an event at `now`: the answers, then what the outbox delivered as a result. */
export async function handle(app: App, event: InboundEvent, now: Date): Promise<Send[]> {
  const answers = await app.bot.handle(event, now);
  return [...answers, ...(await delivered(app, now))];
}

/** Runs a command as `who` and returns the sends: the answers, then the DMs and posts it caused, as delivered. */
export async function run(app: App, who: Actor | string, line: string, now = new Date("2026-04-01T08:00:00Z")): Promise<Send[]> {
  const m = /^\/(\S+)\s*(.*)$/s.exec(line);
  if (!m) throw new Error(`not a command: ${line}`);
  const a = typeof who === "string" ? actor(who) : who;
  return handle(app, { kind: "command", actor: a, channel, name: m[1]!, text: m[2]! }, now);
}

/** Runs the schedulers at `now` and returns what they sent, as delivered through the outbox. */
export async function tick(app: App, now: Date): Promise<Delivery[]> {
  await app.scheduler.tick(now);
  return delivered(app, now);
}

/** The plain text of every send, joined: what a reader sees. */
export const texts = (sends: Send[]): string =>
  sends.map((s) => (s.kind === "form" ? `[form ${s.form.title}]` : s.kind === "formErrors" ? Object.values(s.errors).map((e) => `⚠️ ${e}`).join("\n") : renderPlain(s.message))).join("\n---\n");

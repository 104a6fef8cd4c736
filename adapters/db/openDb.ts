// Embedded PGlite by default; a real PostgreSQL server when the URL is postgres://.
// Same generated client, same migrations, for both.
import { PrismaClient } from "./generated/prisma/client.ts";
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import { openAsBlob } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { listMigrations, migrateDeploy, MIGRATIONS_DIR } from "./schemaEngine.ts";
import { pendingMigrations } from "./pendingMigrations.ts";
import { placeOnce } from "./placeOnce.ts";

/** `embedded`: an in-process PGlite whose WAL belongs to us alone (see PrismaStore.scrubVotingTraces). */
export type Db = { prisma: PrismaClient; close: () => Promise<void>; embedded?: boolean };
export type DbTarget = { kind: "postgres"; url: string } | { kind: "pglite"; dataDir: string };

/** @prisma/adapter-pg runs a migration script split on every ";", which breaks dollar-quoted function
 *  bodies (the audit log's append-only trigger). PostgreSQL's simple query protocol runs a whole script. */
function wholeScripts<A extends { executeScript(script: string): Promise<void> }>(adapter: A): A {
  const raw = adapter as unknown as { client: { query(sql: string): Promise<unknown> }; onError(e: unknown): never };
  adapter.executeScript = async (script: string) => {
    try {
      await raw.client.query(script);
    } catch (e) {
      raw.onError(e);
    }
  };
  return adapter;
}

export async function pgFactory(url: string) {
  const { PrismaPg } = await import("@prisma/adapter-pg");
  // Discrete fields rather than { connectionString }: PrismaPg.connectToShadowDb() (migrate dev/diff)
  // spreads { database: <shadow> } over its config, and node-postgres lets connectionString win.
  const u = new URL(url);
  const cfg = {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.slice(1)),
  };
  const factory = new PrismaPg(cfg);
  const connect = factory.connect.bind(factory);
  factory.connect = async () => wholeScripts(await connect());
  // PrismaPg's own connectToShadowDb drops the shadow DB before closing its pool ("being accessed by other users").
  factory.connectToShadowDb = async () => {
    const admin = await new PrismaPg(cfg).connect();
    const name = `prisma_migrate_shadow_db_${crypto.randomUUID()}`;
    await admin.executeScript(`CREATE DATABASE "${name}"`);
    const shadow = wholeScripts(await new PrismaPg({ ...cfg, database: name }).connect());
    const close = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await close();
      await admin.executeScript(`DROP DATABASE IF EXISTS "${name}"`);
      await admin.dispose();
    };
    return shadow;
  };
  return factory;
}

/**
 * Postgres's default shared_buffers (128 MB) lives inside PGlite's WASM heap and is touched as pages are read:
 * most of an idle bot's memory. A bot's working set is a few MB; 16 MB keeps it cached and saves ~120 MB RSS.
 * Passed at every start (not written to postgresql.conf), so existing data dirs get it too.
 * wal_recycle=off: a checkpoint deletes old WAL segments instead of renaming them for reuse with their old
 * contents, so the WAL written while a vote was open does not outlive the close (scrubVotingTraces).
 */
export const PGLITE_SETTINGS = ["-c", "shared_buffers=16MB", "-c", "wal_recycle=off"];

/**
 * PGlite runs each query synchronously on this thread, and a command's queries follow one another as promise
 * callbacks that never give the event loop a turn: a request arriving meanwhile (a Slack command to acknowledge
 * within 3 s) waited for whole commands. One event-loop turn before each query bounds that wait to one query.
 * (Every query goes through execProtocolStream, transactions included.)
 */
function yieldBeforeEachQuery(pglite: { execProtocolStream: (...args: never[]) => Promise<unknown> }): void {
  const run = pglite.execProtocolStream.bind(pglite);
  pglite.execProtocolStream = async (...args) => {
    await new Promise<void>((resolve) => setImmediate(resolve));
    return run(...args);
  };
}

export async function pgliteFactory(dataDir: string, loadDataDir?: Blob) {
  const { PGlite } = await import("@electric-sql/pglite");
  const { PrismaPGlite } = await import("pglite-prisma-adapter");
  const pglite = await PGlite.create({ dataDir, ...(loadDataDir ? { loadDataDir } : {}), startParams: [...PGlite.defaultStartParams, ...PGLITE_SETTINGS] });
  yieldBeforeEachQuery(pglite);
  return Object.assign(new PrismaPGlite(pglite), { close: () => pglite.close(), pglite });
}

// A throw-away database (simulator, tests) starts from a snapshot of a migrated one: initdb in WASM takes
// ~5 s here, restoring a snapshot ~1 s. The snapshot is keyed by the migrations and PGlite version.
const TEMPLATE_DIR = path.join("node_modules", ".cache", "caucus");

async function templateKey(): Promise<string> {
  const hash = createHash("sha256");
  const { migrationDirectories } = await listMigrations(MIGRATIONS_DIR);
  for (const m of migrationDirectories) hash.update(m.path).update(m.migrationFile.content.value);
  const pkg = JSON.parse(await fs.readFile(path.join("node_modules", "@electric-sql", "pglite", "package.json"), "utf8")) as { version: string };
  return hash.update(pkg.version).digest("hex").slice(0, 16);
}

/** The file of a snapshot of a freshly migrated database, made once per set of migrations and cached. */
async function migratedSnapshot(): Promise<string> {
  const file = path.join(TEMPLATE_DIR, `pglite-template-${await templateKey()}.tar`);
  if (await fs.access(file).then(() => true, () => false)) return file;
  const factory = await pgliteFactory("memory://");
  try {
    await migrateDeploy(factory);
    const dump = await factory.pglite.dumpDataDir("none");
    await fs.mkdir(TEMPLATE_DIR, { recursive: true });
    // Parallel processes (test workers, simulator runs) may race to make the same snapshot; the first one stays.
    await placeOnce(file, new Uint8Array(await dump.arrayBuffer()));
    return file;
  } finally {
    await factory.close();
  }
}

/**
 * Restores the snapshot into a new data dir in a worker thread. Done in-process, loading the 40 MB tar keeps
 * ~100 MB resident for the life of the bot (PGlite holds on to it, and the collector seldom runs when idle);
 * a worker's memory goes back to the system when it ends.
 */
async function restoreSnapshot(dataDir: string, snapshot: string): Promise<void> {
  const { Worker } = await import("node:worker_threads");
  const pglite = createRequire(import.meta.url).resolve("@electric-sql/pglite");
  const code = `
    const { workerData } = require("node:worker_threads");
    const { openAsBlob } = require("node:fs");
    const { PGlite } = require(workerData.pglite);
    (async () => {
      const pg = await PGlite.create({ dataDir: workerData.dataDir, loadDataDir: await openAsBlob(workerData.snapshot) });
      await pg.close();
    })().catch((e) => { process.nextTick(() => { throw e; }); });`;
  await new Promise<void>((resolve, reject) => {
    const w = new Worker(code, { eval: true, workerData: { pglite, dataDir, snapshot } });
    w.once("error", reject);
    w.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`restoring the database snapshot failed (worker exit ${code})`))));
  });
}

async function isEmptyDir(dir: string): Promise<boolean> {
  const entries = await fs.readdir(dir).catch(() => null);
  return entries === null || entries.length === 0;
}

// Several bot instances may start at once against one server: only one applies migrations at a time.
// (A key of our own: the schema engine may take Prisma's 72707369 itself, from another session.)
const STARTUP_LOCK = 72707370;
async function underStartupLock<T>(url: string, fn: () => Promise<T>): Promise<T> {
  const pg = (await import("pg")).default;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [STARTUP_LOCK]);
    return await fn();
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [STARTUP_LOCK]).catch(() => undefined);
    await client.end();
  }
}

export async function openDb(target: DbTarget, { migrate = true } = {}): Promise<Db> {
  let factory;
  if (target.kind === "postgres") factory = await pgFactory(target.url);
  else if (target.dataDir === "memory://" || (await isEmptyDir(target.dataDir))) {
    // A new database starts as a copy of the migrated snapshot instead of running initdb (5 s here).
    const snapshot = await migratedSnapshot();
    if (target.dataDir === "memory://") factory = await pgliteFactory(target.dataDir, await openAsBlob(snapshot));
    else {
      await fs.mkdir(path.dirname(target.dataDir), { recursive: true });
      await restoreSnapshot(target.dataDir, snapshot);
      factory = await pgliteFactory(target.dataDir);
    }
  } else factory = await pgliteFactory(target.dataDir);
  const prisma = new PrismaClient({ adapter: factory });
  // The schema engine is ~40 MB of WASM that stays resident once loaded: load it only when a migration is
  // pending (after an upgrade). A snapshot of the current migrations needs none.
  if (migrate && !(target.kind === "pglite" && target.dataDir === "memory://") && (await pendingMigrations(prisma)).length) {
    // The engine re-checks under the lock: another instance may have applied them meanwhile.
    if (target.kind === "postgres") await underStartupLock(target.url, () => migrateDeploy(factory));
    else await migrateDeploy(factory);
  }
  return {
    prisma,
    embedded: target.kind === "pglite",
    close: async () => {
      await prisma.$disconnect();
      if ("close" in factory) await factory.close();
    },
  };
}

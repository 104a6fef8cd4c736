// GET /healthz: the process is alive and serving HTTP. GET /readyz: it can do its job now: the database
// answers, every migration is applied, every platform adapter is connected. A 503 names what is not ready;
// the body never carries an error's text (it may name a host or a user), only what failed. Details are logged.
import type { Logger } from "../../src/logger.ts";
import type { PlatformPort } from "../../src/platformPort.ts";
import { pendingMigrations, type RawQuery } from "../db/pendingMigrations.ts";
import { MIGRATIONS_DIR } from "../db/schemaEngine.ts";
import { sendJson, type Route } from "./startHttpServer.ts";

export type Readiness = {
  prisma: RawQuery;
  ports: readonly Pick<PlatformPort, "platform" | "connected">[];
  migrationsDir?: string;
  /** Per probe; a database that does not answer in time is not ready. */
  timeoutMs?: number;
  log: Logger;
};

type Check = { ok: true } | { ok: false; reason: string; pending?: string[]; notConnected?: string[] };
export type ReadyBody = {
  status: "ready" | "not ready";
  notReady: ("database" | "migrations" | "adapters")[];
  checks: { database: Check; migrations: Check; adapters: Check & { connected?: string[] } };
};

class Timeout extends Error {}
function within<T>(ms: number, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Timeout(`no answer in ${ms} ms`)), ms)));
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

export async function readiness({ prisma, ports, migrationsDir = MIGRATIONS_DIR, timeoutMs = 2000, log }: Readiness): Promise<ReadyBody> {
  const failed = (what: string, err: unknown): Check => {
    log.warn({ err }, `readiness: ${what} check failed`);
    return { ok: false, reason: err instanceof Timeout ? "timed out" : "error" };
  };

  let database: Check;
  let migrations: Check;
  try {
    await within(timeoutMs, prisma.$queryRawUnsafe("SELECT 1"));
    database = { ok: true };
    try {
      const pending = await within(timeoutMs, pendingMigrations(prisma, migrationsDir));
      migrations = pending.length ? { ok: false, reason: "pending", pending } : { ok: true };
    } catch (err) {
      migrations = failed("migrations", err);
    }
  } catch (err) {
    database = { ok: false, reason: err instanceof Timeout ? "timed out" : "unreachable" };
    log.warn({ err }, "readiness: database check failed");
    migrations = { ok: false, reason: "not checked: database not ready" };
  }

  const notConnected = ports.filter((p) => !p.connected()).map((p) => p.platform);
  const adapters = notConnected.length
    ? { ok: false as const, reason: "not connected", notConnected }
    : { ok: true as const, connected: ports.map((p) => p.platform) };

  const checks = { database, migrations, adapters };
  const notReady = (["database", "migrations", "adapters"] as const).filter((k) => !checks[k].ok);
  return { status: notReady.length ? "not ready" : "ready", notReady, checks };
}

export function healthRoutes(r: Readiness): Route[] {
  return [
    { method: "GET", path: "/healthz", handle: (_req, res) => sendJson(res, 200, { status: "ok" }) },
    {
      method: "GET",
      path: "/readyz",
      handle: async (_req, res) => {
        const body = await readiness(r);
        sendJson(res, body.status === "ready" ? 200 : 503, body);
      },
    },
  ];
}

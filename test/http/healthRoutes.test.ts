import { createEventHandler } from "../../src/eventHandler.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PassThrough, Writable } from "node:stream";
import type { App } from "../../adapters/compose.ts";
import { createConsoleAdapter } from "../../adapters/console/consoleAdapter.ts";
import { openDb } from "../../adapters/db/openDb.ts";
import { MIGRATIONS_DIR } from "../../adapters/db/schemaEngine.ts";
import { healthRoutes, type Readiness } from "../../adapters/http/healthRoutes.ts";
import { sendJson, startHttpServer, type HttpServer } from "../../adapters/http/startHttpServer.ts";
import { silentLogger } from "../../src/logger.ts";
import { targets } from "../support/testApp.ts";

const sink = () => new Writable({ write: (_c, _e, done) => done() });

/** A console adapter on real streams: connected once started, not after its input closes. */
function consoleOn(app: App) {
  const input = new PassThrough();
  const ui = createConsoleAdapter(app.store, () => new Date("2026-04-01T08:00:00Z"), { input, output: sink() });
  return { ui, input };
}

async function serve(r: Readiness): Promise<HttpServer> {
  return startHttpServer({ port: 0, routes: healthRoutes(r), log: silentLogger });
}

async function get(server: HttpServer, p: string, method = "GET") {
  const res = await fetch(`http://127.0.0.1:${server.port}${p}`, { method });
  return { status: res.status, type: res.headers.get("content-type"), text: await res.text() };
}

describe("health endpoints", () => {
  let app: App;
  let console_: ReturnType<typeof consoleOn>;
  let server: HttpServer;
  const opened: { close(): Promise<void> }[] = [];

  beforeAll(async () => {
    app = await targets()[0]!.open();
    console_ = consoleOn(app);
    await console_.ui.start(createEventHandler(app.bot, console_.ui.limits, () => new Date("2026-04-01T08:00:00Z")));
    server = await serve({ prisma: app.db.prisma, ports: [console_.ui], log: silentLogger });
    opened.push(server, app);
  });
  afterAll(async () => {
    for (const o of opened.reverse()) await o.close();
  });

  it("binds 127.0.0.1 unless told otherwise", () => {
    expect(server.host).toBe("127.0.0.1");
    expect(server.port).toBeGreaterThan(0);
  });

  it("GET /healthz answers 200 {status: ok}", async () => {
    const r = await get(server, "/healthz");
    expect(r.status).toBe(200);
    expect(r.type).toMatch(/^application\/json/);
    expect(JSON.parse(r.text)).toEqual({ status: "ok" });
  });

  it("GET /readyz answers 200 on a migrated database with every adapter connected", async () => {
    const r = await get(server, "/readyz?verbose=1");
    expect(r.status).toBe(200);
    expect(JSON.parse(r.text)).toEqual({
      status: "ready",
      notReady: [],
      checks: { database: { ok: true }, migrations: { ok: true }, adapters: { ok: true, connected: ["console"] } },
    });
  });

  it("GET /readyz answers 503 naming a pending migration (one the database has not applied)", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "caucus-readyz-migrations-"));
    await fs.cp(MIGRATIONS_DIR, dir, { recursive: true });
    await fs.mkdir(path.join(dir, "29990101000000_next_release"));
    await fs.writeFile(path.join(dir, "29990101000000_next_release", "migration.sql"), `ALTER TABLE "Network" ADD COLUMN "x" TEXT;\n`);
    const s = await serve({ prisma: app.db.prisma, ports: [console_.ui], migrationsDir: dir, log: silentLogger });
    opened.push(s);
    const r = await get(s, "/readyz");
    expect(r.status).toBe(503);
    const body = JSON.parse(r.text);
    expect(body.status).toBe("not ready");
    expect(body.notReady).toEqual(["migrations"]);
    expect(body.checks.migrations).toEqual({ ok: false, reason: "pending", pending: ["29990101000000_next_release"] });
  });

  it("GET /readyz answers 503 naming an adapter that is not connected, and 200 once it is", async () => {
    const late = consoleOn(app);
    const s = await serve({ prisma: app.db.prisma, ports: [console_.ui, late.ui], log: silentLogger });
    opened.push(s);
    const before = await get(s, "/readyz");
    expect(before.status).toBe(503);
    expect(JSON.parse(before.text)).toMatchObject({ notReady: ["adapters"], checks: { adapters: { ok: false, reason: "not connected", notConnected: ["console"] } } });

    await late.ui.start(createEventHandler(app.bot, late.ui.limits, () => new Date("2026-04-01T08:00:00Z")));
    expect((await get(s, "/readyz")).status).toBe(200);

    late.input.end();
    await late.ui.closed;
    expect((await get(s, "/readyz")).status).toBe(503);
  });

  it("GET /readyz answers 503 when the database is closed", async () => {
    const db = await openDb({ kind: "pglite", dataDir: "memory://" });
    await db.close();
    const s = await serve({ prisma: db.prisma, ports: [console_.ui], log: silentLogger });
    opened.push(s);
    const r = await get(s, "/readyz");
    expect(r.status).toBe(503);
    expect(JSON.parse(r.text)).toMatchObject({
      notReady: ["database", "migrations"],
      checks: { database: { ok: false, reason: "unreachable" }, migrations: { ok: false } },
    });
  });

  it("GET /readyz answers 503 'timed out' when the database does not answer in time", async () => {
    // PGlite runs one query at a time: an open transaction holds every other query back.
    let release: () => void = () => {};
    const held = new Promise<void>((r) => (release = r));
    const tx = app.db.prisma.$transaction(() => held, { timeout: 20_000 });
    try {
      const s = await serve({ prisma: app.db.prisma, ports: [console_.ui], timeoutMs: 200, log: silentLogger });
      opened.push(s);
      const r = await get(s, "/readyz");
      expect(r.status).toBe(503);
      expect(JSON.parse(r.text).checks.database).toEqual({ ok: false, reason: "timed out" });
    } finally {
      release();
      await tx;
    }
    expect((await get(server, "/readyz")).status).toBe(200);
  });

  it("never puts a connection error's text in the body (a URL, a user, a password)", async () => {
    // Nothing listens on port 1: the driver's error names the address; the body must not.
    const db = await openDb({ kind: "postgres", url: "postgresql://caucus:hunter2@127.0.0.1:1/caucus" }, { migrate: false });
    opened.push(db);
    const s = await serve({ prisma: db.prisma, ports: [console_.ui], log: silentLogger });
    opened.push(s);
    const r = await get(s, "/readyz");
    expect(r.status).toBe(503);
    expect(JSON.parse(r.text).checks.database).toEqual({ ok: false, reason: "unreachable" });
    expect(r.text).not.toMatch(/hunter2|caucus:|127\.0\.0\.1|ECONNREFUSED/);
  });

  it("answers 404 for an unknown path and 405 (with Allow) for a method a path does not take", async () => {
    expect((await get(server, "/nope")).status).toBe(404);
    const res = await fetch(`http://127.0.0.1:${server.port}/healthz`, { method: "POST" });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET");
  });

  it("lets a later adapter mount its own route, and refuses the same route twice", async () => {
    server.mount({ method: "POST", path: "/slack/events", handle: (_req, res) => sendJson(res, 200, { challenge: "c" }) });
    const res = await fetch(`http://127.0.0.1:${server.port}/slack/events`, { method: "POST", body: "{}" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: "c" });
    expect(() => server.mount({ method: "GET", path: "/healthz", handle: () => {} })).toThrow(/mounted twice/);
  });

  it("answers 500 without details when a handler throws", async () => {
    server.mount({ method: "GET", path: "/boom", handle: () => { throw new Error("secret detail"); } });
    const r = await get(server, "/boom");
    expect(r.status).toBe(500);
    expect(r.text).not.toContain("secret detail");
  });
});

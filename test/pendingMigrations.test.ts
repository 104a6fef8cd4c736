import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { openDb, pgliteFactory } from "../adapters/db/openDb.ts";
import { pendingMigrations } from "../adapters/db/pendingMigrations.ts";
import { migrateDeploy, MIGRATIONS_DIR } from "../adapters/db/schemaEngine.ts";
import { PrismaClient } from "../adapters/db/generated/prisma/client.ts";

const allMigrations = async () => (await fs.readdir(MIGRATIONS_DIR, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();

/** A copy of prisma/migrations holding only the first `n` migrations (prisma/migrations itself is never touched). */
async function firstMigrations(n: number): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "caucus-migrations-"));
  await fs.copyFile(path.join(MIGRATIONS_DIR, "migration_lock.toml"), path.join(dir, "migration_lock.toml"));
  for (const name of (await allMigrations()).slice(0, n)) await fs.cp(path.join(MIGRATIONS_DIR, name), path.join(dir, name), { recursive: true });
  return dir;
}

describe("pendingMigrations", () => {
  let tmp: string;
  // One initdb per file (slow in WASM): a bare database, migrated step by step through the tests below.
  let bare: Awaited<ReturnType<typeof pgliteFactory>>;
  let prisma: PrismaClient;
  let all: string[];
  beforeAll(async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), "caucus-pending-"));
    bare = await pgliteFactory("memory://");
    prisma = new PrismaClient({ adapter: bare });
    all = await allMigrations();
  });
  afterAll(async () => {
    await prisma.$disconnect();
    await bare.close();
    await fs.rm(tmp, { recursive: true, force: true });
  });

  it("names every migration when the database has none applied (no _prisma_migrations table)", async () => {
    expect(await pendingMigrations(prisma)).toEqual(all);
  });

  it("names only the migrations the database has not applied", async () => {
    await migrateDeploy(bare, await firstMigrations(1));
    expect(await pendingMigrations(prisma)).toEqual(all.slice(1));
  });

  it("openDb applies pending migrations to an existing data dir at start, then reports none pending", async () => {
    // A data dir as an older release left it: only the first migration applied.
    const dataDir = path.join(tmp, "upgrade");
    const old = await pgliteFactory(dataDir, await bare.pglite.dumpDataDir("none"));
    await old.close();

    const db = await openDb({ kind: "pglite", dataDir });
    try {
      expect(await pendingMigrations(db.prisma)).toEqual([]);
      // A table from a later migration is there and usable.
      expect(await db.prisma.election.count()).toBe(0);
    } finally {
      await db.close();
    }
  });

  it("counts a failed attempt as not applied, so start-up hands it to the engine (which reports it)", async () => {
    await prisma.$executeRawUnsafe(`UPDATE _prisma_migrations SET finished_at = NULL WHERE migration_name = $1`, all[0]);
    expect(await pendingMigrations(prisma)).toEqual(all);
  });

  it("reports a migration directory the database has not applied", async () => {
    const db = await openDb({ kind: "pglite", dataDir: "memory://" });
    const dir = await firstMigrations(all.length);
    await fs.mkdir(path.join(dir, "29990101000000_not_yet"));
    await fs.writeFile(path.join(dir, "29990101000000_not_yet", "migration.sql"), "SELECT 1;\n");
    try {
      expect(await pendingMigrations(db.prisma, dir)).toEqual(["29990101000000_not_yet"]);
      expect(await pendingMigrations(db.prisma)).toEqual([]);
    } finally {
      await db.close();
    }
  });
});

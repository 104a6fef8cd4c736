// Which migrations in prisma/migrations the database has not applied, read from Prisma's own
// _prisma_migrations table: two small queries and a directory listing, no schema engine. Start-up uses it to
// skip loading the engine (~40 MB of WASM) when nothing is pending; /readyz uses it on every probe.
import fs from "node:fs/promises";
import { MIGRATIONS_DIR } from "./schemaEngine.ts";

/** The part of PrismaClient this needs (a transaction client or a plain one). */
export type RawQuery = { $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T> };

export async function pendingMigrations(prisma: RawQuery, dir = MIGRATIONS_DIR): Promise<string[]> {
  // Prisma treats every directory under migrations/ as one migration, named after the directory.
  const onDisk = (await fs.readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const [table] = await prisma.$queryRawUnsafe<{ present: boolean }[]>(`SELECT to_regclass('_prisma_migrations') IS NOT NULL AS present`);
  if (!table?.present) return onDisk;
  // A failed or rolled-back attempt is not applied: `migrate deploy` must see it (and report P3009).
  const rows = await prisma.$queryRawUnsafe<{ migration_name: string }[]>(
    `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  const applied = new Set(rows.map((r) => r.migration_name));
  return onDisk.filter((name) => !applied.has(name));
}

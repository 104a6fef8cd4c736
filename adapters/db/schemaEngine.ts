// Prisma's schema engine compiled to WebAssembly (@prisma/schema-engine-wasm), driven through a
// driver adapter: migrate dev/deploy/status/diff without the native binary and without network.
import fs from "node:fs/promises";
import path from "node:path";
import { createRequire } from "node:module";
import { inspect } from "node:util";
import { bindMigrationAwareSqlAdapterFactory, type SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";

const require = createRequire(import.meta.url);
export const SCHEMA_PATH = "prisma/schema.prisma";
export const MIGRATIONS_DIR = "prisma/migrations";
export const noFilter = { externalTables: [] as string[], externalEnums: [] as string[] };

// The wasm-bindgen glue reports Rust panics through this global.
(globalThis as any).PRISMA_WASM_PANIC_REGISTRY ??= {
  message: "", get() { return this.message; }, set_message(m: string) { this.message = `RuntimeError: ${m}`; },
};

let glue: any;
async function loadGlue() {
  if (glue) return glue;
  glue = await import("@prisma/schema-engine-wasm/schema_engine_bg");
  const wasmFile = path.join(path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg")), "schema_engine_bg.wasm");
  // Node has WebAssembly at run time; this project's lib settings carry no DOM/WebAssembly typings.
  const wasm = (globalThis as any).WebAssembly;
  const instance = new wasm.Instance(new wasm.Module(await fs.readFile(wasmFile)), { "./schema_engine_bg.js": glue });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports as any).__wbindgen_start();
  return glue;
}

export async function openSchemaEngine(adapter: SqlMigrationAwareDriverAdapterFactory, schemaPath = SCHEMA_PATH) {
  const g = await loadGlue();
  const content = await fs.readFile(schemaPath, "utf8");
  const bound = bindMigrationAwareSqlAdapterFactory(adapter);
  const log = (m: string) => { if (process.env.SCHEMA_ENGINE_DEBUG) console.error("[schema-engine]", m); };
  const raw = await g.SchemaEngine.new({ datamodels: [[schemaPath, content]] }, log, bound);
  // Turn "External error id#N" into the driver's actual error.
  const engine = new Proxy(raw, {
    get(t, k) {
      const v = t[k];
      if (typeof v !== "function") return v;
      return (...a: unknown[]) => Promise.resolve(v.apply(t, a)).catch((e: any) => {
        const m = /External error id#(\d+)/.exec(String(e?.message));
        const rec: any = m && bound.errorRegistry.consumeError(Number(m[1]));
        if (rec) e.message += `\nDriver error: ${inspect(rec.error ?? rec)}`;
        throw e;
      });
    },
  });
  return { engine, schema: { files: [{ path: schemaPath, content }] }, version: g.version() as string };
}

/** Same shape as @prisma/migrate's listMigrations(): Prisma's own directory layout. */
export async function listMigrations(dir = MIGRATIONS_DIR) {
  const lockfile = { path: "migration_lock.toml", content: await fs.readFile(path.join(dir, "migration_lock.toml"), "utf8").catch(() => null) };
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
  const migrationDirectories = [];
  for (const e of entries.filter((e) => e.isDirectory())) {
    const content = await fs.readFile(path.join(dir, e.name, "migration.sql"), "utf8")
      .then((value) => ({ tag: "ok" as const, value }), (err) => ({ tag: "error" as const, value: String(err.message) }));
    migrationDirectories.push({ path: e.name, migrationFile: { path: "migration.sql", content } });
  }
  migrationDirectories.sort((a, b) => a.path.localeCompare(b.path));
  return { baseDir: dir, lockfile, migrationDirectories, shadowDbInitScript: "" };
}

/** `prisma migrate deploy`: applies pending migrations, recording them in _prisma_migrations. */
export async function migrateDeploy(adapter: SqlMigrationAwareDriverAdapterFactory, dir = MIGRATIONS_DIR) {
  const { engine } = await openSchemaEngine(adapter);
  try { return (await engine.applyMigrations({ migrationsList: await listMigrations(dir), filters: noFilter })).appliedMigrationNames as string[]; }
  finally { engine.free?.(); }
}

/** `prisma migrate diff --from-migrations --to-schema --exit-code`: SQL still missing from the migrations (null = in sync). */
export async function migrationsDrift(adapter: SqlMigrationAwareDriverAdapterFactory, dir = MIGRATIONS_DIR, schemaPath = SCHEMA_PATH) {
  const { engine, schema } = await openSchemaEngine(adapter, schemaPath);
  try {
    const r = await engine.diff({ from: { tag: "migrations", ...(await listMigrations(dir)) }, to: { tag: "schemaDatamodel", ...schema }, script: true, exitCode: true, filters: noFilter });
    return r.exitCode === 2 ? (r.stdout as string) : null;
  } finally { engine.free?.(); }
}

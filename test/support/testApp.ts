// One database per test file (PGlite from a snapshot, or a PostgreSQL server), emptied between tests.
import { openApp, type App } from "../../adapters/compose.ts";
import { silentLogger } from "../../src/logger.ts";
import type { Actor } from "../../src/event.ts";
import type { ChannelRef, Send } from "../../src/message.ts";
import { renderPlain } from "../../adapters/console/renderPlain.ts";

export type Target = { name: string; open: () => Promise<App> };

/** Embedded PGlite always; a real PostgreSQL server too when TEST_DATABASE_URL is set. */
export function targets(): Target[] {
  const list: Target[] = [{ name: "pglite", open: () => openApp({ kind: "pglite", dataDir: "memory://" }, silentLogger) }];
  const url = process.env.TEST_DATABASE_URL;
  if (url) list.push({ name: "postgres", open: () => openApp({ kind: "postgres", url }, silentLogger) });
  return list;
}

export async function clearAll(app: App): Promise<void> {
  const rows = await app.db.prisma.$queryRawUnsafe<{ tablename: string }[]>(
    `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'`,
  );
  if (rows.length) await app.db.prisma.$executeRawUnsafe(`TRUNCATE ${rows.map((r) => `"${r.tablename}"`).join(", ")} CASCADE`);
}

export const channel: ChannelRef = { platform: "console", workspaceId: "ws1", channelId: "general", name: "general" };

export function actor(name: string, opts: Partial<Actor> = {}): Actor {
  return { platform: "console", workspaceId: "ws1", workspaceName: "Test network", userId: name.toLowerCase(), displayName: name, isPlatformAdmin: false, ...opts };
}

/** Runs a command as `who` and returns the sends. */
export async function run(app: App, who: Actor | string, line: string, now = new Date("2026-04-01T08:00:00Z")): Promise<Send[]> {
  const m = /^\/(\S+)\s*(.*)$/s.exec(line);
  if (!m) throw new Error(`not a command: ${line}`);
  const a = typeof who === "string" ? actor(who) : who;
  return app.bot.handle({ kind: "command", actor: a, channel, name: m[1]!, text: m[2]! }, now);
}

/** The plain text of every send, joined: what a reader sees. */
export const texts = (sends: Send[]): string =>
  sends.map((s) => (s.kind === "form" ? `[form ${s.form.title}]` : renderPlain(s.message))).join("\n---\n");

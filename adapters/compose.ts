import { randomBytes } from "node:crypto";
// The composition root's wiring, shared by `npm start`, the simulator and the tests: database, store, core.
import { commands } from "../commands/index.ts";
import { createBot, type Bot } from "../src/bot.ts";
import type { Random } from "../src/command.ts";
import type { Logger } from "../src/logger.ts";
import { combineSchedulers, type Scheduler } from "../src/scheduler.ts";
import type { Store } from "../src/store.ts";
import { NO_DIRECTORY, type UserDirectory } from "../src/userDirectory.ts";
import { createReminderScheduler } from "../src/reminderScheduler.ts";
import { createElectionScheduler, shouldRemind } from "../src/elections/electionScheduler.ts";
import { openDb, type Db, type DbTarget } from "./db/openDb.ts";
import { PrismaStore } from "./db/prismaStore.ts";

/** `random` is the process's cryptographic randomness (keys, seeds, retry jitter). */
export type App = { db: Db; store: Store; bot: Bot; scheduler: Scheduler; random: Random; close(): Promise<void> };

/** `directory`: the running adapters' user look-ups (none: people are met when they act). `random`: tests may
 *  make it repeatable; otherwise the process's cryptographic randomness. */
export type WireOptions = { directory?: UserDirectory; random?: Random };

export function wire(db: Db, log: Logger, options: WireOptions = {}): App {
  const store = new PrismaStore(db.prisma, db.prisma, db.embedded ?? false);
  const random: Random = options.random ?? ((n) => randomBytes(n));
  const bot = createBot({ store, commands, log, random, directory: options.directory ?? NO_DIRECTORY });
  // Phase changes first: a vote that closes at the same instant as a reminder must not be reminded of.
  const scheduler = combineSchedulers([
    createElectionScheduler(store, log),
    createReminderScheduler(store, log, shouldRemind),
  ]);
  return { db, store, bot, scheduler, random, close: () => db.close() };
}

export async function openApp(target: DbTarget, log: Logger, options: WireOptions = {}): Promise<App> {
  return wire(await openDb(target), log, options);
}

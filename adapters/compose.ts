import { randomBytes } from "node:crypto";
// The composition root's wiring, shared by `npm start`, the simulator and the tests: database, store, core.
import { commands } from "../commands/index.ts";
import { createBot, type Bot } from "../src/bot.ts";
import type { Logger } from "../src/logger.ts";
import { combineSchedulers, type Scheduler } from "../src/scheduler.ts";
import type { Store } from "../src/store.ts";
import { createReminderScheduler } from "../src/reminderScheduler.ts";
import { createElectionScheduler, shouldRemind } from "../src/elections/electionScheduler.ts";
import { openDb, type Db, type DbTarget } from "./db/openDb.ts";
import { PrismaStore } from "./db/prismaStore.ts";

export type App = { db: Db; store: Store; bot: Bot; scheduler: Scheduler; close(): Promise<void> };

export function wire(db: Db, log: Logger): App {
  const store = new PrismaStore(db.prisma);
  const bot = createBot({ store, commands, log, random: (n) => randomBytes(n) });
  // Phase changes first: a vote that closes at the same instant as a reminder must not be reminded of.
  const scheduler = combineSchedulers([
    createElectionScheduler(store, log),
    createReminderScheduler(store, log, (d, memberId) => shouldRemind(store, d, memberId)),
  ]);
  return { db, store, bot, scheduler, close: () => db.close() };
}

export async function openApp(target: DbTarget, log: Logger): Promise<App> {
  return wire(await openDb(target), log);
}

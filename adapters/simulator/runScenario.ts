import type { Bot } from "../../src/bot.ts";
import type { Random } from "../../src/command.ts";
import type { Scheduler } from "../../src/scheduler.ts";
import type { Send } from "../../src/message.ts";
import { createOutboxDispatcher } from "../../src/outboxDispatcher.ts";
import { UNLIMITED, type PlatformPort } from "../../src/platformPort.ts";
import { createVirtualClock } from "../../src/virtualClock.ts";
import { silentLogger } from "../../src/logger.ts";
import type { Store } from "../../src/store.ts";
import { assertNever } from "../../src/assertNever.ts";
import { CONSOLE_CHANNEL, consoleActor, toConsoleOutput } from "../console/consoleSession.ts";
import type { ScenarioStep } from "./parseScenario.ts";
import { nameKey } from "../../src/nameKey.ts";

/** One line of simulator output: a message to one member, or a channel post. */
export type SimLine = { at: string; to: string; text: string } | { at: string; channel: string; text: string };

const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

/** Runs a parsed scenario on a virtual clock; `emit` receives every message the bot sends, in order. */
export async function runScenario(
  steps: ScenarioStep[],
  deps: { bot: Bot; store: Store; scheduler: Scheduler; random: Random; emit: (line: SimLine) => void },
): Promise<void> {
  const admins = new Set<string>();
  let now = null as Date | null;
  // A scenario cannot know a random receipt: `{receipt}` in a command is the last one shown to that member,
  // as a person copies it from the bot's reply to replace their ballot.
  const receipts = new Map<string, string>();

  const emitAt = (sends: Send[], actor: string, at: Date) => {
    for (const o of toConsoleOutput(sends, actor)) {
      deps.emit(o.kind === "member" ? { at: iso(at), to: o.to, text: o.text } : { at: iso(at), channel: o.channel, text: o.text });
    }
  };

  // DMs and posts reach members through the outbox, as in production: a console-like port prints each one
  // at the virtual instant of the step that caused it, in the order they were enqueued.
  let stepAt = new Date(0);
  const clock = createVirtualClock(stepAt);
  const port: PlatformPort = {
    platform: "console",
    limits: UNLIMITED,
    start: async () => {},
    stop: async () => {},
    connected: () => true,
    deliver: async (d) => {
      emitAt([d], "", stepAt);
      return { kind: "sent" };
    },
  };
  const dispatcher = createOutboxDispatcher({
    outbox: deps.store.outbox,
    ports: [port],
    now: clock.now,
    sleep: clock.sleep,
    random: deps.random,
    log: silentLogger,
    owner: "simulator",
    options: { concurrency: 1 },
  });
  /** Shows the answers of a step, then everything that step put in the outbox. */
  const emit = async (answers: Send[], actor: string, at: Date) => {
    emitAt(answers, actor, at);
    stepAt = at;
    clock.set(at);
    await dispatcher.drain();
  };

  /** Fires everything due up to `target`, each at its own due instant, in order. */
  const runUntil = async (target: Date) => {
    for (let guard = 0; guard < 1_000_000; guard++) {
      const due = await deps.scheduler.nextDue();
      if (!due || due > target) break;
      const at = now && due < now ? now : due;
      now = at;
      await deps.scheduler.tick(at);
      await emit([], "", at);
    }
    now = target;
  };

  for (const step of steps) {
    switch (step.kind) {
      case "clock":
        now = step.at;
        // Work left over from before the clock started (none in a fresh store) fires now.
        await runUntil(now);
        break;
      case "organiser":
        admins.add(nameKey(step.member));
        await deps.store.resolveActor(consoleActor(step.member, admins));
        break;
      case "command": {
        const at = now!;
        const sends = await deps.bot.handle(
          { kind: "command", actor: consoleActor(step.member, admins), channel: CONSOLE_CHANNEL, name: step.name, text: step.text.replaceAll("{receipt}", receipts.get(nameKey(step.member)) ?? "{receipt}") },
          at,
        );
        for (const o of toConsoleOutput(sends, step.member)) {
          const r = /Receipt: ([0-9A-F]{4}(?:-[0-9A-F]{4}){3})/.exec(o.text);
          if (r) receipts.set(nameKey(step.member), r[1]!);
        }
        await emit(sends, step.member, at);
        break;
      }
      case "advance":
        await runUntil(new Date(now!.getTime() + step.ms));
        break;
      case "offline": {
        // Nothing runs while the bot is down; the first tick after it comes back catches up.
        const back: Date = new Date(now!.getTime() + step.ms);
        now = back;
        await deps.scheduler.tick(back);
        await emit([], "", back);
        break;
      }
      default:
        assertNever(step, "scenario step");
    }
  }
}

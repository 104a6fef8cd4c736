import type { Bot } from "../../src/bot.ts";
import type { Random } from "../../src/command.ts";
import type { Scheduler } from "../../src/scheduler.ts";
import type { Send } from "../../src/message.ts";
import { createOutboxDispatcher } from "../../src/outboxDispatcher.ts";
import { acceptingPort } from "../../src/platformPort.ts";
import { createVirtualClock } from "../../src/virtualClock.ts";
import { silentLogger } from "../../src/logger.ts";
import type { Store } from "../../src/store.ts";
import { assertNever } from "../../src/assertNever.ts";
import { CONSOLE_CHANNEL, consoleActor, toConsoleOutput } from "../console/consoleSession.ts";
import type { ScenarioAccount, ScenarioStep } from "./parseScenario.ts";
import type { Actor } from "../../src/event.ts";
import type { ChannelRef } from "../../src/message.ts";
import { nameKey } from "../../src/nameKey.ts";

/** How output names a member or channel: the console's as before (`ana`, `general`); another platform's with it,
 *  `ana@discord:youth-server` (`ana@discord` when the workspace is named after the platform), as scenarios write them. */
export function simLabel(name: string, platform: string, workspace: string): string {
  if (platform === "console") return name;
  return workspace === platform ? `${name}@${platform}` : `${name}@${platform}:${workspace}`;
}

/** A scenario actor as the platform would report them (the console's, or an account on another platform). */
function scenarioActor(name: string, account: ScenarioAccount | undefined, admins: ReadonlySet<string>): Actor {
  const label = simLabel(nameKey(name), account?.platform ?? "console", account?.workspace ?? "console");
  const base = consoleActor(name, new Set(admins.has(label) ? [nameKey(name)] : []));
  if (!account) return base;
  return { ...base, platform: account.platform, workspaceId: account.workspace, workspaceName: account.workspace };
}

const channelOf = (account: ScenarioAccount | undefined): ChannelRef =>
  account ? { platform: account.platform, workspaceId: account.workspace, channelId: "general", name: "general" } : CONSOLE_CHANNEL;

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

  // The last link code and join code Caucus showed anyone: `{linkcode}` and `{joincode}` in a command, as people
  // copy them across apps.
  let linkCode: string | null = null;
  let joinCode: string | null = null;
  const emitAt = (sends: Send[], actor: string, at: Date, channel: ChannelRef = CONSOLE_CHANNEL) => {
    for (const s of sends) {
      const o = toConsoleOutput([s], actor)[0]!;
      const code = /Your link code: (\S+)/.exec(o.text);
      if (code) linkCode = code[1]!;
      const join = /Join code for .*?: (\S+)/.exec(o.text);
      if (join) joinCode = join[1]!;
      if (o.kind === "member") {
        const to = s.kind === "dm" ? simLabel(s.to.displayName, s.to.platform, s.to.workspaceId) : o.to;
        deps.emit({ at: iso(at), to, text: o.text });
      } else {
        const where = s.kind === "post" ? s.channel : channel;
        deps.emit({ at: iso(at), channel: simLabel(where.name ?? where.channelId, where.platform, where.workspaceId), text: o.text });
      }
    }
  };

  // DMs and posts reach members through the outbox, as in production: a console-like port prints each one
  // at the virtual instant of the step that caused it, in the order they were enqueued.
  let stepAt = new Date(0);
  const clock = createVirtualClock(stepAt);
  const platforms = new Set(["console", ...steps.flatMap((s) => ("account" in s && s.account ? [s.account.platform] : []))]);
  const ports = [...platforms].map((platform) => acceptingPort(platform, (d) => emitAt([d], "", stepAt)));
  const dispatcher = createOutboxDispatcher({
    outbox: deps.store.outbox,
    ports,
    now: clock.now,
    sleep: clock.sleep,
    random: deps.random,
    log: silentLogger,
    owner: "simulator",
    options: { concurrency: 1 },
  });
  /** Shows the answers of a step, then everything that step put in the outbox. */
  const emit = async (answers: Send[], actor: string, at: Date, channel?: ChannelRef) => {
    emitAt(answers, actor, at, channel);
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
      case "organiser": {
        // An admin of that account's workspace: an organiser by right there.
        admins.add(simLabel(nameKey(step.member), step.account?.platform ?? "console", step.account?.workspace ?? "console"));
        await deps.store.resolveActor(scenarioActor(step.member, step.account, admins));
        break;
      }
      case "command": {
        const at = now!;
        const actor = scenarioActor(step.member, step.account, admins);
        const label = simLabel(step.member, actor.platform, actor.workspaceId);
        // A person's receipts, whichever of their accounts was shown one.
        const text = step.text.replaceAll("{receipt}", receipts.get(nameKey(step.member)) ?? "{receipt}").replaceAll("{linkcode}", linkCode ?? "{linkcode}").replaceAll("{joincode}", joinCode ?? "{joincode}");
        const channel = channelOf(step.account);
        const sends = await deps.bot.handle({ kind: "command", actor, channel, name: step.name, text }, at);
        for (const o of toConsoleOutput(sends, label)) {
          const r = /Receipt: ([0-9A-F]{4}(?:-[0-9A-F]{4}){3})/.exec(o.text);
          if (r) receipts.set(nameKey(step.member), r[1]!);
        }
        await emit(sends, label, at, channel);
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

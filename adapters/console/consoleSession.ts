// The console adapter's logic, free of readline so the simulator and tests drive it directly:
// lines in, rendered messages out.
import { assertNever } from "../../src/assertNever.ts";
import type { Actor, InboundEvent } from "../../src/event.ts";
import type { ChannelRef, Component, Send } from "../../src/message.ts";
import { nameKey } from "../../src/nameKey.ts";
import type { Store } from "../../src/store.ts";
import { renderComponent, renderPlain } from "./renderPlain.ts";

export const CONSOLE_WORKSPACE = { platform: "console", workspaceId: "console", workspaceName: "Console network" } as const;
export const CONSOLE_CHANNEL: ChannelRef = { platform: "console", workspaceId: "console", channelId: "general", name: "general" };

/** One message as the console shows it: to one member, or posted in a channel. */
export type ConsoleOutput =
  | { kind: "member"; to: string; text: string; private: boolean; components?: Component[] }
  | { kind: "channel"; channel: string; text: string; components?: Component[] };

export function consoleActor(name: string, admins: ReadonlySet<string>): Actor {
  const key = nameKey(name);
  return { ...CONSOLE_WORKSPACE, userId: key, displayName: name, isPlatformAdmin: admins.has(key) };
}

/** Turns what the core asked for into console output. `actorName` is whoever triggered the replies. */
export function toConsoleOutput(sends: Send[], actorName: string): ConsoleOutput[] {
  return sends.map((s): ConsoleOutput => {
    switch (s.kind) {
      case "reply":
        return s.visibility === "private"
          ? { kind: "member", to: actorName, text: renderPlain(s.message), private: true, components: s.message.components }
          : { kind: "channel", channel: CONSOLE_CHANNEL.name!, text: renderPlain(s.message), components: s.message.components };
      case "dm":
        return { kind: "member", to: s.to.displayName, text: renderPlain(s.message), private: false, components: s.message.components };
      case "post":
        return { kind: "channel", channel: s.channel.name ?? s.channel.channelId, text: renderPlain(s.message), components: s.message.components };
      case "form":
        return {
          kind: "member",
          to: actorName,
          private: true,
          text: `${s.form.title}: the console has no forms; use the command's text form instead (/caucus help).`,
        };
      case "formErrors":
        return { kind: "member", to: actorName, private: true, text: Object.values(s.errors).map((e) => `⚠️ ${e}`).join("\n") };
      default:
        return assertNever(s, "send");
    }
  });
}

export function formatConsoleOutput(o: ConsoleOutput, now: string): string {
  const buttons = o.components?.length ? `\n  ${o.components.map((c, i) => renderComponent(c, i + 1)).join(" ")}  (type: click <n> [option])` : "";
  const head = o.kind === "member" ? `[${now}] ${o.private ? "to" : "DM to"} ${o.to}:` : `[${now}] #${o.channel}:`;
  return `${head} ${o.text.replace(/\n/g, "\n  ")}${buttons}`;
}

/** The state of an interactive console: who is typing, who are admins, the last buttons shown. */
export class ConsoleSession {
  current = "me";
  readonly admins = new Set<string>([nameKey("me")]);
  private lastComponents: Component[] = [];
  /** Who the last buttons were shown to: clicking them acts as that member. */
  private buttonsFor = "me";

  constructor(
    private readonly handle: (event: InboundEvent) => Promise<Send[]>,
    private readonly store: Store,
    private readonly now: () => Date,
  ) {}

  /** Handles one typed line; returns what to print. */
  async line(input: string): Promise<string[]> {
    const text = input.trim();
    if (!text) return [];
    const at = this.now().toISOString().slice(0, 16).replace("T", " ") + " UTC";
    const as = /^as\s+(.+)$/i.exec(text);
    if (as) {
      this.current = as[1]!.trim();
      return [`You are now ${this.current}.`];
    }
    const org = /^organiser\s+(.+)$/i.exec(text);
    if (org) {
      const name = org[1]!.trim();
      this.admins.add(nameKey(name));
      await this.store.resolveActor(consoleActor(name, this.admins));
      return [`${name} is a network organiser.`];
    }
    const click = /^click\s+(\d+)(?:\s+(.+))?$/i.exec(text);
    if (click) {
      const c = this.lastComponents[Number(click[1]) - 1];
      if (!c) return ["No such button: type click <n> with a number shown in the last message."];
      const value = c.kind === "button" ? c.value : c.options.find((o) => o.label === click[2] || o.value === click[2])?.value;
      if (value === undefined) return [`Choose an option: click ${click[1]} <option>.`];
      const sends = await this.handle({ kind: "action", actor: consoleActor(this.buttonsFor, this.admins), channel: CONSOLE_CHANNEL, actionId: c.actionId, value });
      return this.render(sends, at, this.buttonsFor);
    }
    const cmd = /^\/(\S+)\s*(.*)$/s.exec(text);
    if (!cmd) return ["Type a slash command (/caucus help), `as <name>` to switch member, `organiser <name>`, or `quit`."];
    const sends = await this.handle({ kind: "command", actor: consoleActor(this.current, this.admins), channel: CONSOLE_CHANNEL, name: cmd[1]!, text: cmd[2] ?? "" });
    return this.render(sends, at);
  }

  render(sends: Send[], at: string, actor = this.current): string[] {
    const out = toConsoleOutput(sends, actor);
    const last = out.filter((o) => o.components?.length).at(-1);
    if (last) {
      this.lastComponents = last.components!;
      this.buttonsFor = last.kind === "member" ? last.to : actor;
    }
    return out.map((o) => formatConsoleOutput(o, at));
  }
}

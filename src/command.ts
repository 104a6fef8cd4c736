import type { Actor } from "./event.ts";
import type { ChannelRef, Message, Send } from "./message.ts";
import type { Result } from "./result.ts";
import type { Member, Network, Store } from "./store.ts";

/** What a command handler gets: everything is an argument, including the time. */
export type CommandContext = {
  store: Store;
  network: Network;
  member: Member;
  actor: Actor;
  channel: ChannelRef;
  now: Date;
  /** The zone the acting member sees times in. */
  zone: string;
  /** Cryptographic randomness (seeds, receipts, keys); injected so tests can make it repeatable. */
  random: Random;
};

export type Random = (bytes: number) => Uint8Array;

export type HelpEntry = { usage: string; summary: string; example: string };

/** A slash command written before typed definitions: it parses its own words. Being ported to
 *  `CommandDefinition` (src/commandDefinition.ts); `legacyDefinition` bridges the two meanwhile. */
export type Command = {
  name: string;
  summary: string;
  help: HelpEntry[];
  run(ctx: CommandContext, args: string[]): Promise<Result<Send[]>>;
  /** Buttons and selects whose actionId starts with `<name>:` come here. */
  onAction?(ctx: CommandContext, actionId: string, value: string): Promise<Result<Send[]>>;
  /** Forms whose formId starts with `<name>:` come here. */
  onForm?(ctx: CommandContext, formId: string, context: string, values: Record<string, string>): Promise<Result<Send[]>>;
};

export const privateReply = (message: Message): Send => ({ kind: "reply", visibility: "private", message });
export const publicReply = (message: Message): Send => ({ kind: "reply", visibility: "public", message });

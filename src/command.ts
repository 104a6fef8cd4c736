import type { Actor } from "./event.ts";
import type { ChannelRef, Message, Send } from "./message.ts";
import type { Member, Network, Store } from "./store.ts";
import type { UserDirectory } from "./userDirectory.ts";

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
  /** Asks a platform about a mentioned user Caucus has not met (roster additions only). */
  directory: UserDirectory;
};

export type Random = (bytes: number) => Uint8Array;

export const privateReply = (message: Message): Send => ({ kind: "reply", visibility: "private", message });
export const publicReply = (message: Message): Send => ({ kind: "reply", visibility: "public", message });

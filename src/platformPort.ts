import { assertNever } from "./assertNever.ts";
import type { AutocompleteRequest, Suggestion } from "./autocomplete.ts";
import type { Acknowledgement } from "./bot.ts";
import type { Actor, InboundEvent } from "./event.ts";
import type { MemberHome } from "./memberHome.ts";
import type { GroupEvent, GroupSyncReport } from "./groupRoster.ts";
import type { Send } from "./message.ts";

/** Sends that go somewhere by address (not in answer to an event): what the outbox carries. */
export type Delivery = Extract<Send, { kind: "dm" | "post" }>;

/** Sends that only make sense as the answer to the event being handled. */
export type Answer = Extract<Send, { kind: "reply" | "form" | "formErrors" }>;

/** What one delivery attempt came to, as the adapter read the platform's answer. */
export type DeliveryOutcome =
  | { kind: "sent" }
  /** Worth trying again: 429 (with the platform's Retry-After, in ms), 5xx, a timeout, a dropped connection. */
  | { kind: "retry"; reason: string; retryAfterMs?: number }
  /** Will never succeed as addressed: user gone, DMs closed, channel deleted, bot removed. `unreachable` says
   *  why when another route could still reach the member: "dm-closed" (Discord 50007, the member accepts no DMs
   *  from this bot) lets the outbox post it in the server channel instead. */
  | { kind: "failed"; reason: string; unreachable?: Unreachable };

/** Why a member cannot be reached as addressed, where a fallback may exist. */
export type Unreachable = "dm-closed";

/** What a platform says about a user a command mentions (Slack users.info, Discord GET /guilds/{id}/members/{user}). */
export type PlatformUser =
  | { kind: "found"; displayName: string }
  /** No such user in that workspace (a typo'd or forged mention, someone who left). */
  | { kind: "unknown" }
  /** The platform could not be asked just now (rate limit, outage): try again later. */
  | { kind: "unavailable"; reason: string };

/** What a platform says about a group a constituency follows (Slack usergroups.users.list, Discord role members). */
export type PlatformGroup =
  | { kind: "found"; userIds: string[]; name?: string }
  /** No such group in that workspace (deleted, disabled, a typo'd id). */
  | { kind: "unknown" }
  | { kind: "unavailable"; reason: string };

/**
 * What a platform allows in one message and how fast it may be sent to; declared by each adapter, so the core
 * splits, pages and paces to fit. Numbers are the platform's published limits.
 */
export type PlatformLimits = {
  /** Characters of text in one message (Discord 2,000; Slack 3,000 per text block). */
  messageChars: number;
  /** Text blocks per message (Slack 50); 1 where a message is one block of text. */
  blocksPerMessage: number;
  /** Longest rendering of one instant (Slack's `<!date^…|fallback>` is long, Discord's `<t:…:F>` short). */
  instantChars: number;
  /** Options in one select (Discord 25, Slack 100). */
  optionsPerSelect: number;
  /** Buttons in one row (Discord 5), rows per message (Discord 5). */
  buttonsPerRow: number;
  rowsPerMessage: number;
  /** Characters of an action id plus its value as the platform carries them (Discord custom_id: 100). */
  actionIdChars: number;
  /** Whether a reply can be private to the member who acted (ephemeral). */
  ephemeral: boolean;
  /** Whether a message can carry a file. */
  files: boolean;
  /** Sustained sends per second the platform allows this bot, and the burst above it. */
  rate: { perSecond: number; burst: number };
};

/** The console and the simulator: no limits worth splitting for; a file is printed after its message. */
export const UNLIMITED: PlatformLimits = {
  messageChars: Number.MAX_SAFE_INTEGER,
  blocksPerMessage: Number.MAX_SAFE_INTEGER,
  instantChars: 40,
  optionsPerSelect: Number.MAX_SAFE_INTEGER,
  buttonsPerRow: Number.MAX_SAFE_INTEGER,
  rowsPerMessage: Number.MAX_SAFE_INTEGER,
  actionIdChars: Number.MAX_SAFE_INTEGER,
  ephemeral: true,
  files: true,
  rate: { perSecond: 1000, burst: 1000 },
};

/** A port without limits that takes every delivery and hands it to `take`: the simulator prints it, a test keeps it. */
export function acceptingPort(platform: string, take: (d: Delivery) => void): PlatformPort {
  return {
    platform,
    limits: UNLIMITED,
    start: async () => {},
    stop: async () => {},
    connected: () => true,
    deliver: async (d) => {
      take(d);
      return { kind: "sent" };
    },
  };
}

/**
 * What an adapter calls for each inbound event, in two phases: `acknowledge` at once (Slack's ack, Discord's
 * defer or showModal, both within 3 s), then `handle` for the answers (edit, follow-up, response_url). The
 * composition root binds the clock.
 */
export type EventHandler = {
  acknowledge(event: InboundEvent): Acknowledgement;
  handle(event: InboundEvent): Promise<Send[]>;
  autocomplete(request: Omit<AutocompleteRequest, "now">): Promise<Suggestion[]>;
  /** A group a constituency may follow changed on the platform (src/groupRoster.ts). */
  groupChanged(event: GroupEvent): Promise<GroupSyncReport[]>;
  /** The acting member's own page (Slack App Home), at the composition root's `now`. */
  home(actor: Actor): Promise<MemberHome>;
};

/**
 * What a platform adapter (console, Slack, Discord) implements. The adapter authenticates inbound requests,
 * turns them into typed events for `onEvent`, renders every answer in the request's own context (ephemeral or
 * public reply, modal), and delivers DMs and channel posts addressed to its platform.
 */
export interface PlatformPort {
  readonly platform: string;
  readonly limits: PlatformLimits;
  start(handler: EventHandler): Promise<void>;
  /** Whether it holds its platform connection now (socket or gateway up; the console: started and not closed).
   *  /readyz reports every adapter's. */
  connected(): boolean;
  /**
   * Optional: whether a user exists in a workspace, and their display name, so a roster can take someone who has
   * not used Caucus yet and never a user the platform does not know. Without it (the console), Caucus meets a
   * person only when they act. Never throws for a platform's refusal.
   */
  lookupUser?(workspaceId: string, userId: string): Promise<PlatformUser>;
  /** Optional: the current members of a group (Slack user group, Discord role), for a constituency that starts
   *  following it. Never throws for a platform's refusal. */
  groupMembers?(workspaceId: string, groupId: string): Promise<PlatformGroup>;
  /** One attempt; never throws for a platform's refusal (that is an outcome). `key` is the idempotency key. */
  deliver(delivery: Delivery, key: string): Promise<DeliveryOutcome>;
  stop(): Promise<void>;
}

export function platformOf(d: Delivery): string {
  switch (d.kind) {
    case "dm":
      return d.to.platform;
    case "post":
      return d.channel.platform;
    default:
      return assertNever(d, "delivery");
  }
}

// The outbox port: every DM and channel post waits here, written in the transaction that caused it, until a
// dispatcher (src/outboxDispatcher.ts) delivers it. adapters/db/prismaOutbox.ts implements it.
import type { ChannelRef } from "./message.ts";
import type { Delivery } from "./platformPort.ts";
import type { Result } from "./result.ts";

export type OutboxStatus = "pending" | "sent" | "failed";

export type NewOutboxMessage = {
  /** Unique per message; a key already in the outbox is not written again. */
  key: string;
  networkId: string;
  delivery: Delivery;
  /** When it was caused: it may be attempted from then on. */
  at: Date;
};

/** One row of the outbox. `delivery` is the stored payload parsed back, or why it could not be. */
export type OutboxEntry = {
  id: string;
  key: string;
  networkId: string;
  platform: string;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  failedReason: string | null;
  failedAt: Date | null;
  createdAt: Date;
  queuedAt: Date;
  sentAt: Date | null;
  delivery: Result<Delivery>;
};

export type OutboxCounts = Record<OutboxStatus, number> & {
  /** Pending messages that have been attempted at least once and are waiting for their next try. */
  retrying: number;
};

export interface OutboxStore {
  /** Writes messages to deliver; returns how many were new (a key already present is left as it was). */
  enqueue(messages: NewOutboxMessage[]): Promise<number>;
  /**
   * Takes up to `limit` pending messages of one platform, due at `now` and under no live lease, oldest first,
   * leased to `owner` until now + leaseMs. Rows other transactions hold are skipped, not waited for, so
   * several instances share one outbox; an expired lease (a crashed instance) makes its messages claimable again.
   */
  claim(q: { platform: string; owner: string; now: Date; leaseMs: number; limit: number }): Promise<OutboxEntry[]>;
  /** Records an attempt's outcome on a message `owner` holds; false when the claim was lost meanwhile. */
  markSent(id: string, owner: string, at: Date): Promise<boolean>;
  markRetry(id: string, owner: string, r: { nextAttemptAt: Date; error: string }): Promise<boolean>;
  /** Marks it failed; `instead` (a DM's fallback post) is enqueued in the same transaction, only if the claim held. */
  markFailed(id: string, owner: string, f: { at: Date; reason: string; instead?: NewOutboxMessage }): Promise<boolean>;
  /** Where network posts go in a workspace (set with /caucus channel here), or null when none was named. */
  announcementChannel(platform: string, workspaceId: string): Promise<ChannelRef | null>;
  /** Gives back claimed messages not attempted (all of owner's when `ids` is absent), optionally not before `notBefore`. */
  release(owner: string, ids?: readonly string[], notBefore?: Date): Promise<number>;
  /** The earliest instant a pending message of these platforms may be attempted (its next try or its lease's end). */
  nextDue(platforms: readonly string[]): Promise<Date | null>;
  /** A network's undeliverable messages, most recent failure first. */
  failed(networkId: string, limit: number): Promise<OutboxEntry[]>;
  counts(networkId: string): Promise<OutboxCounts>;
  /** How many of a network's messages are still pending although caused before `before`. */
  pendingSince(networkId: string, before: Date): Promise<number>;
  /** Failed → pending, due at `now`, with a fresh series of attempts; all of the network's, or those ids. */
  retryFailed(networkId: string, now: Date, ids?: readonly string[]): Promise<number>;
}

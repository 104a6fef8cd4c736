// What organisers see of the outbox: the messages of their network that could not be delivered (to whom or
// where, why, when), how many are still waiting, and a way to try the failed ones again.
import { assertNever } from "./assertNever.ts";
import { localInstant, type Inline, type Message } from "./message.ts";
import type { OutboxEntry } from "./outboxStore.ts";
import type { Delivery } from "./platformPort.ts";
import { err, ok, type Result } from "./result.ts";
import type { Network, Store } from "./store.ts";

export type FailedDelivery = {
  /** The outbox id organisers name to retry just this one. */
  id: string;
  /** "DM to ana (slack)", "#general (discord)". */
  to: string;
  reason: string;
  failedAt: Date;
  attempts: number;
  /** When the change that caused it was made. */
  createdAt: Date;
};

export type DeliveryReport = {
  failed: FailedDelivery[];
  /** Failed messages beyond those listed. */
  moreFailed: number;
  /** Waiting to be sent, and of those, already tried and waiting for their next try. */
  pending: number;
  retrying: number;
  /** Waiting longer than STUCK_AFTER_MS: a platform down, or no instance delivering to it. */
  late: number;
};

/** A message still waiting this long after it was caused is counted as late in the report. */
export const STUCK_AFTER_MS = 10 * 60_000;
const LISTED = 20;

function describeTarget(d: Delivery): string {
  switch (d.kind) {
    case "dm":
      return `DM to ${d.to.displayName} (${d.to.platform})`;
    case "post":
      return `#${d.channel.name ?? d.channel.channelId} (${d.channel.platform})`;
    default:
      return assertNever(d, "delivery");
  }
}

function toFailed(e: OutboxEntry): FailedDelivery {
  return {
    id: e.id,
    // An unreadable payload still says which platform it was for, so it is never an invisible loss.
    to: e.delivery.ok ? describeTarget(e.delivery.value) : `a message on ${e.platform} (unreadable)`,
    reason: e.failedReason ?? e.lastError ?? "unknown",
    failedAt: e.failedAt ?? e.createdAt,
    attempts: e.attempts,
    createdAt: e.createdAt,
  };
}

/** The network's undelivered messages as of `now`, most recent failure first. */
export async function deliveryReport(store: Store, network: Pick<Network, "id">, now: Date, limit = LISTED): Promise<DeliveryReport> {
  const counts = await store.outbox.counts(network.id);
  const failed = (await store.outbox.failed(network.id, limit)).map(toFailed);
  const late = await store.outbox.pendingSince(network.id, new Date(now.getTime() - STUCK_AFTER_MS));
  return { failed, moreFailed: Math.max(0, counts.failed - failed.length), pending: counts.pending, retrying: counts.retrying, late };
}

/** The report as organisers read it, instants in their zone. */
export function deliveryReportMessage(r: DeliveryReport, zone: string): Message {
  const text: Inline[][] = [];
  const waiting = r.pending
    ? `${r.pending} waiting to be sent${r.retrying ? `, ${r.retrying} of them being retried` : ""}${r.late ? `, ${r.late} for more than 10 min` : ""}.`
    : "";
  if (!r.failed.length) {
    text.push([`✅ No message of this network failed to arrive.${waiting ? ` ${waiting}` : ""}`]);
    return { text };
  }
  const total = r.failed.length + r.moreFailed;
  text.push([`📭 ${total} message${total === 1 ? "" : "s"} could not be delivered:`]);
  for (const f of r.failed) {
    text.push([`#${f.id} ${f.to}: ${f.reason} (failed `, localInstant(f.failedAt, zone), `, ${f.attempts} attempt${f.attempts === 1 ? "" : "s"}).`]);
  }
  if (r.moreFailed) text.push([`…and ${r.moreFailed} more.`]);
  if (waiting) text.push([waiting]);
  text.push(["Fix the cause (a member who left, closed DMs, a deleted channel), then try again: /caucus redeliver [#id ...]."]);
  return { text };
}

/** Puts failed messages back in the queue, due at `now`: all of the network's, or those named by id (`#12` or `12`). */
export async function retryFailedDeliveries(store: Store, network: Pick<Network, "id">, now: Date, ids?: readonly string[]): Promise<Result<number>> {
  let wanted: string[] | undefined;
  if (ids && ids.length) {
    wanted = [];
    for (const raw of ids) {
      const m = /^#?(\d{1,18})$/.exec(raw.trim());
      if (!m) return err(`"${raw}" is not a delivery number; they are shown as #12 in /caucus deliveries.`);
      wanted.push(m[1]!);
    }
  }
  const n = await store.outbox.retryFailed(network.id, now, wanted);
  if (n === 0) return err(wanted ? `None of ${wanted.map((w) => `#${w}`).join(", ")} is a failed delivery of this network.` : "No delivery of this network has failed: nothing to retry.");
  return ok(n);
}

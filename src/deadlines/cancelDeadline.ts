import { deadlineId, postScope } from "../deadlineRegistry.ts";
import { networkPosts } from "../network/networkPosts.ts";
import { localInstant as local, PUBLIC_DM, utcInstant as utc } from "../message.ts";
import type { Delivery } from "../platformPort.ts";
import { err, ok, type Result } from "../result.ts";
import type { Deadline } from "../store.ts";
import { electionOwnsDeadline } from "./electionOwnsDeadline.ts";
import { mayChangeDeadline, type Acting } from "./mayChangeDeadline.ts";

export type CancelledDeadline = {
  deadline: Deadline;
  /** Ids of every member who was told of the deadline: each hears it is cancelled. */
  told: string[];
  /** The channel posts (src/network/networkPosts.ts), then one DM per member told. */
  deliveries: Delivery[];
};

/** Cancels a deadline: no more reminders, and everyone who was told hears of it. */
export async function cancelDeadline(acting: Acting, input: { deadline: Deadline }): Promise<Result<CancelledDeadline>> {
  const { store, member, now } = acting;
  const d = input.deadline;
  if (d.networkId !== acting.network.id) throw new Error(`asked to cancel a deadline of another network`);
  const owned = await electionOwnsDeadline(store, d, "cancelled");
  if (!owned.ok) return owned;
  const allowed = await mayChangeDeadline(acting, d.constituencyId, "cancel deadlines");
  if (!allowed.ok) return allowed;
  if (d.cancelledAt) return err(`${deadlineId(d)} is already cancelled.`);

  const cancelled = await store.updateDeadline(d.id, { cancelledAt: now });
  await store.addDeadlineEvent(d.id, { kind: "cancelled", at: now, byMemberId: member.id, fromDueAt: d.dueAt, toDueAt: null, noticeMs: null });
  await store.dropPendingReminders({ deadlineId: d.id });
  const told = await store.recipients(d.id);

  const deliveries: Delivery[] = [];
  deliveries.push(...(await networkPosts(store, postScope(d), { text: [[`❌ ${deadlineId(d)} ${d.title} (due `, utc(d.dueAt), `) was cancelled by ${member.displayName}.`]] })));
  const recipients = await store.recipientsOf(told);
  for (const memberId of told) {
    const to = recipients.get(memberId);
    if (to) deliveries.push({ kind: "dm", to, message: { text: [[`❌ Deadline ${deadlineId(d)} cancelled: ${d.title} (was due `, local(d.dueAt, to.zone), "). No more reminders for it."]] }, fallback: PUBLIC_DM });
  }
  return ok({ deadline: cancelled, told, deliveries });
}

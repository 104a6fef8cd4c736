import type { Logger } from "./logger.ts";
import { PUBLIC_DM, type DmFallback } from "./message.ts";
import type { NewOutboxMessage } from "./outboxStore.ts";
import type { Scheduler } from "./scheduler.ts";
import type { Deadline, Network, Store } from "./store.ts";
import { reminderDm } from "./deadlineRegistry.ts";

/** A reminder sent more than this after its due time (the bot was down) says it is late. */
export const LATE_AFTER_MS = 2 * 60_000;
const BATCH = 200;

/**
 * What a channel may show of a reminder the member cannot be DMed: a deadline's reminder is what its announcement
 * said; a voting reminder goes only to members who have not voted yet, so even a notice would tell who has not.
 */
export const reminderFallback = (d: Pick<Deadline, "electionPhase">): DmFallback => (d.electionPhase === "voting" ? { kind: "none" } : PUBLIC_DM);

/** The outbox key of a reminder's DM. */
export const reminderOutboxKey = (reminderId: string) => `reminder:${reminderId}`;

/**
 * Hands due reminders to the outbox. A batch is claimed and its DMs enqueued (key `reminder:<id>`) in one
 * transaction, so several instances never take the same reminder and a crash in between loses nothing; the
 * outbox then delivers each DM at least once. A reminder whose deadline passed while the bot was down is
 * dropped, and one whose deadline is still ahead is sent once, marked late.
 */
export function createReminderScheduler(
  store: Store,
  log: Logger,
  /** Whether this member still needs this reminder (e.g. not for a vote they have already cast); given the transaction's store. */
  shouldRemind: (store: Store, d: Deadline, memberId: string) => Promise<boolean> = async () => true,
  batchSize = BATCH,
): Scheduler {
  return {
    nextDue: () => store.nextReminderDue(),
    async tick(now) {
      let total = 0;
      // After downtime several steps of one deadline may be overdue for a member: only the most urgent is
      // sent (it says how long is left); the earlier ones are superseded, not repeated.
      await store.dropSupersededReminders(now);
      for (;;) {
        const { claimed, enqueued } = await store.transaction(async (tx) => {
          const batch = await tx.claimDueReminders(now, batchSize);
          const deadlines = new Map<string, Deadline | null>();
          for (const id of new Set(batch.map((r) => r.deadlineId))) deadlines.set(id, await tx.getDeadline(id));
          const recipients = await tx.recipientsOf(batch.map((r) => r.memberId));
          const networks = new Map<string, Network | null>();
          for (const d of deadlines.values()) if (d && !networks.has(d.networkId)) networks.set(d.networkId, await tx.getNetwork(d.networkId));
          // A step that fell due between the sweep above and the claim may still share a batch with a later one.
          const latest = new Map<string, number>();
          for (const r of batch) {
            const key = `${r.deadlineId}:${r.memberId}`;
            latest.set(key, Math.max(latest.get(key) ?? -Infinity, r.dueAt.getTime()));
          }
          const dropped: string[] = [];
          const unneeded: string[] = [];
          const late: string[] = [];
          const dms: NewOutboxMessage[] = [];
          for (const r of batch) {
            const d = deadlines.get(r.deadlineId);
            const to = recipients.get(r.memberId);
            const superseded = r.dueAt.getTime() < latest.get(`${r.deadlineId}:${r.memberId}`)!;
            const network = d ? networks.get(d.networkId) : null;
            if (superseded || !d || !network || d.cancelledAt || d.generation !== r.generation || d.dueAt <= now || !to) {
              dropped.push(r.id);
              continue;
            }
            if (!(await shouldRemind(tx, d, r.memberId))) {
              unneeded.push(r.id);
              continue;
            }
            const isLate = now.getTime() - r.dueAt.getTime() > LATE_AFTER_MS;
            if (isLate) late.push(r.id);
            dms.push({ key: reminderOutboxKey(r.id), networkId: d.networkId, at: now, delivery: { kind: "dm", to, message: reminderDm(d, to, now, r.dueAt, isLate, network), fallback: reminderFallback(d) } });
          }
          await tx.markRemindersDropped(dropped, now);
          await tx.deleteReminders(unneeded);
          await tx.markRemindersLate(late);
          return { claimed: batch.length, enqueued: await tx.outbox.enqueue(dms) };
        });
        total += enqueued;
        if (claimed) log.info({ claimed, enqueued }, "reminders");
        if (claimed < batchSize) return total;
      }
    },
  };
}

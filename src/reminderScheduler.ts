import type { Logger } from "./logger.ts";
import type { Send } from "./message.ts";
import type { Scheduler } from "./scheduler.ts";
import type { Deadline, Store } from "./store.ts";
import { reminderDm } from "./deadlineRegistry.ts";

/** A reminder sent more than this after its due time (the bot was down) says it is late. */
export const LATE_AFTER_MS = 2 * 60_000;
const BATCH = 200;

/**
 * Sends due reminders from the database. Each row is claimed atomically before it is sent, so several
 * instances never send the same one twice (at most once: a delivery that fails after the claim is logged
 * by the adapter, not retried). A reminder whose deadline passed while the bot was down is dropped, and
 * one whose deadline is still ahead is sent once, marked late.
 */
export function createReminderScheduler(
  store: Store,
  log: Logger,
  /** Whether this member still needs this reminder (e.g. not for a vote they have already cast). */
  shouldRemind: (d: Deadline, memberId: string) => Promise<boolean> = async () => true,
  batchSize = BATCH,
): Scheduler {
  return {
    nextDue: () => store.nextReminderDue(),
    async tick(now) {
      const sends: Send[] = [];
      // After downtime several steps of one deadline may be overdue for a member: only the most urgent is
      // sent (it says how long is left); the earlier ones are superseded, not repeated.
      await store.dropSupersededReminders(now);
      for (;;) {
        const batch = await store.claimDueReminders(now, batchSize);
        const deadlines = new Map<string, Deadline | null>();
        for (const id of new Set(batch.map((r) => r.deadlineId))) deadlines.set(id, await store.getDeadline(id));
        const recipients = await store.recipientsOf(batch.map((r) => r.memberId));
        // A step that fell due between the sweep above and the claim may still share a batch with a later one.
        const latest = new Map<string, number>();
        for (const r of batch) {
          const key = `${r.deadlineId}:${r.memberId}`;
          latest.set(key, Math.max(latest.get(key) ?? -Infinity, r.dueAt.getTime()));
        }
        const dropped: string[] = [];
        const unneeded: string[] = [];
        const late: string[] = [];
        for (const r of batch) {
          const d = deadlines.get(r.deadlineId);
          const to = recipients.get(r.memberId);
          const superseded = r.dueAt.getTime() < latest.get(`${r.deadlineId}:${r.memberId}`)!;
          if (superseded || !d || d.cancelledAt || d.generation !== r.generation || d.dueAt <= now || !to) {
            dropped.push(r.id);
            continue;
          }
          if (!(await shouldRemind(d, r.memberId))) {
            unneeded.push(r.id);
            continue;
          }
          const isLate = now.getTime() - r.dueAt.getTime() > LATE_AFTER_MS;
          if (isLate) late.push(r.id);
          sends.push({ kind: "dm", to, message: reminderDm(d, to, now, r.dueAt, isLate) });
        }
        await store.markRemindersDropped(dropped, now);
        await store.deleteReminders(unneeded);
        await store.markRemindersLate(late);
        if (batch.length) log.info({ claimed: batch.length, sent: sends.length }, "reminders");
        if (batch.length < batchSize) return sends;
      }
    },
  };
}

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
): Scheduler {
  return {
    nextDue: () => store.nextReminderDue(),
    async tick(now) {
      const sends: Send[] = [];
      for (;;) {
        const batch = await store.claimDueReminders(now, BATCH);
        const deadlines = new Map<string, Deadline | null>();
        // After downtime several steps of one deadline may be overdue for a member: only the most
        // urgent is sent (it says how long is left); the earlier ones are superseded, not repeated.
        const latest = new Map<string, number>();
        for (const r of batch) {
          const key = `${r.deadlineId}:${r.memberId}`;
          latest.set(key, Math.max(latest.get(key) ?? -Infinity, r.dueAt.getTime()));
        }
        for (const r of batch) {
          if (r.dueAt.getTime() < latest.get(`${r.deadlineId}:${r.memberId}`)!) {
            await store.markReminderDropped(r.id, now);
            continue;
          }
          if (!deadlines.has(r.deadlineId)) deadlines.set(r.deadlineId, await store.getDeadline(r.deadlineId));
          const d = deadlines.get(r.deadlineId);
          if (!d || d.cancelledAt || d.generation !== r.generation || d.dueAt <= now) {
            await store.markReminderDropped(r.id, now);
            continue;
          }
          const to = await store.recipient(r.memberId);
          if (!to || !(await shouldRemind(d, r.memberId))) {
            await store.markReminderDropped(r.id, now);
            continue;
          }
          const late = now.getTime() - r.dueAt.getTime() > LATE_AFTER_MS;
          if (late) await store.markReminderLate(r.id);
          sends.push({ kind: "dm", to, message: reminderDm(d, to, now, r.dueAt, late) });
        }
        if (batch.length) log.info({ claimed: batch.length, sent: sends.length }, "reminders");
        if (batch.length < BATCH) return sends;
      }
    },
  };
}

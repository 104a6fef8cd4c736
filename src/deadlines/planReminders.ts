import { quietWindowContaining, type QuietHours } from "./quietHours.ts";
import { requireZone } from "./resolveZone.ts";

export type ReminderRecipient = { memberId: string; zone: string; quiet: QuietHours };

export type PlanRemindersInput = {
  deadlineAt: Date;
  /** When the deadline was announced: nothing is planned before the announcement exists. */
  createdAt: Date;
  now: Date;
  /** Offsets in ms before the deadline, as parseLadder returns them; a step's index is its identity. */
  ladder: number[];
  recipients: ReminderRecipient[];
};

export type PlannedReminder = {
  memberId: string;
  /** Index of the ladder step. */
  step: number;
  offsetMs: number;
  dueAt: Date;
  /** Moved earlier, to the start of the member's quiet hours, so it does not arrive during them. */
  shifted: boolean;
};

/**
 * When to remind each recipient of a deadline. Pure: `now` is an argument.
 *
 * Rules, per recipient and ladder step (offsets are absolute elapsed time, so "72h" before a deadline
 * is 72 real hours even across a DST change):
 * 1. nominal = deadlineAt − offset. Steps with nominal ≤ max(now, createdAt) are skipped: their moment
 *    has passed (or the announcement they would remind of does not exist yet).
 * 2. A nominal time strictly inside the member's quiet window moves EARLIER to the window's start
 *    (shifted = true) — never later, so a reminder never gets closer to the deadline than promised.
 *    The start itself counts as acceptable: it is the last moment before quiet begins.
 * 3. Unavoidable case: the quiet window containing the nominal time began at or before
 *    max(now, createdAt), so no earlier moment outside quiet hours is left. Then:
 *    - the member's last step (smallest offset) is still sent, at its nominal time (shifted = false):
 *      a reminder during quiet hours beats a missed deadline;
 *    - any other step is dropped: the last step will still reach them, and one interruption in a
 *      night beats one per step. Sending "right now" instead was rejected because it would chase
 *      `now` every time the plan is recomputed, so the due time would never settle.
 * 4. If several steps of one member end up at the same dueAt (e.g. 6h and 1h both moved to 22:00),
 *    only the later step (smallest offset) is kept: it is the more urgent one, and the message sent
 *    at that moment should carry its wording.
 * Consequently every reminder is > max(now, createdAt) and < deadlineAt, and each member's last step
 * is present whenever its nominal time is after max(now, createdAt).
 *
 * Output is sorted by dueAt, then memberId, then step.
 * Bugs throw: a non-positive or non-finite offset, an unknown zone, a member listed twice.
 */
export function planReminders(input: PlanRemindersInput): PlannedReminder[] {
  const { deadlineAt, createdAt, now, ladder, recipients } = input;
  for (const offsetMs of ladder) {
    if (!Number.isFinite(offsetMs) || offsetMs <= 0) {
      throw new Error(`Ladder offsets must be positive finite milliseconds, got ${offsetMs}; parse ladders with parseLadder`);
    }
  }
  const floor = Math.max(now.getTime(), createdAt.getTime());
  const deadline = deadlineAt.getTime();
  const lastOffset = Math.min(...ladder);

  const seen = new Set<string>();
  const planned: PlannedReminder[] = [];
  // Members sharing a zone and quiet hours share every window: compute each once (zone maths is the cost).
  const windows = new Map<string, ReturnType<typeof quietWindowContaining>>();
  const windowAt = (nominal: number, zone: string, quiet: QuietHours) => {
    const key = `${zone}|${quiet ? `${quiet.start}-${quiet.end}` : "off"}|${nominal}`;
    if (!windows.has(key)) windows.set(key, quietWindowContaining(new Date(nominal), zone, quiet));
    return windows.get(key)!;
  };
  const zonesChecked = new Set<string>();
  for (const recipient of recipients) {
    if (seen.has(recipient.memberId)) throw new Error(`Member ${recipient.memberId} is listed twice as a recipient`);
    seen.add(recipient.memberId);
    if (!zonesChecked.has(recipient.zone)) {
      requireZone(recipient.zone);
      zonesChecked.add(recipient.zone);
    }

    const byDueAt = new Map<number, PlannedReminder>();
    ladder.forEach((offsetMs, step) => {
      const nominal = deadline - offsetMs;
      if (nominal <= floor) return;
      const window = windowAt(nominal, recipient.zone, recipient.quiet);
      let dueAt = nominal;
      let shifted = false;
      if (window !== null && window.start.getTime() < nominal) {
        if (window.start.getTime() > floor) {
          dueAt = window.start.getTime();
          shifted = true;
        } else if (offsetMs !== lastOffset) {
          return;
        }
      }
      const existing = byDueAt.get(dueAt);
      // Rule 4: keep the more urgent step; equal offsets (a repeated step) keep the later index.
      if (existing === undefined || offsetMs < existing.offsetMs || (offsetMs === existing.offsetMs && step > existing.step)) {
        byDueAt.set(dueAt, { memberId: recipient.memberId, step, offsetMs, dueAt: new Date(dueAt), shifted });
      }
    });
    planned.push(...byDueAt.values());
  }

  return planned.sort(
    (a, b) =>
      a.dueAt.getTime() - b.dueAt.getTime() ||
      (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0) ||
      a.step - b.step,
  );
}

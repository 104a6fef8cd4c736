import type { Zone } from "luxon";
import { err, ok, type Result } from "../result.ts";
import { formatClockTime, parseClockTime, type ClockTime } from "./parseClockTime.ts";
import { instantsForWallTime, wallTimeAsUtcMs, wallTimeAt, type WallTime } from "./instantsForWallTime.ts";
import { requireZone } from "./resolveZone.ts";

/** A member's nightly do-not-disturb range on their own wall clock; null means off. */
export type QuietHours = { start: string /* HH:mm */; end: string /* HH:mm */ } | null;

export const DEFAULT_QUIET_HOURS: QuietHours = { start: "22:00", end: "07:00" };

/** One quiet stretch as UTC instants, half-open: `start` is quiet, `end` is not. */
export type QuietWindow = { start: Date; end: Date };

const RANGE = /^(\S+)\s*[-–]\s*(\S+)$/;
const DAY_MS = 86_400_000;
const MINUTES_PER_DAY = 24 * 60;
/**
 * Windows of consecutive nights can only touch when the daytime gap between them (on the wall clock)
 * is no longer than a DST shift. No zone shifts by more than 2 h today; 3 h leaves a margin.
 */
const LONGEST_DST_SHIFT_MINUTES = 180;

/** "22:00-07:00" (may span midnight) or "off". */
export function parseQuietHours(text: string): Result<QuietHours> {
  const trimmed = text.trim();
  if (trimmed.toLowerCase() === "off") return ok(null);
  const match = RANGE.exec(trimmed);
  if (match === null) {
    return err(`"${text}" is not a quiet-hours range: write HH:mm-HH:mm, e.g. 22:00-07:00, or off to turn quiet hours off`);
  }
  const start = parseClockTime(match[1] ?? "");
  if (!start.ok) return start;
  const end = parseClockTime(match[2] ?? "");
  if (!end.ok) return end;
  const startText = formatClockTime(start.value);
  const endText = formatClockTime(end.value);
  if (startText === endText) {
    return err(
      `${startText}-${endText} starts and ends at the same time, so it is unclear whether you mean never or all day: ` +
        `give a range like 22:00-07:00, or write off to turn quiet hours off`,
    );
  }
  return ok({ start: startText, end: endText });
}

/**
 * The quiet window that contains `instant` for a member in `zone`, or null if the instant is not quiet.
 *
 * The night that starts on local day D runs from the first moment the clock reads `start` on D to the
 * last moment it reads `end` (on D, or on D+1 when the range spans midnight). So:
 * - a start or end inside a spring-forward gap moves to the first valid instant after it (the jump);
 *   a window entirely inside the gap is empty: that night has no quiet hours;
 * - a start or end inside a fall-back overlap takes the reading that makes the window longer,
 *   so every instant whose clock reading is inside the range is quiet.
 * Nights whose windows touch (only possible for ranges within a DST shift of 24 h) are merged, so the
 * returned window is the whole quiet stretch and its start is the last moment before quiet.
 *
 * The zone must be valid (it was validated when the member set it): an unknown zone throws.
 */
export function quietWindowContaining(instant: Date, zone: string, q: QuietHours): QuietWindow | null {
  if (q === null) return null;
  const resolved = requireZone(zone);
  const range = { start: requireClockTime(q.start), end: requireClockTime(q.end) };
  const at = instant.getTime();
  const today = wallTimeAt(resolved, at);
  const windowOfDay = (dayShift: number) => nightWindow(resolved, range, today, dayShift);

  let found: { start: number; end: number } | null = null;
  let foundShift = 0;
  for (const shift of [-1, 0]) {
    const w = windowOfDay(shift);
    if (w !== null && w.start <= at && at < w.end) {
      found = w;
      foundShift = shift;
      break;
    }
  }
  if (found === null) return null;

  const wallLength = (toMinutes(range.end) - toMinutes(range.start) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  if (MINUTES_PER_DAY - wallLength <= LONGEST_DST_SHIFT_MINUTES) {
    // A nearly 24 h range: on a DST night it can overlap its neighbours; grow the window over them.
    for (let shift = foundShift - 1; ; shift--) {
      const w = windowOfDay(shift);
      if (w === null || w.end < found.start) break;
      found = { start: Math.min(found.start, w.start), end: Math.max(found.end, w.end) };
    }
    for (let shift = foundShift + 1; ; shift++) {
      const w = windowOfDay(shift);
      if (w === null || w.start > found.end) break;
      found = { start: Math.min(found.start, w.start), end: Math.max(found.end, w.end) };
    }
  }
  return { start: new Date(found.start), end: new Date(found.end) };
}

/** The window of the night starting `dayShift` days after `day`'s date; null when it is empty. */
function nightWindow(
  zone: Zone,
  range: { start: ClockTime; end: ClockTime },
  day: WallTime,
  dayShift: number,
): { start: number; end: number } | null {
  const startDay = shiftDate(day, dayShift);
  const endDay = toMinutes(range.end) > toMinutes(range.start) ? startDay : shiftDate(startDay, 1);
  const start = instantsForWallTime(zone, { ...startDay, ...range.start });
  const end = instantsForWallTime(zone, { ...endDay, ...range.end });
  const startAt = start.kind === "unique" ? start.instant : start.kind === "repeated" ? start.earlier : start.transition;
  const endAt = end.kind === "unique" ? end.instant : end.kind === "repeated" ? end.later : end.transition;
  return startAt < endAt ? { start: startAt, end: endAt } : null;
}

function shiftDate(day: WallTime, days: number): WallTime {
  const d = new Date(wallTimeAsUtcMs({ ...day, hour: 0, minute: 0 }) + days * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: 0, minute: 0 };
}

function toMinutes(t: ClockTime): number {
  return t.hour * 60 + t.minute;
}

/** Stored quiet hours went through parseQuietHours; anything else is a bug. */
function requireClockTime(text: string): ClockTime {
  const parsed = parseClockTime(text);
  if (!parsed.ok) throw new Error(`Invalid stored quiet-hours time ${JSON.stringify(text)}: ${parsed.error}`);
  return parsed.value;
}

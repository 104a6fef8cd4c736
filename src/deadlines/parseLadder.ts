import { err, ok, type Result } from "../result.ts";

/** A week's warning, three days, a day, the afternoon before, and a last call. */
export const DEFAULT_LADDER = "7d,72h,24h,6h,1h";

export const MAX_LADDER_STEPS = 10;
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
/** A reminder more than a year ahead is almost certainly a typo (e.g. 365h meant). */
const MAX_OFFSET_MS = 365 * DAY_MS;

/** Units in descending order, each at most once: 1d12h, 2h30m, 90m. */
const STEP = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$/;
const EXAMPLE = "e.g. 7d,72h,24h,6h,1h";

/**
 * Reminder offsets before a deadline, in ms, descending (earliest reminder first), deduplicated
 * (72h and 3d are the same step). Steps may be written in any order.
 */
export function parseLadder(text: string): Result<number[]> {
  const trimmed = text.trim();
  if (trimmed === "") return err(`the reminder ladder is empty: list when to remind before the deadline, ${EXAMPLE}`);

  const offsets: number[] = [];
  for (const raw of trimmed.split(",")) {
    const step = raw.trim();
    if (step === "") return err(`"${trimmed}" has an empty step between commas: remove the extra comma, ${EXAMPLE}`);
    const offset = parseStep(step.toLowerCase(), step);
    if (!offset.ok) return offset;
    if (!offsets.includes(offset.value)) offsets.push(offset.value);
    if (offsets.length > MAX_LADDER_STEPS) {
      return err(`"${step}" is step ${offsets.length} of the ladder, but at most ${MAX_LADDER_STEPS} reminders are allowed: drop some steps`);
    }
  }
  return ok(offsets.sort((a, b) => b - a));
}

function parseStep(step: string, shown: string): Result<number> {
  if (step.startsWith("-")) {
    return err(`"${shown}" is negative: steps already count back from the deadline, so write ${shown.slice(1).trim()}`);
  }
  const match = STEP.exec(step);
  if (match === null) {
    return err(`"${shown}" is not a reminder step: write a duration with units d, h and m, like 24h, 90m or 1d12h`);
  }
  const [days, hours, minutes] = [match[1], match[2], match[3]].map((part) => (part === undefined ? 0 : Number(part))) as [number, number, number];
  const offsetMs = days * DAY_MS + hours * HOUR_MS + minutes * MINUTE_MS;
  if (offsetMs === 0) return err(`"${shown}" is zero: a reminder at the deadline itself comes too late; use at least 1m`);
  if (offsetMs > MAX_OFFSET_MS) return err(`"${shown}" is more than 365 days before the deadline: use 365d or less`);
  return ok(offsetMs);
}

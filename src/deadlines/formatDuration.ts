const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/**
 * A human duration with at most two units: "3 d 4 h", "18 h", "2 h 5 min", "45 min", "less than 1 min".
 * Rounds down, so neither notice nor time left is ever overstated. Negative durations are a bug.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`formatDuration needs a non-negative duration, got ${ms}`);
  const days = Math.floor(ms / DAY_MS);
  const hours = Math.floor((ms % DAY_MS) / HOUR_MS);
  const minutes = Math.floor((ms % HOUR_MS) / MINUTE_MS);
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  if (minutes > 0) return `${minutes} min`;
  return "less than 1 min";
}

/** "2 d 3 h left", or "passed 3 h ago" / "passed just now" once `at` is reached. */
export function formatTimeLeft(now: Date, at: Date): string {
  const left = at.getTime() - now.getTime();
  if (left > 0) return `${formatDuration(left)} left`;
  if (-left < MINUTE_MS) return "passed just now";
  return `passed ${formatDuration(-left)} ago`;
}

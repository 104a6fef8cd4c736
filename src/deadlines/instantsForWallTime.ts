import type { Zone } from "luxon";

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** A reading of a wall clock: month is 1-12. */
export type WallTime = { year: number; month: number; day: number; hour: number; minute: number };

/** All offsets below are luxon's: minutes east of UTC (New York in winter is −300). */
export type WallTimeInstants =
  | { kind: "unique"; instant: number; offset: number }
  /** Fall-back overlap: the clock shows this reading twice, `earlier` under the summer offset. */
  | { kind: "repeated"; earlier: number; earlierOffset: number; later: number; laterOffset: number }
  /**
   * Spring-forward gap: the clock never shows this reading. `transition` is the instant the clock
   * jumps, which is also the first valid instant after the missing reading.
   */
  | { kind: "skipped"; transition: number; offsetBefore: number; offsetAfter: number };

/** Milliseconds of the wall reading as if it were UTC; Date.UTC alone maps years 0-99 to 1900-1999. */
export function wallTimeAsUtcMs(w: WallTime): number {
  const d = new Date(Date.UTC(2000, w.month - 1, w.day, w.hour, w.minute));
  d.setUTCFullYear(w.year, w.month - 1, w.day);
  return d.getTime();
}

/** The wall-clock reading in `zone` at `instant` (ms since epoch). */
export function wallTimeAt(zone: Zone, instant: number): WallTime {
  const d = new Date(instant + zone.offset(instant) * MINUTE_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
  };
}

/**
 * Which instants a wall-clock reading denotes in a zone: one, two (fall-back) or none (spring-forward).
 *
 * Like Temporal's GetPossibleInstantsFor, this assumes a zone changes its offset at most once within
 * a day either side of the reading; every transition in current tz data satisfies that. The candidate
 * offsets are the ones in force a day before and a day after; a candidate is real when the zone agrees
 * with it at the instant it implies.
 */
export function instantsForWallTime(zone: Zone, w: WallTime): WallTimeInstants {
  const local = wallTimeAsUtcMs(w);
  const offsetBefore = zone.offset(local - DAY_MS);
  const offsetAfter = zone.offset(local + DAY_MS);
  const candidates = offsetBefore === offsetAfter ? [offsetBefore] : [offsetBefore, offsetAfter];
  const valid = candidates
    .filter((offset) => zone.offset(local - offset * MINUTE_MS) === offset)
    .map((offset) => ({ offset, instant: local - offset * MINUTE_MS }))
    .sort((a, b) => a.instant - b.instant);

  const [first, second] = valid;
  if (first !== undefined && second !== undefined) {
    return { kind: "repeated", earlier: first.instant, earlierOffset: first.offset, later: second.instant, laterOffset: second.offset };
  }
  if (first !== undefined) return { kind: "unique", instant: first.instant, offset: first.offset };

  // Neither offset fits, so the transition lies between the two instants the candidates imply.
  let lo = Math.min(local - offsetBefore * MINUTE_MS, local - offsetAfter * MINUTE_MS);
  let hi = Math.max(local - offsetBefore * MINUTE_MS, local - offsetAfter * MINUTE_MS);
  const offsetLo = zone.offset(lo);
  if (offsetLo === zone.offset(hi)) {
    throw new Error(`Time zone ${zone.name} changes offset more than once around ${JSON.stringify(w)}; unsupported tz data`);
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (zone.offset(mid) === offsetLo) lo = mid;
    else hi = mid;
  }
  return { kind: "skipped", transition: hi, offsetBefore: zone.offset(lo), offsetAfter: zone.offset(hi) };
}

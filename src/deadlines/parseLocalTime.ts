import type { Zone } from "luxon";
import { err, ok, type Result } from "../result.ts";
import { clockTimeFromParts, formatClockTime } from "./parseClockTime.ts";
import { instantsForWallTime, type WallTime } from "./instantsForWallTime.ts";
import { resolveZone } from "./resolveZone.ts";

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** HH:mm with an optional UTC offset, which is how a user picks one of the two readings of a fall-back hour. */
const TIME = /^(\d{1,2}):(\d{2})(?:([+-])(\d{2}):(\d{2}))?$/;

const MONTH_NAMES = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
] as const;

/**
 * The instant a member means by a local date and time in a zone (an IANA name or "AoE", UTC−12).
 *
 * Readings that do not exist (spring-forward gap) are refused rather than silently moved, and
 * readings that happen twice (fall-back overlap) are refused unless the user adds the offset,
 * because guessing would move a deadline by an hour without anyone noticing.
 */
export function parseLocalTime(date: string, time: string, zone: string): Result<Date> {
  const dateMatch = DATE.exec(date.trim());
  if (dateMatch === null) return err(`"${date}" is not a date: write it as YYYY-MM-DD, e.g. 2026-03-08`);
  const year = Number(dateMatch[1]);
  const month = Number(dateMatch[2]);
  const day = Number(dateMatch[3]);
  const isoDate = `${dateMatch[1]}-${dateMatch[2]}-${dateMatch[3]}`;
  if (month < 1 || month > 12) return err(`${isoDate} is not a date: months go from 01 to 12`);
  const monthLength = daysInMonth(year, month);
  if (day < 1) return err(`${isoDate} is not a date: days start at 01`);
  if (day > monthLength) {
    return err(`${isoDate} is not a date: ${MONTH_NAMES[month - 1]} ${year} has ${monthLength} days`);
  }

  const timeMatch = TIME.exec(time.trim());
  if (timeMatch === null) {
    return err(`"${time}" is not a time: write HH:mm on a 24-hour clock, e.g. 17:30, optionally followed by a UTC offset, e.g. 01:30-05:00`);
  }
  const clock = clockTimeFromParts(Number(timeMatch[1]), Number(timeMatch[2]));
  if (!clock.ok) return clock;
  const hhmm = formatClockTime(clock.value);
  let suffixOffset: number | null = null;
  if (timeMatch[3] !== undefined) {
    const offsetHours = Number(timeMatch[4]);
    const offsetMinutes = Number(timeMatch[5]);
    if (offsetHours > 14 || offsetMinutes > 59) {
      return err(`${timeMatch[3]}${timeMatch[4]}:${timeMatch[5]} in "${time}" is not a UTC offset: offsets run from -12:00 to +14:00`);
    }
    suffixOffset = (timeMatch[3] === "-" ? -1 : 1) * (offsetHours * 60 + offsetMinutes);
  }

  const resolved = resolveZone(zone);
  if (resolved === null) {
    return err(`"${zone}" is not a time zone I know: use an IANA name such as Europe/Paris or America/New_York, or AoE`);
  }

  const wall: WallTime = { year, month, day, ...clock.value };
  const found = instantsForWallTime(resolved, wall);
  switch (found.kind) {
    case "skipped": {
      // At the transition instant the clock would read `jumpFrom` under the old offset and reads `to` under the new one.
      const jumpFrom = formatClockTime(wallTimeAtOffset(found.transition, found.offsetBefore));
      const to = formatClockTime(wallTimeAtOffset(found.transition, found.offsetAfter));
      return err(
        `${hhmm} does not exist on ${isoDate} in ${zone}: clocks jump from ${jumpFrom} to ${to}, ` +
          `so pick a time before ${jumpFrom} or from ${to} on`,
      );
    }
    case "unique": {
      if (suffixOffset !== null && suffixOffset !== found.offset) {
        return err(
          `${hhmm}${formatOffset(suffixOffset)} does not match ${zone} on ${isoDate}: ` +
            `the offset there at ${hhmm} is ${formatOffset(found.offset)}${abbreviationSuffix(resolved, found.instant)}; ` +
            `write ${hhmm} or ${hhmm}${formatOffset(found.offset)}`,
        );
      }
      return ok(new Date(found.instant));
    }
    case "repeated": {
      const choices = describeChoices(resolved, hhmm, found);
      if (suffixOffset === null) return err(`${hhmm} on ${isoDate} in ${zone} happens twice; write ${choices}`);
      if (suffixOffset === found.earlierOffset) return ok(new Date(found.earlier));
      if (suffixOffset === found.laterOffset) return ok(new Date(found.later));
      return err(
        `${hhmm}${formatOffset(suffixOffset)} does not match ${zone} on ${isoDate}: ` +
          `${hhmm} happens twice there; write ${choices}`,
      );
    }
  }
}

/** "+05:45" / "-04:00" from luxon minutes east of UTC. */
export function formatOffset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

function describeChoices(
  zone: Zone,
  hhmm: string,
  found: { earlier: number; earlierOffset: number; later: number; laterOffset: number },
): string {
  const first = abbreviation(zone, found.earlier);
  const second = abbreviation(zone, found.later);
  // Letter abbreviations (EDT/EST) tell the two apart; "GMT+2" would only repeat the offset, so say which pass instead.
  const hasLetters = first !== null && second !== null && first !== second;
  const firstNote = hasLetters ? first : "the first time";
  const secondNote = hasLetters ? second : "the second time";
  return `${hhmm}${formatOffset(found.earlierOffset)} (${firstNote}) or ${hhmm}${formatOffset(found.laterOffset)} (${secondNote})`;
}

function abbreviationSuffix(zone: Zone, instant: number): string {
  const abbr = abbreviation(zone, instant);
  return abbr === null ? "" : ` (${abbr})`;
}

/** Only real letter abbreviations such as EDT; ICU answers "GMT+2" for zones that have none in en-US. */
function abbreviation(zone: Zone, instant: number): string | null {
  const name = zone.offsetName(instant, { format: "short", locale: "en-US" });
  return name !== null && /^[A-Z]{2,5}$/.test(name) ? name : null;
}

function wallTimeAtOffset(instant: number, offsetMinutes: number): { hour: number; minute: number } {
  const d = new Date(instant + offsetMinutes * 60_000);
  return { hour: d.getUTCHours(), minute: d.getUTCMinutes() };
}

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (month === 2) return leap ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

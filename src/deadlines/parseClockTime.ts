import { err, ok, type Result } from "../result.ts";

/** A time of day on a 24-hour clock. */
export type ClockTime = { hour: number; minute: number };

/** "HH:mm"; a one-digit hour ("9:00") is accepted because people type it that way in chat. */
const CLOCK_TIME = /^(\d{1,2}):(\d{2})$/;

export function parseClockTime(text: string): Result<ClockTime> {
  const match = CLOCK_TIME.exec(text.trim());
  if (match === null) return err(`"${text}" is not a time: write HH:mm on a 24-hour clock, e.g. 09:00 or 17:30`);
  return clockTimeFromParts(Number(match[1]), Number(match[2]));
}

/** Range check shared with parsers that match the digits themselves (parseLocalTime allows an offset suffix). */
export function clockTimeFromParts(hour: number, minute: number): Result<ClockTime> {
  const shown = `${pad2(hour)}:${pad2(minute)}`;
  if (hour === 24 && minute === 0) {
    return err(`24:00 is not a time of day: use HH:mm from 00:00 to 23:59 (write 23:59, or 00:00 of the next day)`);
  }
  if (hour > 23 || minute > 59) return err(`${shown} is not a time of day: use HH:mm from 00:00 to 23:59`);
  return ok({ hour, minute });
}

export function formatClockTime(t: ClockTime): string {
  return `${pad2(t.hour)}:${pad2(t.minute)}`;
}

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

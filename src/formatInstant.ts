import { DateTime } from "luxon";
import { resolveZone } from "./deadlines/resolveZone.ts";

/** The plain-text form of an instant: `2026-05-01 23:00 Europe/Paris`, in the reader's zone. Scripts rely on it.
 *  "AoE" (Anywhere on Earth, UTC-12) is shown under that name. A wall time that occurs twice (the repeated hour
 *  when clocks fall back) gets its UTC offset after the zone, `2026-04-05 03:00 Pacific/Chatham (UTC+13:45)`,
 *  because the wall time alone would name two instants an hour apart. */
export function formatInstant(at: Date, zone: string): string {
  const dt = DateTime.fromJSDate(at, { zone: resolveZone(zone) ?? zone });
  const plain = `${dt.toFormat("yyyy-MM-dd HH:mm")} ${zone}`;
  return dt.isValid && dt.getPossibleOffsets().length > 1 ? `${plain} (UTC${dt.toFormat("ZZ")})` : plain;
}

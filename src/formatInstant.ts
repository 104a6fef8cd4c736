import { DateTime } from "luxon";
import { resolveZone } from "./deadlines/resolveZone.ts";

/** The plain-text form of an instant: `2026-05-01 23:00 Europe/Paris`, in the reader's zone. Scripts rely on it.
 *  "AoE" (Anywhere on Earth, UTC-12) is shown under that name. */
export function formatInstant(at: Date, zone: string): string {
  const dt = DateTime.fromJSDate(at, { zone: resolveZone(zone) ?? zone });
  return `${dt.toFormat("yyyy-MM-dd HH:mm")} ${zone}`;
}

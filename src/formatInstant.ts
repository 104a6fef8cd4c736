import { DateTime } from "luxon";

/** The plain-text form of an instant: `2026-05-01 23:00 Europe/Paris`, in the reader's zone. Scripts rely on it. */
export function formatInstant(at: Date, zone: string): string {
  const dt = DateTime.fromJSDate(at, { zone });
  return `${dt.toFormat("yyyy-MM-dd HH:mm")} ${zone}`;
}

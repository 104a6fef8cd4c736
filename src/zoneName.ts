import { distance } from "fastest-levenshtein";
import { IANAZone } from "luxon";
import { err, ok, type Result } from "./result.ts";

// Node 20's ICU lists some zones under their pre-rename names (Asia/Calcutta, Europe/Kiev): members type
// today's names, so those are offered and kept as typed.
const CURRENT_NAMES = [
  "UTC",
  "Asia/Kolkata",
  "Asia/Kathmandu",
  "Asia/Yangon",
  "Asia/Ho_Chi_Minh",
  "Asia/Ulaanbaatar",
  "Asia/Thimphu",
  "Africa/Asmara",
  "America/Nuuk",
  "America/Argentina/Buenos_Aires",
  "America/Indiana/Indianapolis",
  "America/Kentucky/Louisville",
  "Atlantic/Faroe",
  "Europe/Kyiv",
  "Pacific/Kanton",
  "Pacific/Chuuk",
  "Pacific/Pohnpei",
];

let known: string[] | undefined;
function knownZones(): string[] {
  known ??= [...new Set([...CURRENT_NAMES, ...Intl.supportedValuesOf("timeZone")])];
  return known;
}

/** Up to `max` valid zone names closest to what was typed: whole name, or just the city part. */
export function suggestZones(input: string, max = 3): string[] {
  const q = input.trim().toLowerCase().replace(/\s+/g, "_");
  const scored = knownZones().map((z) => {
    const lower = z.toLowerCase();
    const city = lower.slice(lower.lastIndexOf("/") + 1);
    const qCity = q.slice(q.lastIndexOf("/") + 1);
    return { z, d: Math.min(distance(q, lower), distance(qCity, city) + (q.includes("/") ? 1 : 0)) };
  });
  scored.sort((a, b) => a.d - b.d || a.z.localeCompare(b.z));
  const best = scored[0]?.d ?? Infinity;
  // Only near misses: a wild guess is worse than no guess.
  const limit = Math.max(2, Math.ceil(q.length / 3));
  return scored.filter((s) => s.d <= Math.min(limit, best + 1)).slice(0, max).map((s) => s.z);
}

/** Reads an IANA zone name as a member typed it; the error names the closest valid zones. */
export function parseZone(input: string): Result<string> {
  const text = input.trim();
  if (!text) return err("Give an IANA time zone name, for example Europe/Paris or America/New_York.");
  const exact = knownZones().find((z) => z.toLowerCase() === text.toLowerCase());
  if (exact) return ok(exact);
  // Offsets like "+02:00" or abbreviations like "CET" are not zones: they don't follow summer time.
  // Etc/GMT+5 is UTC-5 (POSIX signs are inverted) and never follows summer time: refuse it with the rest.
  if (/^[+-]?\d/.test(text) || /^[A-Z]{2,5}$/.test(text) || /^(Etc\/)?(GMT|UTC)[+-]/i.test(text)) {
    return err(
      `"${text}" is an offset or abbreviation, not a time zone: it would not follow summer time. ` +
        "Use a place-based IANA name such as Europe/Paris, Africa/Nairobi or America/Sao_Paulo.",
    );
  }
  if (text.length <= 64 && IANAZone.isValidZone(text)) {
    return ok(new Intl.DateTimeFormat("en", { timeZone: text }).resolvedOptions().timeZone);
  }
  const suggestions = suggestZones(text);
  const hint = suggestions.length
    ? ` Did you mean ${suggestions.map((s) => `\`${s}\``).join(" or ")}?`
    : ` Use a name like Europe/Paris; the list is at https://en.wikipedia.org/wiki/List_of_tz_database_time_zones`;
  return err(`"${text.slice(0, 64)}" is not a time zone I know.${hint}`);
}

export const isKnownZone = (z: string): boolean => IANAZone.isValidZone(z);

/** Zones for an autocomplete box: names containing what was typed, then near misses. */
export function searchZones(query: string, max = 25): { label: string; value: string }[] {
  const q = query.trim().toLowerCase().replace(/\s+/g, "_");
  const all = knownZones();
  const hits = q ? all.filter((z) => z.toLowerCase().includes(q)) : all;
  const more = hits.length < max && q ? suggestZones(q, max - hits.length).filter((z) => !hits.includes(z)) : [];
  return [...hits, ...more].slice(0, max).map((z) => ({ label: z, value: z }));
}

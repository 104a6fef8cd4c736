import { abbreviations, rawTimeZones, timeZonesNames } from "@vvo/tzdb";
import cityTimezones from "city-timezones";
import { distance } from "fastest-levenshtein";
import { IANAZone } from "luxon";
import { z } from "zod";
import { err, ok, type Result } from "./result.ts";

// Members type a zone the way they say it: "Geneva", "New York", "Europe/Kiev", "Asia/Calcutta". We store one
// canonical IANA name. Zone facts (today's names, country, standard offset) come from @vvo/tzdb, which follows
// every tz release; cities (population, country, province) come from city-timezones.

export type ZoneChoice = { label: string; value: string };

type Place = {
  name: string;
  key: string;
  hist: Uint8Array;
  pop: number;
  country: string;
  province: string;
  /** Words a member may add after a comma to pick this place: country, ISO codes, province, US state. */
  qualifiers: Set<string>;
  zone: string;
  label: string;
};
type ZoneEntry = { zone: string; key: string; segments: string[]; hist: Uint8Array; cityHist: Uint8Array; label: string };
type Index = {
  places: Place[]; // most populous first
  byName: Map<string, Place[]>;
  zones: ZoneEntry[];
  /** Last part of every zone name ("new york", "kolkata", "calcutta") to the canonical zone. */
  bySegment: Map<string, string>;
};

const CityRow = z.object({
  city: z.string().min(1),
  city_ascii: z.string(),
  // A few rows carry -99 (Natural Earth's "unknown") for a population or an ISO code.
  pop: z.number().transform((n) => Math.max(0, n)),
  country: z.string().min(1),
  iso2: z.union([z.string(), z.number()]).transform(String),
  iso3: z.union([z.string(), z.number()]).transform(String),
  province: z.string().nullish(),
  state_ansi: z.string().nullish(),
  timezone: z.string().nullable(),
});

const LABEL_MAX = 100; // Discord's limit for an autocomplete choice's name
/** A name shared by places in several zones stands for the biggest only when it is this many times bigger. */
const DOMINANCE = 20;

/** Lower case, no accents, spaces for underscores: "São_Paulo" and "sao paulo" are one key. */
function placeKey(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[_\s]+/g, " ")
    .trim();
}

// Building an Intl.DateTimeFormat costs ~0.1 ms and the city list names a few hundred zones thousands of times.
const icuCache = new Map<string, string | undefined>();
/** Letter counts: one edit changes their sum of differences by at most 2, a cheap bound before Levenshtein. */
function histogram(text: string): Uint8Array {
  const h = new Uint8Array(32);
  for (let i = 0; i < text.length; i++) h[text.charCodeAt(i) & 31]! < 255 && h[text.charCodeAt(i) & 31]!++;
  return h;
}
function mayBeWithin(a: Uint8Array, b: Uint8Array, edits: number): boolean {
  let diff = 0;
  for (let i = 0; i < 32; i++) if ((diff += Math.abs(a[i]! - b[i]!)) > 2 * edits) return false;
  return true;
}

function icuName(name: string): string | undefined {
  if (name.length > 64) return undefined;
  if (icuCache.has(name)) return icuCache.get(name);
  let icu: string | undefined;
  try {
    icu = new Intl.DateTimeFormat("en", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    icu = undefined;
  }
  if (icuCache.size < 5000) icuCache.set(name, icu); // typed names are cached too: bounded
  return icu;
}

// Node's ICU answers with CLDR's ids, which keep pre-rename names (Europe/Kiev, Asia/Calcutta). Each current
// tz name that ICU reports under another name it does not list itself is a rename, not a merge of two zones.
let renames: Map<string, string> | undefined;
function renamed(): Map<string, string> {
  if (renames) return renames;
  const current = new Set(timeZonesNames);
  renames = new Map();
  for (const name of timeZonesNames) {
    const icu = icuName(name);
    if (icu && icu !== name && !current.has(icu)) renames.set(icu, name);
  }
  return renames;
}

/** The one name we store for a zone ICU accepts (links and old spellings resolved), or undefined if none. */
export function canonicalZone(name: string): string | undefined {
  const icu = icuName(name);
  return icu && (renamed().get(icu) ?? icu);
}

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

/** "place — zone (UTC+01:00)", shortening the place, never the zone, to fit Discord's 100 characters. */
function label(place: string, tail: string): string {
  const room = LABEL_MAX - tail.length;
  return (place.length <= room ? place : `${place.slice(0, room - 1)}…`) + tail;
}

let index: Index | undefined;
function getIndex(): Index {
  if (index) return index;
  // Country and standard offset of every name, through the group of names that show the same time today.
  const facts = new Map<string, { country: string; offset: string }>();
  for (const t of rawTimeZones) for (const n of t.group) facts.set(n, { country: t.countryName, offset: offsetText(t.rawOffsetInMinutes) });
  const zoneTail = (zone: string) => ` — ${zone}${facts.get(zone) ? ` (${facts.get(zone)!.offset})` : ""}`;

  const rows = z.array(CityRow).parse(cityTimezones.cityMapping);
  const namesakes = new Map<string, number>(); // same name, same country
  const sameName = (r: z.infer<typeof CityRow>) => `${placeKey(r.city)}|${r.country}`;
  for (const r of rows) namesakes.set(sameName(r), (namesakes.get(sameName(r)) ?? 0) + 1);
  const places: Place[] = [];
  for (const r of rows) {
    const zone = r.timezone ? canonicalZone(r.timezone) : undefined;
    if (!zone) continue;
    const key = placeKey(r.city);
    // The province tells apart places of one name in one country (Portland, Oregon and Portland, Maine).
    const region = (namesakes.get(sameName(r)) ?? 0) > 1 && r.province && placeKey(r.province) !== key ? `${r.province}, ` : "";
    const qualifiers = new Set([r.country, r.iso2, r.iso3, r.province ?? "", r.state_ansi ?? ""].map(placeKey).filter(Boolean));
    if (r.iso2 === "GB") qualifiers.add("uk");
    if (r.iso2 === "US") qualifiers.add("usa").add("united states");
    places.push({ name: r.city, key, hist: histogram(key), pop: r.pop, country: r.country, province: r.province ?? "", qualifiers, zone, label: label(`${r.city}, ${region}${r.country}`, zoneTail(zone)) });
  }
  places.sort((a, b) => b.pop - a.pop || a.key.localeCompare(b.key));
  const byName = new Map<string, Place[]>();
  for (const p of places) (byName.get(p.key) ?? byName.set(p.key, []).get(p.key)!).push(p);

  // Current names, then ICU's old spellings, so "Kiev" and "Calcutta" find today's zone. Links such as
  // Australia/Victoria or US/Eastern are left out: they are not cities.
  const bySegment = new Map<string, string>();
  const aliases = new Map<string, Set<string>>();
  for (const name of [...timeZonesNames, ...Intl.supportedValuesOf("timeZone")]) {
    const zone = canonicalZone(name);
    if (!zone || !name.includes("/")) continue;
    const segment = placeKey(name.slice(name.lastIndexOf("/") + 1));
    if (!bySegment.has(segment)) bySegment.set(segment, zone);
    (aliases.get(zone) ?? aliases.set(zone, new Set()).get(zone)!).add(segment);
  }
  const zones: ZoneEntry[] = ["UTC", ...timeZonesNames].map((zone) => {
    const key = placeKey(zone);
    const where = zone === "UTC" ? "Coordinated Universal Time" : (facts.get(zone)?.country ?? zone.slice(0, zone.indexOf("/")));
    const tail = ` — ${where}${zone === "UTC" ? " (UTC+00:00)" : facts.get(zone) ? ` (${facts.get(zone)!.offset})` : ""}`;
    const segments = [...new Set([...key.split("/"), ...(aliases.get(zone) ?? [])])];
    return { zone, key, segments, hist: histogram(key), cityHist: histogram(key.slice(key.lastIndexOf("/") + 1)), label: label(zone, tail) };
  });
  index = { places, byName, zones, bySegment };
  return index;
}

type Fuzzy = { entry: Place | ZoneEntry; d: number };
/** Places and zones within a few typos of the query, closest first, then the most populous. */
function fuzzy(q: string): Fuzzy[] {
  const { places, zones } = getIndex();
  if (!q) return [];
  const limit = Math.max(2, Math.ceil(q.length / 3));
  const qCity = q.slice(q.lastIndexOf("/") + 1);
  const penalty = qCity === q ? 0 : 1;
  const hq = histogram(q);
  const hCity = histogram(qCity);
  const found: Fuzzy[] = [];
  // Levenshtein costs ~1 µs and autocomplete runs this on every keystroke: skip pairs that cannot be close,
  // and once a match is found, anything more than one edit worse than it (it would be dropped below).
  let cutoff = limit;
  const keep = (entry: Place | ZoneEntry, d: number) => {
    if (d > cutoff) return;
    found.push({ entry, d });
    cutoff = Math.min(cutoff, d + 1);
  };
  for (const p of places) {
    if (Math.abs(p.key.length - qCity.length) > cutoff - penalty || !mayBeWithin(hCity, p.hist, cutoff - penalty)) continue;
    keep(p, distance(qCity, p.key) + penalty);
  }
  for (const e of zones) {
    const city = e.key.slice(e.key.lastIndexOf("/") + 1);
    const whole = mayBeWithin(hq, e.hist, cutoff) ? distance(q, e.key) : Infinity;
    const part = mayBeWithin(hCity, e.cityHist, cutoff - penalty) ? distance(qCity, city) + penalty : Infinity;
    keep(e, Math.min(whole, part));
  }
  const pop = (f: Fuzzy) => ("pop" in f.entry ? f.entry.pop : 0);
  found.sort((a, b) => a.d - b.d || pop(b) - pop(a));
  const best = found[0]?.d ?? Infinity;
  // Only near misses: a wild guess is worse than no guess.
  return found.filter((f) => f.d <= best + 1);
}

/** Up to `max` canonical zones closest to what was typed, as a city or as a zone name. */
export function suggestZones(input: string, max = 3): string[] {
  const zones = fuzzy(placeKey(input)).map((f) => f.entry.zone);
  return [...new Set(zones)].slice(0, max);
}

/**
 * Autocomplete choices for what has been typed so far: cities whose name starts with it (biggest first), then
 * zone names, then places with a word starting with it, then near misses. Nothing typed: the biggest cities.
 */
export function searchZones(query: string, max = 25): ZoneChoice[] {
  const { places, zones } = getIndex();
  const q = placeKey(query).slice(0, 64);
  const out: ZoneChoice[] = [];
  const seen = new Set<string>();
  const add = (e: Place | ZoneEntry): boolean => {
    if (!seen.has(e.label)) {
      seen.add(e.label);
      out.push({ label: e.label, value: e.zone });
    }
    return out.length >= max;
  };
  if (!(max > 0)) return out;
  if (!q) {
    for (const p of places) if (add(p)) return out;
    return out;
  }
  // "Europe/Gen" looks for cities starting with "gen" in Europe/ zones.
  const slash = q.indexOf("/");
  const region = slash < 0 ? "" : `${q.slice(0, slash)}/`;
  const qCity = q.slice(q.lastIndexOf("/") + 1);
  const inRegion = (p: Place) => !region || p.zone.toLowerCase().startsWith(region);
  if (qCity) {
    for (const p of getIndex().byName.get(qCity) ?? []) if (inRegion(p) && add(p)) return out;
    for (const p of places) if (p.key.startsWith(qCity) && inRegion(p) && add(p)) return out;
  }
  for (const e of zones) if ((e.key.startsWith(q) || e.segments.some((s) => s.startsWith(q))) && add(e)) return out;
  if (q.length >= 3) {
    for (const p of places) if (p.key.includes(` ${q}`) && add(p)) return out;
    for (const e of zones) if (e.key.includes(q) && add(e)) return out;
  }
  // Near misses only when nothing matches as typed: once a prefix matches, typos would be noise.
  if (out.length === 0 && qCity.length >= 3) for (const f of fuzzy(q)) if (add(f.entry)) return out;
  return out;
}

const OFFSET_EXPLANATION = (text: string) =>
  `"${text}" is an offset or abbreviation, not a time zone: it would not follow summer time. ` +
  "Use a city such as Geneva or Nairobi, or a place-based IANA name such as Europe/Paris or America/Sao_Paulo.";
const ABBREVIATIONS = new Set(Object.values(abbreviations).map((a) => a.toUpperCase()));

/** The zone of a city as typed ("Geneva", "sao paulo", "Portland, Oregon"); `region` keeps zones under it. */
function cityZone(text: string, region?: string): Result<string> | undefined {
  const { byName, bySegment } = getIndex();
  const comma = text.lastIndexOf(",");
  const key = placeKey(comma < 0 ? text : text.slice(0, comma));
  const qualifier = comma < 0 ? "" : placeKey(text.slice(comma + 1));
  let candidates = byName.get(key) ?? [];
  if (qualifier) candidates = candidates.filter((p) => p.qualifiers.has(qualifier));
  if (region) {
    const inRegion = candidates.filter((p) => p.zone.toLowerCase().startsWith(`${region.toLowerCase()}/`));
    if (inRegion.length) candidates = inRegion;
  }
  // A zone named after the city (Australia/Sydney for "Sydney") is what a member means by it.
  const segmentZone = qualifier ? undefined : bySegment.get(key);
  if (segmentZone && (!region || segmentZone.toLowerCase().startsWith(`${region.toLowerCase()}/`))) return ok(segmentZone);
  if (!candidates.length) return undefined;
  const byZone = new Map<string, Place>();
  for (const p of candidates) if (!byZone.has(p.zone)) byZone.set(p.zone, p); // candidates are biggest first
  const ranked = [...byZone.values()];
  const [first, second] = ranked;
  if (!second || first!.pop >= DOMINANCE * second.pop) return ok(first!.zone);
  const shown = ranked.slice(0, 5).map((p) => `${p.label.replace(/ \(UTC[^)]*\)$/, "")}`);
  const more = ranked.length > 5 ? ` and ${ranked.length - 5} more` : "";
  const sameCountry = ranked.some((p) => p !== first && p.country === first!.country);
  const example = `${first!.name}, ${sameCountry && first!.province ? first!.province : first!.country}`;
  return err(
    `"${text.slice(0, 64)}" is a city in several time zones: ${shown.join("; ")}${more}. ` +
      `Give the zone name (like ${first!.zone}) or add the country or state after a comma (like "${example}").`,
  );
}

/** How to type a place so that it reads as its own zone: "London", but "London, Canada". */
function typeable(p: Place): string {
  for (const text of [p.name, `${p.name}, ${p.country}`, `${p.name}, ${p.province}`]) {
    const r = cityZone(text);
    if (r?.ok && r.value === p.zone) return text;
  }
  return p.zone;
}

/**
 * Reads a time zone as a member typed it: an IANA name (old spellings and links resolved to today's name) or a
 * city. The error explains offsets and abbreviations, lists the zones of an ambiguous city, or names near misses.
 */
export function parseZone(input: string): Result<string> {
  const text = input.trim();
  if (!text) return err("Give a time zone: a city like Nairobi, or an IANA name like Europe/Paris or America/New_York.");
  if (text.length > 100) return err("That is too long for a time zone: give a city like Nairobi or a name like Europe/Paris.");
  // Offsets like "+02:00", Etc/GMT+5 (UTC-5: POSIX signs are inverted) and POSIX rules like EST5EDT never
  // follow summer time, nor do abbreviations like "CET".
  if (/^[+-]?\d/.test(text) || /^(Etc\/)?(GMT|UTC|UT)\s*[+-]/i.test(text) || /^[A-Z]{3,4}\d/i.test(text)) return err(OFFSET_EXPLANATION(text));
  if (/^[A-Z]{2,5}$/.test(text) && text !== "UTC" && (ABBREVIATIONS.has(text) || !getIndex().byName.has(placeKey(text)))) {
    return err(OFFSET_EXPLANATION(text));
  }
  const zone = canonicalZone(text);
  if (zone) return zone.startsWith("Etc/") ? err(OFFSET_EXPLANATION(text)) : ok(zone);
  const slash = text.lastIndexOf("/");
  const city = slash < 0 ? cityZone(text) : cityZone(text.slice(slash + 1), text.slice(0, text.indexOf("/")));
  if (city) return city;
  // The closest guesses only, one per zone, each spelt the way it can be typed back.
  const found = fuzzy(placeKey(text));
  const byZone = new Map<string, string>();
  for (const f of found) {
    if (f.d > found[0]!.d || byZone.has(f.entry.zone) || byZone.size >= 3) continue;
    if (!("pop" in f.entry)) byZone.set(f.entry.zone, `\`${f.entry.zone}\``);
    else {
      const typed = typeable(f.entry);
      byZone.set(f.entry.zone, `\`${typed}\` (${typed.includes(",") ? "" : `${f.entry.country}, `}${f.entry.zone})`);
    }
  }
  const hint = byZone.size
    ? ` Did you mean ${[...byZone.values()].join(" or ")}?`
    : " Give a city like Nairobi, or a name like Europe/Paris; the list is at https://en.wikipedia.org/wiki/List_of_tz_database_time_zones";
  return err(`"${text.slice(0, 64)}" is not a time zone I know.${hint}`);
}

/** Whether a stored zone name is one this bot can compute with (callers' AoE aside). */
export const isKnownZone = (zone: string): boolean => IANAZone.isValidZone(zone);

import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { parseZone, searchZones, suggestZones } from "../src/zoneName.ts";

const zoneOf = (typed: string) => parseZone(typed);
const errorOf = (typed: string): string => {
  const r = parseZone(typed);
  if (r.ok) throw new Error(`expected "${typed}" to be refused, got ${r.value}`);
  return r.error;
};

describe("parseZone: IANA names", () => {
  it("accepts Europe/Paris in any letter case and returns its proper spelling", () => {
    expect(zoneOf("europe/PARIS")).toEqual({ ok: true, value: "Europe/Paris" });
  });
  it("keeps today's names that Node's ICU lists under old ones (Asia/Kolkata, Europe/Kyiv, Asia/Kathmandu)", () => {
    for (const z of ["Asia/Kolkata", "Europe/Kyiv", "Asia/Kathmandu", "America/Nuuk", "Pacific/Kanton"]) expect(zoneOf(z)).toEqual({ ok: true, value: z });
  });
  it("stores today's name for a legacy one: Europe/Kiev, Asia/Calcutta, Asia/Saigon, US/Eastern, America/Indianapolis", () => {
    expect(zoneOf("Europe/Kiev")).toEqual({ ok: true, value: "Europe/Kyiv" });
    expect(zoneOf("Asia/Calcutta")).toEqual({ ok: true, value: "Asia/Kolkata" });
    expect(zoneOf("Asia/Saigon")).toEqual({ ok: true, value: "Asia/Ho_Chi_Minh" });
    expect(zoneOf("US/Eastern")).toEqual({ ok: true, value: "America/New_York" });
    expect(zoneOf("america/indianapolis")).toEqual({ ok: true, value: "America/Indiana/Indianapolis" });
    expect(zoneOf("Etc/UTC")).toEqual({ ok: true, value: "UTC" });
  });
  it("keeps a zone tz still lists on its own (America/Detroit is not folded into America/New_York)", () => {
    expect(zoneOf("America/Detroit")).toEqual({ ok: true, value: "America/Detroit" });
  });
  it("stores names luxon computes with on this Node: Europe/Kyiv is UTC+2 in winter and UTC+3 in summer", () => {
    const kyiv = zoneOf("Europe/Kiev");
    if (!kyiv.ok) throw new Error(kyiv.error);
    expect(DateTime.fromISO("2026-01-15T12:00", { zone: kyiv.value }).offset).toBe(120);
    expect(DateTime.fromISO("2026-07-15T12:00", { zone: kyiv.value }).offset).toBe(180);
  });
  it("refuses offsets, abbreviations, POSIX rules and Etc/GMT zones, which do not follow summer time", () => {
    for (const z of ["+02:00", "-5", "CET", "EST", "GMT", "GMT+2", "UTC-3", "Etc/GMT+5", "etc/gmt-3", "EST5EDT"]) {
      expect(errorOf(z)).toMatch(/offset or abbreviation/);
    }
  });
  it("refuses an empty zone and gibberish without guessing wildly", () => {
    expect(zoneOf("  ").ok).toBe(false);
    expect(errorOf("qqqqqqqqqqqqqqqqqqqqqq")).not.toMatch(/did you mean/i);
  });
  it("refuses a huge input with a short message", () => {
    expect(errorOf("Geneva".repeat(1000)).length).toBeLessThan(200);
  });
});

describe("parseZone: cities", () => {
  it("reads Geneva, geneva and Europe/Geneva as Europe/Zurich", () => {
    for (const typed of ["Geneva", "geneva", "  GENEVA ", "Europe/Geneva", "Geneva, Switzerland", "Geneva, CH"]) {
      expect(zoneOf(typed)).toEqual({ ok: true, value: "Europe/Zurich" });
    }
  });
  it("reads New York, new_york and NEW YORK as America/New_York", () => {
    for (const typed of ["New York", "new_york", "NEW YORK"]) expect(zoneOf(typed)).toEqual({ ok: true, value: "America/New_York" });
  });
  it("reads Nairobi as Africa/Nairobi", () => {
    expect(zoneOf("Nairobi")).toEqual({ ok: true, value: "Africa/Nairobi" });
  });
  it("reads São Paulo with or without its accent as America/Sao_Paulo", () => {
    for (const typed of ["São Paulo", "Sao Paulo", "sao_paulo"]) expect(zoneOf(typed)).toEqual({ ok: true, value: "America/Sao_Paulo" });
  });
  it("reads a city under its old zone spelling: Kiev and Calcutta", () => {
    expect(zoneOf("Kiev")).toEqual({ ok: true, value: "Europe/Kyiv" });
    expect(zoneOf("Calcutta")).toEqual({ ok: true, value: "Asia/Kolkata" });
  });
  it("reads a city typed in capitals that is no abbreviation (ROME), but not CET", () => {
    expect(zoneOf("ROME")).toEqual({ ok: true, value: "Europe/Rome" });
    expect(errorOf("CET")).toMatch(/offset or abbreviation/);
  });
  it("lists the zones of an ambiguous city, with state and country: Portland", () => {
    const e = errorOf("Portland");
    expect(e).toMatch(/several time zones/);
    expect(e).toContain("Portland, Oregon, United States of America — America/Los_Angeles");
    expect(e).toContain("Portland, Maine, United States of America — America/New_York");
    expect(e).toContain("Australia — Australia/Melbourne");
    expect(e).toContain('"Portland, Oregon"');
  });
  it("resolves an ambiguous city given its state or country after a comma", () => {
    expect(zoneOf("Portland, Oregon")).toEqual({ ok: true, value: "America/Los_Angeles" });
    expect(zoneOf("portland, ME")).toEqual({ ok: true, value: "America/New_York" });
    expect(zoneOf("Portland, Australia")).toEqual({ ok: true, value: "Australia/Melbourne" });
    expect(zoneOf("Hyderabad, Pakistan")).toEqual({ ok: true, value: "Asia/Karachi" });
  });
  it("takes a city that dwarfs its namesakes (London, UK over London, Ontario) without asking", () => {
    expect(zoneOf("London")).toEqual({ ok: true, value: "Europe/London" });
    expect(zoneOf("London, Canada")).toEqual({ ok: true, value: "America/Toronto" });
  });
});

describe("parseZone and suggestZones: near misses", () => {
  it("suggests Europe/Paris for Europe/Pari", () => {
    expect(errorOf("Europe/Pari")).toMatch(/did you mean `Europe\/Paris`/i);
  });
  it("suggests Nairobi, Kenya for Nairobbi", () => {
    expect(errorOf("Nairobbi")).toMatch(/did you mean `Nairobi` \(Kenya, Africa\/Nairobi\)/i);
    expect(suggestZones("Nairobbi")).toContain("Africa/Nairobi");
  });
  it("spells each suggestion so that typing it back gives its zone: Londn, Portlnd", () => {
    expect(errorOf("Londn")).toContain("`London` (United Kingdom, Europe/London) or `London, Canada` (America/Toronto)");
    for (const typo of ["Londn", "Portlnd", "Springfeld", "Europe/Pari", "Nairobbi", "Sao Paolo", "Genevva"]) {
      const suggestions = [...errorOf(typo).matchAll(/`([^`]+)`(?: \((?:[^,)]+, )?([^)]+)\))?/g)];
      expect(suggestions.length).toBeGreaterThan(0);
      for (const [, typed, zone] of suggestions) expect(parseZone(typed!)).toEqual({ ok: true, value: zone ?? typed });
    }
  });
  it("suggests Geneva's zone for Genevva and Europe/Genva", () => {
    expect(suggestZones("Genevva")).toContain("Europe/Zurich");
    expect(suggestZones("Europe/Genva")).toContain("Europe/Zurich");
  });
});

describe("searchZones", () => {
  it("labels a city with its country, zone and standard offset", () => {
    expect(searchZones("Geneva")[0]).toEqual({ label: "Geneva, Switzerland — Europe/Zurich (UTC+01:00)", value: "Europe/Zurich" });
    expect(searchZones("Nairobi")[0]).toEqual({ label: "Nairobi, Kenya — Africa/Nairobi (UTC+03:00)", value: "Africa/Nairobi" });
  });
  it("offers the most populous cities for an empty query", () => {
    const top = searchZones("");
    expect(top).toHaveLength(25);
    expect(top.map((c) => c.label)).toContain("Tokyo, Japan — Asia/Tokyo (UTC+09:00)");
    expect(top.map((c) => c.label)).not.toContain("Geneva, Switzerland — Europe/Zurich (UTC+01:00)");
  });
  it("ranks cities starting with the query, biggest first, before zone names", () => {
    const labels = searchZones("lond").map((c) => c.label);
    expect(labels[0]).toBe("London, United Kingdom — Europe/London (UTC+00:00)");
    expect(labels.indexOf("London, Canada — America/Toronto (UTC-05:00)")).toBeGreaterThan(0);
    expect(labels.indexOf("Europe/London — United Kingdom (UTC+00:00)")).toBeGreaterThan(labels.indexOf("London, Canada — America/Toronto (UTC-05:00)"));
  });
  it("matches zone names, and cities within a region: europe/gen finds Geneva", () => {
    expect(searchZones("America/New_Y").map((c) => c.value)).toContain("America/New_York");
    expect(searchZones("europe/gen").map((c) => c.label)).toContain("Geneva, Switzerland — Europe/Zurich (UTC+01:00)");
    expect(searchZones("europe/gen").every((c) => c.value.startsWith("Europe/"))).toBe(true);
  });
  it("finds a city by a later word (paulo) and a zone by its old spelling (kiev)", () => {
    expect(searchZones("paulo").map((c) => c.value)).toContain("America/Sao_Paulo");
    expect(searchZones("kiev")[0]?.value).toBe("Europe/Kyiv");
  });
  it("falls back to near misses only when nothing matches as typed: nairobbi", () => {
    expect(searchZones("nairobbi")[0]?.value).toBe("Africa/Nairobi");
    expect(searchZones("zzzzzzzzzzzz")).toEqual([]);
  });
  it("gives at most max choices, each label within Discord's 100 characters", () => {
    expect(searchZones("a", 5)).toHaveLength(5);
    expect(searchZones("a", 0)).toEqual([]);
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (q) => {
        const choices = searchZones(q);
        expect(choices.length).toBeLessThanOrEqual(25);
        for (const c of choices) expect(c.label.length).toBeLessThanOrEqual(100);
      }),
      { numRuns: 300 },
    );
  });
  it("only offers values that parseZone stores unchanged and luxon computes with", () => {
    const prefix = fc.constantFrom("", "a", "new", "san", "europe/", "america/", "asia/k", "port", "st", "kiev", "nairob", "sao", "ü", "pacific/");
    fc.assert(
      fc.property(fc.oneof(prefix, fc.string({ maxLength: 8 }), fc.tuple(prefix, fc.string({ maxLength: 2 })).map(([p, s]) => p + s)), (q) => {
        for (const { value } of searchZones(q)) {
          expect(parseZone(value)).toEqual({ ok: true, value });
          expect(DateTime.fromISO("2026-06-01T12:00", { zone: value }).isValid).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});

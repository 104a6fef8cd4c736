import { describe, expect, it } from "vitest";
import { parseZone, suggestZones } from "../src/zoneName.ts";

describe("parseZone", () => {
  it("accepts Europe/Paris in any letter case and returns its proper spelling", () => {
    expect(parseZone("europe/PARIS")).toEqual({ ok: true, value: "Europe/Paris" });
  });
  it("keeps today's names that Node's ICU lists under old ones (Asia/Kolkata, Europe/Kyiv, Asia/Kathmandu)", () => {
    for (const z of ["Asia/Kolkata", "Europe/Kyiv", "Asia/Kathmandu"]) expect(parseZone(z)).toEqual({ ok: true, value: z });
  });
  it("suggests Europe/Paris for Europe/Pari", () => {
    const r = parseZone("Europe/Pari");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/did you mean `Europe\/Paris`/i);
  });
  it("suggests Africa/Nairobi for a misspelt city alone", () => {
    expect(suggestZones("Nairobbi")).toContain("Africa/Nairobi");
  });
  it("refuses offsets and abbreviations, which do not follow summer time", () => {
    for (const z of ["+02:00", "CET", "GMT+2", "Etc/GMT+5"]) {
      const r = parseZone(z);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(/offset or abbreviation/);
    }
  });
  it("refuses an empty zone and gibberish without guessing wildly", () => {
    expect(parseZone("  ").ok).toBe(false);
    const r = parseZone("qqqqqqqqqqqqqqqqqqqqqq");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).not.toMatch(/did you mean/i);
  });
});

import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { formatInstant } from "../src/formatInstant.ts";

describe("formatInstant", () => {
  it("prints the offset for both instants of 03:00 in the repeated hour of 2026-04-05 in Pacific/Chatham", () => {
    expect(formatInstant(new Date("2026-04-04T13:15:00Z"), "Pacific/Chatham")).toBe("2026-04-05 03:00 Pacific/Chatham (UTC+13:45)");
    expect(formatInstant(new Date("2026-04-04T14:15:00Z"), "Pacific/Chatham")).toBe("2026-04-05 03:00 Pacific/Chatham (UTC+12:45)");
  });

  it("prints the offset for 01:30 on 2026-11-01 in America/New_York, which happens twice", () => {
    expect(formatInstant(new Date("2026-11-01T05:30:00Z"), "America/New_York")).toBe("2026-11-01 01:30 America/New_York (UTC-04:00)");
    expect(formatInstant(new Date("2026-11-01T06:30:00Z"), "America/New_York")).toBe("2026-11-01 01:30 America/New_York (UTC-05:00)");
  });

  it("prints no offset for a wall time that happens once, or in AoE", () => {
    expect(formatInstant(new Date("2026-04-04T11:15:00Z"), "Pacific/Chatham")).toBe("2026-04-05 01:00 Pacific/Chatham");
    expect(formatInstant(new Date("2026-11-01T07:30:00Z"), "America/New_York")).toBe("2026-11-01 02:30 America/New_York");
    expect(formatInstant(new Date("2026-05-01T12:00:00Z"), "AoE")).toBe("2026-05-01 00:00 AoE");
  });

  it("names exactly one instant (to the minute) for any time in zones that change their clocks", () => {
    // Half the instants fall within three hours of a clock change (fall-backs of 2026 in these zones).
    const changes = ["2026-04-04T14:00:00Z", "2026-11-01T06:00:00Z", "2026-10-25T01:00:00Z", "2026-04-04T15:00:00Z", "2026-11-01T03:30:00Z"].map((t) => Date.parse(t));
    const near = fc.tuple(fc.constantFrom(...changes), fc.integer({ min: -180, max: 180 }), fc.integer({ min: 0, max: 59_999 })).map(([t, min, ms]) => new Date(t + min * 60_000 + ms));
    const instants = fc.oneof(fc.date({ min: new Date("2025-01-01T00:00:00Z"), max: new Date("2028-01-01T00:00:00Z"), noInvalidDate: true }), near);
    const zones = ["Pacific/Chatham", "America/New_York", "Europe/Paris", "Australia/Lord_Howe", "America/St_Johns"];
    fc.assert(
      fc.property(instants, fc.constantFrom(...zones), (at, zone) => {
        const text = formatInstant(at, zone);
        const m = /^(\d{4}-\d\d-\d\d \d\d:\d\d) (\S+)(?: \(UTC([+-]\d\d:\d\d)\))?$/.exec(text);
        expect(m?.[2]).toBe(zone);
        const wall = DateTime.fromFormat(m![1]!, "yyyy-MM-dd HH:mm", { zone });
        const readings = wall.getPossibleOffsets().filter((d) => !m![3] || d.toFormat("ZZ") === m![3]);
        // With the offset when one is printed, the text has exactly one reading, and it is the instant's minute.
        expect(readings).toHaveLength(1);
        expect(readings[0]!.toMillis()).toBe(Math.floor(at.getTime() / 60_000) * 60_000);
      }),
      { numRuns: 2000 },
    );
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_QUIET_HOURS, parseQuietHours, quietWindowContaining, type QuietHours } from "../../src/deadlines/quietHours.ts";
import { resolveZone } from "../../src/deadlines/resolveZone.ts";

const at = (iso: string) => new Date(iso);

function windowOf(iso: string, zone: string, q: QuietHours): { start: string; end: string } | null {
  const w = quietWindowContaining(at(iso), zone, q);
  return w === null ? null : { start: w.start.toISOString(), end: w.end.toISOString() };
}

describe("parseQuietHours", () => {
  it("reads 22:00-07:00 as a range spanning midnight", () => {
    expect(parseQuietHours("22:00-07:00")).toEqual({ ok: true, value: { start: "22:00", end: "07:00" } });
  });

  it("tolerates spaces and one-digit hours, normalising to HH:mm", () => {
    expect(parseQuietHours(" 23:30 - 6:45 ")).toEqual({ ok: true, value: { start: "23:30", end: "06:45" } });
  });

  it("reads off (any case) as no quiet hours", () => {
    expect(parseQuietHours("off")).toEqual({ ok: true, value: null });
    expect(parseQuietHours("OFF")).toEqual({ ok: true, value: null });
  });

  it("refuses 22:00-22:00: a range that starts where it ends, and points to off", () => {
    const parsed = parseQuietHours("22:00-22:00");
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain("starts and ends at the same time");
    if (!parsed.ok) expect(parsed.error).toContain("write off to turn quiet hours off");
  });

  it("refuses 25:00-07:00 naming 25:00", () => {
    expect(parseQuietHours("25:00-07:00")).toEqual({ ok: false, error: "25:00 is not a time of day: use HH:mm from 00:00 to 23:59" });
  });

  it("refuses 10pm-7am and shows the HH:mm-HH:mm format", () => {
    expect(parseQuietHours("10pm-7am")).toEqual({ ok: false, error: '"10pm" is not a time: write HH:mm on a 24-hour clock, e.g. 09:00 or 17:30' });
    expect(parseQuietHours("nights")).toEqual({
      ok: false,
      error: '"nights" is not a quiet-hours range: write HH:mm-HH:mm, e.g. 22:00-07:00, or off to turn quiet hours off',
    });
  });

  it("has 22:00-07:00 as the default", () => {
    expect(DEFAULT_QUIET_HOURS).toEqual({ start: "22:00", end: "07:00" });
  });
});

describe("quietWindowContaining on ordinary nights", () => {
  const paris = "Europe/Paris";

  it("finds the window 22:00-07:00 Paris (21:00-06:00 UTC in winter) from 23:30 the same evening", () => {
    expect(windowOf("2026-01-10T22:30:00Z", paris, DEFAULT_QUIET_HOURS)).toEqual({
      start: "2026-01-10T21:00:00.000Z",
      end: "2026-01-11T06:00:00.000Z",
    });
  });

  it("finds the same window from 03:00 after midnight", () => {
    expect(windowOf("2026-01-11T02:00:00Z", paris, DEFAULT_QUIET_HOURS)).toEqual({
      start: "2026-01-10T21:00:00.000Z",
      end: "2026-01-11T06:00:00.000Z",
    });
  });

  it("treats the start as quiet and the end as not quiet (half-open window)", () => {
    expect(windowOf("2026-01-10T21:00:00Z", paris, DEFAULT_QUIET_HOURS)).not.toBeNull();
    expect(windowOf("2026-01-11T06:00:00Z", paris, DEFAULT_QUIET_HOURS)).toBeNull();
    expect(windowOf("2026-01-10T20:59:59.999Z", paris, DEFAULT_QUIET_HOURS)).toBeNull();
  });

  it("returns null at midday and whenever quiet hours are off", () => {
    expect(windowOf("2026-01-10T11:00:00Z", paris, DEFAULT_QUIET_HOURS)).toBeNull();
    expect(windowOf("2026-01-10T23:00:00Z", paris, null)).toBeNull();
  });

  it("handles a range that does not span midnight (13:00-14:00 siesta in Asia/Kathmandu, +05:45)", () => {
    expect(windowOf("2026-02-02T07:30:00Z", "Asia/Kathmandu", { start: "13:00", end: "14:00" })).toEqual({
      start: "2026-02-02T07:15:00.000Z",
      end: "2026-02-02T08:15:00.000Z",
    });
  });

  it("uses AoE's fixed UTC−12: 22:00-07:00 AoE is 10:00-19:00 UTC", () => {
    expect(windowOf("2026-03-08T12:00:00Z", "AoE", DEFAULT_QUIET_HOURS)).toEqual({
      start: "2026-03-08T10:00:00.000Z",
      end: "2026-03-08T19:00:00.000Z",
    });
  });

  it("throws on an unknown zone: zones are validated before they are stored", () => {
    expect(() => quietWindowContaining(at("2026-01-10T22:30:00Z"), "Nowhere/Land", DEFAULT_QUIET_HOURS)).toThrow(/Unknown time zone/);
  });
});

describe("quietWindowContaining on DST nights", () => {
  it("makes the Paris spring-forward night 22:00-07:00 only 8 h long (2026-03-28 21:00 to 2026-03-29 05:00 UTC)", () => {
    expect(windowOf("2026-03-29T01:30:00Z", "Europe/Paris", DEFAULT_QUIET_HOURS)).toEqual({
      start: "2026-03-28T21:00:00.000Z",
      end: "2026-03-29T05:00:00.000Z",
    });
  });

  it("makes the Paris fall-back night 22:00-07:00 10 h long (2026-10-24 20:00 to 2026-10-25 06:00 UTC)", () => {
    expect(windowOf("2026-10-25T01:30:00Z", "Europe/Paris", DEFAULT_QUIET_HOURS)).toEqual({
      start: "2026-10-24T20:00:00.000Z",
      end: "2026-10-25T06:00:00.000Z",
    });
  });

  it("moves a start inside the New York gap (02:30 on 2026-03-08) to the jump, 03:00 EDT = 07:00 UTC", () => {
    expect(windowOf("2026-03-08T08:00:00Z", "America/New_York", { start: "02:30", end: "06:00" })).toEqual({
      start: "2026-03-08T07:00:00.000Z",
      end: "2026-03-08T10:00:00.000Z",
    });
  });

  it("has no quiet window on 2026-03-08 in New York for 02:00-02:30: the clock never reads those times", () => {
    expect(windowOf("2026-03-08T07:00:00Z", "America/New_York", { start: "02:00", end: "02:30" })).toBeNull();
    expect(windowOf("2026-03-08T06:59:00Z", "America/New_York", { start: "02:00", end: "02:30" })).toBeNull();
    // The night before and after are normal.
    expect(windowOf("2026-03-07T07:15:00Z", "America/New_York", { start: "02:00", end: "02:30" })).not.toBeNull();
  });

  it("starts 01:30-06:00 at the first 01:30 of the New York fall-back night (EDT, 05:30 UTC)", () => {
    expect(windowOf("2026-11-01T05:45:00Z", "America/New_York", { start: "01:30", end: "06:00" })).toEqual({
      start: "2026-11-01T05:30:00.000Z",
      end: "2026-11-01T11:00:00.000Z",
    });
  });

  it("ends 22:00-01:30 at the second 01:30 of the New York fall-back night (EST, 06:30 UTC)", () => {
    expect(windowOf("2026-11-01T06:15:00Z", "America/New_York", { start: "22:00", end: "01:30" })).toEqual({
      start: "2026-11-01T02:00:00.000Z",
      end: "2026-11-01T06:30:00.000Z",
    });
  });

  it("makes the Adelaide spring-forward night (2026-10-03 to 10-04) 22:00-07:00 run 12:30 to 20:30 UTC", () => {
    // 22:00 ACST (+09:30) = 12:30 UTC; 07:00 ACDT (+10:30) = 20:30 UTC: 8 h.
    expect(windowOf("2026-10-03T16:00:00Z", "Australia/Adelaide", DEFAULT_QUIET_HOURS)).toEqual({
      start: "2026-10-03T12:30:00.000Z",
      end: "2026-10-03T20:30:00.000Z",
    });
  });

  it("merges neighbouring nights when a 23:45 range overlaps itself across the New York fall-back hour", () => {
    // 01:45-01:15: night of 10-31 ends at the second 01:15 (06:15 UTC), night of 11-01 starts at the first 01:45 (05:45 UTC).
    const w = windowOf("2026-11-01T06:00:00Z", "America/New_York", { start: "01:45", end: "01:15" });
    expect(w).toEqual({ start: "2026-10-31T05:45:00.000Z", end: "2026-11-02T06:15:00.000Z" });
  });
});

const ZONES = ["America/New_York", "Europe/Paris", "Australia/Adelaide", "Asia/Kathmandu", "Asia/Kolkata", "AoE", "Australia/Lord_Howe", "Pacific/Chatham"];
const clockTime = fc.record({ h: fc.integer({ min: 0, max: 23 }), m: fc.constantFrom(0, 15, 30, 45, 59) }).map(
  ({ h, m }) => `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`,
);
const quietHours = fc
  .tuple(clockTime, clockTime)
  .filter(([s, e]) => s !== e)
  .map(([start, end]) => ({ start, end }));
/** 2026, with extra weight on the DST nights of the zones above. */
const instant = fc.oneof(
  fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }),
  fc
    .tuple(
      fc.constantFrom("2026-03-08T07:00Z", "2026-11-01T06:00Z", "2026-03-29T01:00Z", "2026-10-25T01:00Z", "2026-04-04T16:30Z", "2026-10-03T16:30Z"),
      fc.integer({ min: -36 * 3_600_000, max: 36 * 3_600_000 }),
    )
    .map(([iso, delta]) => Date.parse(iso) + delta),
);

function wallMinutes(zone: string, ms: number): number {
  const offset = resolveZone(zone)!.offset(ms);
  const d = new Date(ms + offset * 60_000);
  return d.getUTCHours() * 60 + d.getUTCMinutes();
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number) as [number, number];
  return h * 60 + m;
}

function readsInside(minute: number, q: { start: string; end: string }): boolean {
  const s = minutesOf(q.start);
  const e = minutesOf(q.end);
  return s < e ? s <= minute && minute < e : minute >= s || minute < e;
}

describe("quietWindowContaining properties", () => {
  it("returns a window that contains the instant and is no longer than the range plus a DST shift", () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), quietHours, instant, (zone, q, ms) => {
        const w = quietWindowContaining(new Date(ms), zone, q);
        if (w === null) return;
        expect(w.start.getTime()).toBeLessThanOrEqual(ms);
        expect(ms).toBeLessThan(w.end.getTime());
        const wallLength = (minutesOf(q.end) - minutesOf(q.start) + 1440) % 1440;
        const length = (w.end.getTime() - w.start.getTime()) / 60_000;
        // Near-24 h ranges may merge with the next night on a DST day; otherwise one DST shift at most.
        if (wallLength < 1440 - 180) expect(Math.abs(length - wallLength)).toBeLessThanOrEqual(60);
      }),
      { numRuns: 400 },
    );
  });

  it("calls every instant whose wall clock reads inside the range quiet", () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), quietHours, instant, (zone, q, ms) => {
        if (readsInside(wallMinutes(zone, ms), q)) expect(quietWindowContaining(new Date(ms), zone, q)).not.toBeNull();
      }),
      { numRuns: 400 },
    );
  });

  it("agrees exactly with the wall-clock reading in zones without DST (Kolkata, Kathmandu, AoE)", () => {
    fc.assert(
      fc.property(fc.constantFrom("Asia/Kolkata", "Asia/Kathmandu", "AoE"), quietHours, instant, (zone, q, ms) => {
        const quiet = quietWindowContaining(new Date(ms), zone, q) !== null;
        expect(quiet).toBe(readsInside(wallMinutes(zone, ms), q));
      }),
      { numRuns: 300 },
    );
  });
});

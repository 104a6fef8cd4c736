import { describe, expect, it } from "vitest";
import { DEFAULT_LADDER, parseLadder } from "../../src/deadlines/parseLadder.ts";

const H = 3_600_000;
const D = 24 * H;
const M = 60_000;

function refusal(text: string): string {
  const parsed = parseLadder(text);
  if (parsed.ok) throw new Error(`expected a refusal, got ${JSON.stringify(parsed.value)}`);
  return parsed.error;
}

describe("parseLadder", () => {
  it("reads the default 7d,72h,24h,6h,1h as offsets in ms, earliest reminder first", () => {
    expect(parseLadder(DEFAULT_LADDER)).toEqual({ ok: true, value: [7 * D, 72 * H, 24 * H, 6 * H, 1 * H] });
  });

  it("reads combined units like 1d12h and 2h30m, and minutes alone", () => {
    expect(parseLadder("1d12h,2h30m,90m,1d2h3m")).toEqual({ ok: true, value: [36 * H, 26 * H + 3 * M, 2 * H + 30 * M, 90 * M] });
  });

  it("sorts steps given in any order and drops duplicates such as 72h and 3d", () => {
    expect(parseLadder("1h, 3d ,72h,24H")).toEqual({ ok: true, value: [72 * H, 24 * H, 1 * H] });
  });

  it("accepts 365d, the longest allowed step", () => {
    expect(parseLadder("365d")).toEqual({ ok: true, value: [365 * D] });
  });

  it("refuses an empty ladder and shows an example", () => {
    expect(refusal("  ")).toBe("the reminder ladder is empty: list when to remind before the deadline, e.g. 7d,72h,24h,6h,1h");
  });

  it("refuses an empty step between commas", () => {
    expect(refusal("24h,,1h")).toBe('"24h,,1h" has an empty step between commas: remove the extra comma, e.g. 7d,72h,24h,6h,1h');
  });

  it("refuses 0h, naming the step: a reminder at the deadline is too late", () => {
    expect(refusal("24h,0h")).toBe('"0h" is zero: a reminder at the deadline itself comes too late; use at least 1m');
    expect(refusal("0d0h")).toContain('"0d0h" is zero');
  });

  it("refuses -3d, naming the step and suggesting 3d", () => {
    expect(refusal("-3d,1h")).toBe('"-3d" is negative: steps already count back from the deadline, so write 3d');
  });

  it("refuses junk such as 1.5h, 2 days, 1h1d (units out of order) and 12, naming each", () => {
    for (const junk of ["1.5h", "2 days", "1h1d", "12", "h"]) {
      expect(refusal(`24h,${junk}`)).toBe(`"${junk}" is not a reminder step: write a duration with units d, h and m, like 24h, 90m or 1d12h`);
    }
  });

  it("refuses 366d: more than 365 days before the deadline", () => {
    expect(refusal("366d")).toBe('"366d" is more than 365 days before the deadline: use 365d or less');
    expect(refusal("8761h")).toContain('"8761h" is more than 365 days');
  });

  it("refuses an eleventh distinct step, naming it", () => {
    expect(refusal("10h,9h,8h,7h,6h,5h,4h,3h,2h,1h,30m")).toBe(
      '"30m" is step 11 of the ladder, but at most 10 reminders are allowed: drop some steps',
    );
  });

  it("counts steps after removing duplicates: ten distinct steps plus a repeat are fine", () => {
    const parsed = parseLadder("10h,9h,8h,7h,6h,5h,4h,3h,2h,1h,60m");
    expect(parsed.ok && parsed.value.length).toBe(10);
  });
});

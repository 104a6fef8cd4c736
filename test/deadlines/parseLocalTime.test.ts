import { describe, expect, it } from "vitest";
import { parseLocalTime } from "../../src/deadlines/parseLocalTime.ts";

function instant(date: string, time: string, zone: string): string {
  const parsed = parseLocalTime(date, time, zone);
  if (!parsed.ok) throw new Error(`expected ok, got: ${parsed.error}`);
  return parsed.value.toISOString();
}

function refusal(date: string, time: string, zone: string): string {
  const parsed = parseLocalTime(date, time, zone);
  if (parsed.ok) throw new Error(`expected a refusal, got ${parsed.value.toISOString()}`);
  return parsed.error;
}

describe("parseLocalTime: ordinary input", () => {
  it("reads 17:30 on 2026-06-15 in Europe/Paris as 15:30 UTC (summer time, +02:00)", () => {
    expect(instant("2026-06-15", "17:30", "Europe/Paris")).toBe("2026-06-15T15:30:00.000Z");
  });

  it("reads 17:30 on 2026-01-15 in Europe/Paris as 16:30 UTC (winter time, +01:00)", () => {
    expect(instant("2026-01-15", "17:30", "Europe/Paris")).toBe("2026-01-15T16:30:00.000Z");
  });

  it("accepts a one-digit hour, since people type 9:00 in chat", () => {
    expect(instant("2026-01-15", "9:00", "UTC")).toBe("2026-01-15T09:00:00.000Z");
  });

  it("accepts 2028-02-29: 2028 is a leap year", () => {
    expect(instant("2028-02-29", "12:00", "UTC")).toBe("2028-02-29T12:00:00.000Z");
  });

  it("accepts 00:00 and 23:59, the ends of the day", () => {
    expect(instant("2026-05-01", "00:00", "UTC")).toBe("2026-05-01T00:00:00.000Z");
    expect(instant("2026-05-01", "23:59", "UTC")).toBe("2026-05-01T23:59:00.000Z");
  });
});

describe("parseLocalTime: user mistakes", () => {
  it("refuses 2026-02-30: February 2026 has 28 days", () => {
    expect(refusal("2026-02-30", "12:00", "UTC")).toBe("2026-02-30 is not a date: February 2026 has 28 days");
  });

  it("refuses 2026-02-29: 2026 is not a leap year", () => {
    expect(refusal("2026-02-29", "12:00", "UTC")).toBe("2026-02-29 is not a date: February 2026 has 28 days");
  });

  it("refuses 2026-04-31: April has 30 days", () => {
    expect(refusal("2026-04-31", "12:00", "UTC")).toBe("2026-04-31 is not a date: April 2026 has 30 days");
  });

  it("refuses month 13 and day 00, saying which part is out of range", () => {
    expect(refusal("2026-13-01", "12:00", "UTC")).toBe("2026-13-01 is not a date: months go from 01 to 12");
    expect(refusal("2026-05-00", "12:00", "UTC")).toBe("2026-05-00 is not a date: days start at 01");
  });

  it("refuses a date not written as YYYY-MM-DD and shows the expected format", () => {
    expect(refusal("08/03/2026", "12:00", "UTC")).toBe('"08/03/2026" is not a date: write it as YYYY-MM-DD, e.g. 2026-03-08');
  });

  it("refuses 25:00: not a time of day", () => {
    expect(refusal("2026-05-01", "25:00", "UTC")).toBe("25:00 is not a time of day: use HH:mm from 00:00 to 23:59");
  });

  it("refuses 12:60: minutes stop at 59", () => {
    expect(refusal("2026-05-01", "12:60", "UTC")).toBe("12:60 is not a time of day: use HH:mm from 00:00 to 23:59");
  });

  it("refuses 24:00 and suggests 23:59 or midnight of the next day", () => {
    expect(refusal("2026-05-01", "24:00", "UTC")).toContain("write 23:59, or 00:00 of the next day");
  });

  it("refuses 5pm and shows the HH:mm format", () => {
    expect(refusal("2026-05-01", "5pm", "UTC")).toBe(
      '"5pm" is not a time: write HH:mm on a 24-hour clock, e.g. 17:30, optionally followed by a UTC offset, e.g. 01:30-05:00',
    );
  });

  it("refuses an offset beyond +14:00", () => {
    expect(refusal("2026-05-01", "12:00+15:00", "UTC")).toContain("is not a UTC offset");
  });

  it("returns an error, not an exception, for an unknown zone", () => {
    expect(refusal("2026-05-01", "12:00", "Mars/Olympus_Mons")).toBe(
      '"Mars/Olympus_Mons" is not a time zone I know: use an IANA name such as Europe/Paris or America/New_York, or AoE',
    );
  });
});

describe("parseLocalTime: America/New_York (EST −05:00 / EDT −04:00)", () => {
  it("refuses 02:30 on 2026-03-08 in America/New_York: that time does not exist (clocks jump from 02:00 to 03:00)", () => {
    expect(refusal("2026-03-08", "02:30", "America/New_York")).toBe(
      "02:30 does not exist on 2026-03-08 in America/New_York: clocks jump from 02:00 to 03:00, so pick a time before 02:00 or from 03:00 on",
    );
  });

  it("refuses 02:00 on 2026-03-08 too: the gap starts exactly at 02:00", () => {
    expect(refusal("2026-03-08", "02:00", "America/New_York")).toContain("does not exist");
  });

  it("refuses 02:30-05:00 on 2026-03-08: an offset does not make a skipped reading exist", () => {
    expect(refusal("2026-03-08", "02:30-05:00", "America/New_York")).toContain("does not exist");
  });

  it("reads 01:59 and 03:00 on 2026-03-08 on either side of the jump (06:59 and 07:00 UTC)", () => {
    expect(instant("2026-03-08", "01:59", "America/New_York")).toBe("2026-03-08T06:59:00.000Z");
    expect(instant("2026-03-08", "03:00", "America/New_York")).toBe("2026-03-08T07:00:00.000Z");
  });

  it("refuses 01:30 on 2026-11-01 in America/New_York as ambiguous: it happens twice (EDT, then EST)", () => {
    expect(refusal("2026-11-01", "01:30", "America/New_York")).toBe(
      "01:30 on 2026-11-01 in America/New_York happens twice; write 01:30-04:00 (EDT) or 01:30-05:00 (EST)",
    );
  });

  it("reads 01:30-04:00 on 2026-11-01 as the first pass (05:30 UTC) and 01:30-05:00 as the second (06:30 UTC)", () => {
    expect(instant("2026-11-01", "01:30-04:00", "America/New_York")).toBe("2026-11-01T05:30:00.000Z");
    expect(instant("2026-11-01", "01:30-05:00", "America/New_York")).toBe("2026-11-01T06:30:00.000Z");
  });

  it("refuses 01:30-06:00 on 2026-11-01: neither of the two offsets in force at that reading", () => {
    expect(refusal("2026-11-01", "01:30-06:00", "America/New_York")).toBe(
      "01:30-06:00 does not match America/New_York on 2026-11-01: 01:30 happens twice there; write 01:30-04:00 (EDT) or 01:30-05:00 (EST)",
    );
  });

  it("reads 00:59 and 02:00 on 2026-11-01 unambiguously: only 01:00-01:59 repeats", () => {
    expect(instant("2026-11-01", "00:59", "America/New_York")).toBe("2026-11-01T04:59:00.000Z");
    expect(instant("2026-11-01", "02:00", "America/New_York")).toBe("2026-11-01T07:00:00.000Z");
  });

  it("accepts a matching offset on an unambiguous time and refuses a wrong one, naming the right offset", () => {
    expect(instant("2026-07-04", "12:00-04:00", "America/New_York")).toBe("2026-07-04T16:00:00.000Z");
    expect(refusal("2026-07-04", "12:00-05:00", "America/New_York")).toBe(
      "12:00-05:00 does not match America/New_York on 2026-07-04: the offset there at 12:00 is -04:00 (EDT); write 12:00 or 12:00-04:00",
    );
  });
});

describe("parseLocalTime: Europe/Paris (CET +01:00 / CEST +02:00)", () => {
  it("refuses 02:30 on 2026-03-29 in Europe/Paris: clocks jump from 02:00 to 03:00", () => {
    expect(refusal("2026-03-29", "02:30", "Europe/Paris")).toBe(
      "02:30 does not exist on 2026-03-29 in Europe/Paris: clocks jump from 02:00 to 03:00, so pick a time before 02:00 or from 03:00 on",
    );
  });

  it("refuses 02:30 on 2026-10-25 in Europe/Paris as ambiguous, naming the passes since ICU has no letter abbreviation", () => {
    expect(refusal("2026-10-25", "02:30", "Europe/Paris")).toBe(
      "02:30 on 2026-10-25 in Europe/Paris happens twice; write 02:30+02:00 (the first time) or 02:30+01:00 (the second time)",
    );
  });

  it("reads 02:30+02:00 and 02:30+01:00 on 2026-10-25 an hour apart (00:30 and 01:30 UTC)", () => {
    expect(instant("2026-10-25", "02:30+02:00", "Europe/Paris")).toBe("2026-10-25T00:30:00.000Z");
    expect(instant("2026-10-25", "02:30+01:00", "Europe/Paris")).toBe("2026-10-25T01:30:00.000Z");
  });
});

describe("parseLocalTime: Australia/Adelaide (ACST +09:30 / ACDT +10:30, DST in the southern summer)", () => {
  it("reads noon on 2026-01-15 (summer) at +10:30 and on 2026-07-15 (winter) at +09:30", () => {
    expect(instant("2026-01-15", "12:00", "Australia/Adelaide")).toBe("2026-01-15T01:30:00.000Z");
    expect(instant("2026-07-15", "12:00", "Australia/Adelaide")).toBe("2026-07-15T02:30:00.000Z");
  });

  it("refuses 02:30 on 2026-04-05 in Australia/Adelaide as ambiguous: clocks go back from 03:00 to 02:00", () => {
    expect(refusal("2026-04-05", "02:30", "Australia/Adelaide")).toBe(
      "02:30 on 2026-04-05 in Australia/Adelaide happens twice; write 02:30+10:30 (the first time) or 02:30+09:30 (the second time)",
    );
    expect(instant("2026-04-05", "02:30+10:30", "Australia/Adelaide")).toBe("2026-04-04T16:00:00.000Z");
    expect(instant("2026-04-05", "02:30+09:30", "Australia/Adelaide")).toBe("2026-04-04T17:00:00.000Z");
  });

  it("refuses 02:30 on 2026-10-04 in Australia/Adelaide: clocks jump from 02:00 to 03:00", () => {
    expect(refusal("2026-10-04", "02:30", "Australia/Adelaide")).toBe(
      "02:30 does not exist on 2026-10-04 in Australia/Adelaide: clocks jump from 02:00 to 03:00, so pick a time before 02:00 or from 03:00 on",
    );
  });
});

describe("parseLocalTime: half- and quarter-hour zones without DST", () => {
  it("reads 09:00 in Asia/Kathmandu as 03:15 UTC (+05:45)", () => {
    expect(instant("2026-03-08", "09:00", "Asia/Kathmandu")).toBe("2026-03-08T03:15:00.000Z");
  });

  it("accepts 09:00+05:45 in Asia/Kathmandu and refuses 09:00+05:30, naming +05:45", () => {
    expect(instant("2026-03-08", "09:00+05:45", "Asia/Kathmandu")).toBe("2026-03-08T03:15:00.000Z");
    expect(refusal("2026-03-08", "09:00+05:30", "Asia/Kathmandu")).toBe(
      "09:00+05:30 does not match Asia/Kathmandu on 2026-03-08: the offset there at 09:00 is +05:45; write 09:00 or 09:00+05:45",
    );
  });

  it("reads 09:00 in Asia/Kolkata as 03:30 UTC (+05:30) in both March and November", () => {
    expect(instant("2026-03-29", "09:00", "Asia/Kolkata")).toBe("2026-03-29T03:30:00.000Z");
    expect(instant("2026-11-01", "09:00", "Asia/Kolkata")).toBe("2026-11-01T03:30:00.000Z");
  });
});

describe("parseLocalTime: AoE (Anywhere on Earth, UTC−12)", () => {
  it("reads 23:59 AoE on 2026-05-01 as 11:59 UTC on 2026-05-02: the day has ended everywhere", () => {
    expect(instant("2026-05-01", "23:59", "AoE")).toBe("2026-05-02T11:59:00.000Z");
  });

  it("accepts aoe in any case and has no DST: 2026-03-08 02:30 exists", () => {
    expect(instant("2026-03-08", "02:30", "aoe")).toBe("2026-03-08T14:30:00.000Z");
  });

  it("accepts the offset -12:00 with AoE and refuses -11:00", () => {
    expect(instant("2026-05-01", "23:59-12:00", "AoE")).toBe("2026-05-02T11:59:00.000Z");
    expect(refusal("2026-05-01", "23:59-11:00", "AoE")).toContain("the offset there at 23:59 is -12:00");
  });
});

import { describe, expect, it } from "vitest";
import { formatDuration, formatTimeLeft } from "../../src/deadlines/formatDuration.ts";
import { DEFAULT_SHORT_NOTICE_MS, formatNotice, isShortNotice, noticeGiven, noticeReport, type NoticeRecord } from "../../src/deadlines/notice.ts";

const M = 60_000;
const H = 60 * M;
const D = 24 * H;
const now = new Date("2026-06-30T12:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);

function record(announcedAgo: number, noticeMs: number, extra: Partial<NoticeRecord> = {}): NoticeRecord {
  const announcedAt = ago(announcedAgo);
  return { announcedAt, deadlineAt: new Date(announcedAt.getTime() + noticeMs), moves: 0, cancelled: false, ...extra };
}

describe("formatDuration and formatTimeLeft", () => {
  it("formats with at most two units, rounding down", () => {
    expect(formatDuration(18 * H)).toBe("18 h");
    expect(formatDuration(3 * D + 4 * H + 59 * M)).toBe("3 d 4 h");
    expect(formatDuration(2 * D)).toBe("2 d");
    expect(formatDuration(2 * H + 5 * M)).toBe("2 h 5 min");
    expect(formatDuration(45 * M + 59_999)).toBe("45 min");
    expect(formatDuration(59_999)).toBe("less than 1 min");
  });

  it("throws on a negative duration: callers compare instants first", () => {
    expect(() => formatDuration(-1)).toThrow(RangeError);
  });

  it("says how long is left, or how long ago the moment passed", () => {
    expect(formatTimeLeft(now, new Date(now.getTime() + 2 * D + 3 * H))).toBe("2 d 3 h left");
    expect(formatTimeLeft(now, new Date(now.getTime() + 30_000))).toBe("less than 1 min left");
    expect(formatTimeLeft(now, now)).toBe("passed just now");
    expect(formatTimeLeft(now, ago(3 * H))).toBe("passed 3 h ago");
  });
});

describe("notice", () => {
  it("measures notice from announcement to deadline", () => {
    expect(noticeGiven(new Date("2026-06-01T00:00:00Z"), new Date("2026-06-03T06:00:00Z"))).toBe(2 * D + 6 * H);
  });

  it("counts less than 72 h as short notice by default, and exactly 72 h as enough", () => {
    expect(DEFAULT_SHORT_NOTICE_MS).toBe(72 * H);
    expect(isShortNotice(72 * H - 1, DEFAULT_SHORT_NOTICE_MS)).toBe(true);
    expect(isShortNotice(72 * H, DEFAULT_SHORT_NOTICE_MS)).toBe(false);
  });

  it("formats notice like 18 h, 3 d 4 h, 45 min, and says no notice when announced at or after the deadline", () => {
    expect(formatNotice(18 * H)).toBe("18 h");
    expect(formatNotice(3 * D + 4 * H)).toBe("3 d 4 h");
    expect(formatNotice(45 * M)).toBe("45 min");
    expect(formatNotice(0)).toBe("no notice");
    expect(formatNotice(-H)).toBe("no notice");
  });
});

describe("noticeReport", () => {
  it("reports nothing to measure when no deadline was announced in the last 90 days", () => {
    expect(noticeReport([record(91 * D, 5 * D)], now, DEFAULT_SHORT_NOTICE_MS)).toEqual({
      count: 0,
      medianNoticeMs: null,
      shortNoticeCount: 0,
      shortNoticeShare: null,
      movedCount: 0,
      cancelledCount: 0,
    });
  });

  it("takes the median and short-notice share of deadlines announced in the last 90 days", () => {
    const report = noticeReport([record(1 * D, 1 * D), record(10 * D, 2 * D), record(20 * D, 7 * D), record(89 * D, 10 * D, { moves: 2 })], now, DEFAULT_SHORT_NOTICE_MS);
    expect(report).toEqual({ count: 4, medianNoticeMs: 4.5 * D, shortNoticeCount: 2, shortNoticeShare: 0.5, movedCount: 1, cancelledCount: 0 });
  });

  it("selects by announcement date: a deadline announced 100 days ago that fell due yesterday is out, one announced at now is in", () => {
    const report = noticeReport([record(100 * D, 99 * D), record(0, 3 * H)], now, DEFAULT_SHORT_NOTICE_MS);
    expect(report.count).toBe(1);
    expect(report.medianNoticeMs).toBe(3 * H);
  });

  it("ignores announcements scheduled after now", () => {
    expect(noticeReport([record(-D, 5 * D)], now, DEFAULT_SHORT_NOTICE_MS).count).toBe(0);
  });

  it("leaves cancelled deadlines out of the notice figures but counts them", () => {
    const report = noticeReport([record(D, H, { cancelled: true }), record(2 * D, 5 * D)], now, DEFAULT_SHORT_NOTICE_MS);
    expect(report).toMatchObject({ count: 1, medianNoticeMs: 5 * D, shortNoticeShare: 0, cancelledCount: 1 });
  });

  it("uses the threshold it is given", () => {
    expect(noticeReport([record(D, 5 * D)], now, 7 * D).shortNoticeShare).toBe(1);
  });
});

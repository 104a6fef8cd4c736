import { formatDuration } from "./formatDuration.ts";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Less than three days between announcement and deadline counts as short notice. */
export const DEFAULT_SHORT_NOTICE_MS = 72 * HOUR_MS;
/** The report looks back this far, by announcement date. */
export const NOTICE_REPORT_WINDOW_MS = 90 * DAY_MS;

/** How long members had between the announcement and the deadline; negative if announced after it. */
export function noticeGiven(announcedAt: Date, deadlineAt: Date): number {
  return deadlineAt.getTime() - announcedAt.getTime();
}

/** Strictly less than the threshold: exactly 72 h of notice is not short. */
export function isShortNotice(noticeMs: number, thresholdMs: number): boolean {
  return noticeMs < thresholdMs;
}

/** "3 d 4 h", "18 h", "45 min"; "no notice" when the deadline was announced at or after it. */
export function formatNotice(noticeMs: number): string {
  return noticeMs <= 0 ? "no notice" : formatDuration(noticeMs);
}

export type NoticeRecord = { announcedAt: Date; deadlineAt: Date; moves: number; cancelled: boolean };

export type NoticeReport = {
  /** Deadlines announced in the window and not cancelled: the ones the notice figures describe. */
  count: number;
  /** null when count is 0. Even counts take the mean of the two middle values. */
  medianNoticeMs: number | null;
  shortNoticeCount: number;
  /** shortNoticeCount / count, 0..1; null when count is 0. */
  shortNoticeShare: number | null;
  /** Of the counted deadlines, how many were moved at least once. */
  movedCount: number;
  /** Announced in the window but cancelled; not part of the notice figures, since they never fell due. */
  cancelledCount: number;
};

/**
 * Notice statistics for `/deadline report`: deadlines announced in the last 90 days up to `now`
 * (announcedAt in (now − 90 d, now]). Notice is measured from announcedAt to deadlineAt as given,
 * so callers decide whether a moved deadline counts from its first announcement or its last move.
 */
export function noticeReport(deadlines: NoticeRecord[], now: Date, thresholdMs: number): NoticeReport {
  const until = now.getTime();
  const since = until - NOTICE_REPORT_WINDOW_MS;
  const inWindow = deadlines.filter((d) => d.announcedAt.getTime() > since && d.announcedAt.getTime() <= until);
  const counted = inWindow.filter((d) => !d.cancelled);
  const notices = counted.map((d) => noticeGiven(d.announcedAt, d.deadlineAt)).sort((a, b) => a - b);
  const shortNoticeCount = notices.filter((ms) => isShortNotice(ms, thresholdMs)).length;
  return {
    count: counted.length,
    medianNoticeMs: median(notices),
    shortNoticeCount,
    shortNoticeShare: counted.length === 0 ? null : shortNoticeCount / counted.length,
    movedCount: counted.filter((d) => d.moves > 0).length,
    cancelledCount: inWindow.length - counted.length,
  };
}

function median(sorted: number[]): number | null {
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] as number;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] as number) + upper) / 2;
}

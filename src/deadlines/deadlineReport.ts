import type { Deadline, Network, Store } from "../store.ts";
import { thresholdMs } from "../deadlineRegistry.ts";
import { currentNotice, type CurrentNotice } from "./currentNotice.ts";
import { noticeGiven, noticeReport, type NoticeReport } from "./notice.ts";

export type DeadlineReportRow = {
  deadline: Deadline;
  /** Counted from the current date's announcement. */
  notice: CurrentNotice;
  /** What the first announcement gave, for deadlines that were moved since. */
  firstNoticeMs: number;
};

/** The transparency report: every deadline ever announced, cancelled ones too, and the 90-day figures. */
export async function deadlineReport(store: Store, network: Network, now: Date): Promise<{ rows: DeadlineReportRow[]; summary: NoticeReport }> {
  const rows: DeadlineReportRow[] = [];
  for (const d of await store.listDeadlines(network.id, { includeCancelled: true })) {
    rows.push({ deadline: d, notice: await currentNotice(store, network, d), firstNoticeMs: noticeGiven(d.announcedAt, d.dueAt) });
  }
  const summary = noticeReport(
    rows.map((r) => ({ announcedAt: r.notice.since, deadlineAt: r.deadline.dueAt, moves: r.notice.moves, cancelled: r.deadline.cancelledAt !== null })),
    now,
    thresholdMs(network),
  );
  return { rows, summary };
}

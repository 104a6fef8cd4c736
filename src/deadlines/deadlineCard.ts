// The key facts of a deadline as a Card (Slack fields, Discord embed, lines on text-only platforms): one builder
// for announcements, posts and reminders, so every platform shows the same facts.
import { deadlineId, thresholdMs } from "../deadlineRegistry.ts";
import { localInstant, type Card } from "../message.ts";
import type { Deadline, Network } from "../store.ts";
import { formatDuration } from "./formatDuration.ts";
import { formatNotice, isShortNotice, noticeGiven } from "./notice.ts";

/** `zone`: the reader's (a DM), or the deadline's own (a channel post, where the platform may localise).
 *  `leftMs`: the time left as the message states it (a reminder says its planned lead), else due minus now. */
export function deadlineCard(d: Pick<Deadline, "number" | "title" | "dueAt" | "announcedAt" | "link">, network: Network, zone: string, now: Date, leftMs?: number): Card {
  const left = leftMs ?? d.dueAt.getTime() - now.getTime();
  const notice = noticeGiven(d.announcedAt, d.dueAt);
  const short = isShortNotice(notice, thresholdMs(network));
  return {
    title: [`${deadlineId(d)} ${d.title}`],
    fields: [
      { label: "Due", value: [localInstant(d.dueAt, zone)] },
      { label: "Time left", value: [left > 0 ? formatDuration(left) : "none: it has passed"] },
      { label: "Notice given", value: [formatNotice(notice)] },
    ],
    ...(short ? { flag: `Short notice: less than ${network.shortNoticeHours} h` } : {}),
    ...(d.link ? { url: d.link } : {}),
  };
}

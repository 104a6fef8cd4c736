import { thresholdMs } from "../deadlineRegistry.ts";
import type { Deadline, Network, Store } from "../store.ts";
import { isShortNotice, noticeGiven } from "./notice.ts";

export type CurrentNotice = {
  /** When the date as it stands was announced: the last move, or the announcement. */
  since: Date;
  ms: number;
  /** Under the network's short-notice threshold. */
  short: boolean;
  moves: number;
};

/** Notice counts from when the current date was announced: moving a deadline closer cannot hide short notice. */
export async function currentNotice(store: Store, network: Network, d: Deadline): Promise<CurrentNotice> {
  const moves = (await store.deadlineEvents(d.id)).filter((e) => e.kind === "moved");
  const since = moves.at(-1)?.at ?? d.announcedAt;
  const ms = noticeGiven(since, d.dueAt);
  return { since, ms, short: isShortNotice(ms, thresholdMs(network)), moves: moves.length };
}

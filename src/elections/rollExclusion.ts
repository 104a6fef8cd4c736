import type { Deadline, Store } from "../store.ts";
import { electionLabel } from "./electionFlow.ts";

/**
 * Why a member gets no reminders for an election's voting deadline, or null when they may vote: the roll froze
 * when nominations closed and they are not on it (they joined later). Until it freezes everyone on the roster
 * will be on it, so nobody is excluded yet.
 */
export async function rollExclusion(store: Store, d: Pick<Deadline, "electionId" | "electionPhase">, memberId: string): Promise<string | null> {
  if (!d.electionId || d.electionPhase !== "voting") return null;
  const e = await store.elections.get(d.electionId);
  if (!e || (e.status !== "voting" && e.status !== "closed")) return null;
  if ((await store.elections.roll(e.id)).includes(memberId)) return null;
  return `You are not on the roll of ${electionLabel(e)}: it froze when nominations closed, before you joined, so you cannot vote in it and get no reminders for it.`;
}

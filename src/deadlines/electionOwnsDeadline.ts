import { err, ok, type Result } from "../result.ts";
import type { Deadline, Store } from "../store.ts";

/**
 * An election's phase dates are deadlines only so members are told and reminded: the election owns them. Moving
 * or cancelling one would announce dates the election does not keep, so the registry refuses and says what does
 * change an election. `doing` completes the refusal ("moved", "cancelled").
 */
export async function electionOwnsDeadline(store: Store, d: Pick<Deadline, "number" | "electionId" | "electionPhase">, doing: string): Promise<Result<true>> {
  if (!d.electionId) return ok(true);
  const e = await store.elections.get(d.electionId);
  const label = e ? `E${e.number}` : "its election";
  const what = d.electionPhase === "nominations" ? "nominations close" : "voting closes";
  return err(
    `D${d.number} is when ${label}'s ${what}: the election owns that date, frozen in its rules when it opened, so it cannot be ${doing} with /deadline. ` +
      `/election show ${label} shows the rules; to hold the vote on other dates, create a new election with /election create.`,
  );
}

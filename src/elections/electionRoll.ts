import { nameKey } from "../nameKey.ts";
import { err, ok, type Result } from "../result.ts";
import type { Member, Store } from "../store.ts";
import { electionLabel } from "./electionFlow.ts";
import type { Election } from "./electionStore.ts";

/** `frozen`: the roll of record (fixed when nominations closed); otherwise who would be on it if they closed now. */
export type ElectionRoll = { frozen: boolean; names: string[] };

/** Who may vote, by name: shown to the constituency (its roster) and to organisers, never who has voted. */
export async function electionRoll(store: Store, e: Election, viewer: Pick<Member, "id" | "isOrganiser">): Promise<Result<ElectionRoll>> {
  if (!viewer.isOrganiser && !(await store.membership(e.constituencyId, viewer.id))) {
    const c = await store.getConstituency(e.constituencyId);
    return err(`The roll of ${electionLabel(e)} is shown to ${c?.name ?? "its constituency"}'s roster and to organisers; you are on neither.`);
  }
  const frozen = e.status === "voting" || e.status === "closed";
  const names = frozen
    ? await Promise.all((await store.elections.roll(e.id)).map(async (id) => (await store.getMember(id))?.displayName ?? "a former member"))
    : (await store.roster(e.constituencyId)).map((r) => r.member.displayName);
  return ok({ frozen, names: names.sort((a, b) => nameKey(a).localeCompare(nameKey(b)) || a.localeCompare(b)) });
}

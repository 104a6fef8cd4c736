import { err, ok, type Result } from "../result.ts";
import type { Member, Store } from "../store.ts";
import type { Election } from "./electionStore.ts";

/** Only members on the constituency's roster take part. `you` words the refusal for the member acting. */
export async function requireRoster(store: Store, e: Election, member: Pick<Member, "id" | "displayName">, you: boolean, doing: string): Promise<Result<true>> {
  if (await store.membership(e.constituencyId, member.id)) return ok(true);
  const c = await store.getConstituency(e.constituencyId);
  const roster = c?.name ?? "this constituency";
  return err(you ? `You are not on the roster of ${roster}, so you cannot ${doing} in E${e.number}.` : `${member.displayName} is not on the roster of ${roster}, so they cannot ${doing} in E${e.number}.`);
}

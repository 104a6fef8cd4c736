import type { Delivery } from "../platformPort.ts";
import type { Constituency, Member, Store } from "../store.ts";
import { electionPosts } from "./announceToRoll.ts";
import { electionLabel, logEvent } from "./electionFlow.ts";
import { frozenCandidateIds } from "./electionRules.ts";
import type { Election } from "./electionStore.ts";
import { withdrawCandidate } from "./withdrawCandidate.ts";

/** The constituency's elections that are open (nominations or voting). */
async function openElectionsOf(store: Store, c: Constituency): Promise<Election[]> {
  return (await store.elections.list(c.networkId)).filter((e) => e.constituencyId === c.id && (e.status === "nominations" || e.status === "voting"));
}

/** A member joined: while nominations are open the roster is the roll to be, so the join is in the audit chain. */
export async function electionRosterJoin(store: Store, c: Constituency, m: Pick<Member, "displayName">, now: Date): Promise<void> {
  for (const e of await openElectionsOf(store, c)) {
    if (e.status === "nominations") await logEvent(store, e, "roster-joined", now, { member: m.displayName, constituency: c.name });
  }
}

/**
 * A member left: logged while the roll is still to freeze; a nominee or candidate is withdrawn (announced, logged,
 * struck off in the count) until the close; a mandate they hold from this constituency ends.
 */
export async function electionRosterLeave(store: Store, c: Constituency, m: Pick<Member, "id" | "displayName">, now: Date): Promise<Delivery[]> {
  const deliveries: Delivery[] = [];
  for (const e of await openElectionsOf(store, c)) {
    if (e.status === "nominations") await logEvent(store, e, "roster-left", now, { member: m.displayName, constituency: c.name });
    const n = (await store.elections.nominations(e.id)).find((x) => x.memberId === m.id);
    const candidate = e.status === "voting" ? frozenCandidateIds(e.rules).includes(m.id) : n?.status === "pending" || n?.status === "accepted";
    if (!candidate || n?.status === "withdrawn") continue;
    const w = await withdrawCandidate(store, { election: e, member: m, reason: "left" }, now);
    // A refusal means the election moved on (closed a moment ago): nothing left to withdraw from.
    if (w.ok) deliveries.push(...w.value.deliveries);
  }
  for (const electionId of await store.elections.endMandates(c.id, m.id, now)) {
    const e = await store.elections.get(electionId);
    if (e) deliveries.push(...await electionPosts(store, e, [[`🗳️ ${m.displayName} left ${c.name}, so their mandate from ${electionLabel(e)} ${e.title} has ended (/mandate ${m.displayName}).`]]));
  }
  return deliveries;
}

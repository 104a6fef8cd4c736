import { assertNever } from "../assertNever.ts";
import type { Deadline, Network, Store } from "../store.ts";

/** Whose deadlines: a member's own (network-wide ones and their constituencies'), a constituency's, or all. */
export type DeadlineScope = { kind: "member"; memberId: string } | { kind: "constituency"; constituencyId: string } | { kind: "all" };

/** The deadlines in scope still ahead at `now` and not cancelled, soonest first. */
export async function upcomingDeadlines(store: Store, network: Network, scope: DeadlineScope, now: Date): Promise<Deadline[]> {
  const ahead = await store.listDeadlines(network.id, { from: now });
  switch (scope.kind) {
    case "all":
      return ahead;
    case "constituency":
      return ahead.filter((d) => d.constituencyId === scope.constituencyId);
    case "member": {
      const mine = new Set<string>();
      for (const c of await store.listConstituencies(network.id)) if (await store.membership(c.id, scope.memberId)) mine.add(c.id);
      return ahead.filter((d) => d.constituencyId === null || mine.has(d.constituencyId));
    }
    default:
      return assertNever(scope, "deadline scope");
  }
}

import type { ChannelRef } from "../message.ts";
import { err, ok, type Result } from "../result.ts";
import type { Member, Network, Store } from "../store.ts";

/** Who acts on the registry, where and when: what every deadline operation needs besides its own input. */
export type Acting = { store: Store; network: Network; member: Member; now: Date; channel: ChannelRef };

/** Organisers may change any deadline; coordinators those of their own constituency. `doing` completes the refusal. */
export async function mayChangeDeadline(acting: Acting, constituencyId: string | null, doing: string): Promise<Result<true>> {
  if (acting.member.isOrganiser) return ok(true);
  if (constituencyId && (await acting.store.membership(constituencyId, acting.member.id)) === "coordinator") return ok(true);
  return err(`Only network organisers${constituencyId ? " and the constituency's coordinators" : ""} can ${doing}.`);
}

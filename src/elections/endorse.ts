import type { Delivery } from "../platformPort.ts";
import { err, ok, type Result } from "../result.ts";
import type { Member, Store } from "../store.ts";
import { electionLabel, logEvent } from "./electionFlow.ts";
import type { Election } from "./electionStore.ts";
import { requireRoster } from "./requireRoster.ts";

export type EndorseInput = { election: Election; by: Member; candidate: Member };
export type Endorsed = { candidate: Member; count: number; needed: number; deliveries: Delivery[] };

/** A roster member endorses another's nomination, once per nominee, where the election asks for endorsements. */
export async function endorse(store: Store, input: EndorseInput, now: Date): Promise<Result<Endorsed>> {
  const { election: e, by, candidate } = input;
  if (e.endorsementsNeeded === 0) return err(`${electionLabel(e)} needs no endorsements: accepted nominees stand as they are.`);
  if (e.status !== "nominations" || now >= e.nominationsCloseAt) return err(`Endorsements for ${electionLabel(e)} are closed.`);
  const me = await requireRoster(store, e, by, true, "endorse");
  if (!me.ok) return me;
  const n = (await store.elections.nominations(e.id)).find((x) => x.memberId === candidate.id);
  if (!n || n.status === "declined") return err(`${candidate.displayName} is not a nominee in ${electionLabel(e)}.`);
  if (candidate.id === by.id) return err("You cannot endorse yourself: endorsements come from other members.");
  if ((await store.elections.addEndorsement(e.id, candidate.id, by.id, now)) === "exists") return err(`You have already endorsed ${candidate.displayName}.`);
  await logEvent(store, e, "endorsed", now, { candidate: candidate.displayName, by: by.displayName });
  const count = new Set((await store.elections.endorsements(e.id)).filter((x) => x.candidateId === candidate.id).map((x) => x.endorserId)).size;
  return ok({ candidate, count, needed: e.endorsementsNeeded, deliveries: [] });
}

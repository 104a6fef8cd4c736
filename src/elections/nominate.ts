import { localInstant, PUBLIC_DM } from "../message.ts";
import type { Delivery } from "../platformPort.ts";
import { err, ok, type Result } from "../result.ts";
import type { Member, Store } from "../store.ts";
import { electionPosts } from "./announceToRoll.ts";
import { electionLabel, logEvent } from "./electionFlow.ts";
import type { Election, NominationStatus } from "./electionStore.ts";
import { requireRoster } from "./requireRoster.ts";

export type NominateInput = { election: Election; by: Member; nominee: Member };
/** `self`: a self-nomination counts as accepted; anyone else is asked (DM with Accept/Decline buttons). */
export type Nominated = { nominee: Member; self: boolean; status: NominationStatus; deliveries: Delivery[] };

/** Nominates a roster member (or oneself) while nominations are open. */
export async function nominate(store: Store, input: NominateInput, now: Date): Promise<Result<Nominated>> {
  const { election: e, by, nominee } = input;
  if (e.status !== "nominations" || now >= e.nominationsCloseAt) {
    return err(`Nominations for ${electionLabel(e)} are ${e.status === "draft" ? "not open yet" : "closed"}.`);
  }
  const me = await requireRoster(store, e, by, true, "nominate");
  if (!me.ok) return me;
  const them = await requireRoster(store, e, nominee, false, "stand");
  if (!them.ok) return them;
  const self = nominee.id === by.id;
  const status = self ? "accepted" : "pending";
  const added = await store.elections.addNomination(e.id, { memberId: nominee.id, nominatedById: by.id, status, at: now });
  if (added === "exists") return err(`${nominee.displayName} is already nominated in ${electionLabel(e)} (/election show ${electionLabel(e)}).`);
  await logEvent(store, e, "nominated", now, { candidate: nominee.displayName, by: by.displayName, self });
  if (self) await logEvent(store, e, "accepted", now, { candidate: nominee.displayName });
  const deliveries = await electionPosts(store, e, [[`🗳️ ${electionLabel(e)}: ${by.displayName} nominated ${self ? "themselves" : nominee.displayName}${self ? "" : " (awaiting acceptance)"}.`]]);
  const to = self ? null : await store.recipient(nominee.id);
  if (to) {
    deliveries.push({
      kind: "dm",
      to,
      message: {
        text: [
          [`🗳️ ${by.displayName} nominated you in ${electionLabel(e)} ${e.title}. Do you accept?`],
          [`Reply /nomination accept ${electionLabel(e)} or /nomination decline ${electionLabel(e)}, before `, localInstant(e.nominationsCloseAt, to.zone), "."],
        ],
        components: [
          { kind: "button", actionId: "nomination:accept", label: "Accept", value: electionLabel(e), style: "primary" },
          { kind: "button", actionId: "nomination:decline", label: "Decline", value: electionLabel(e), style: "danger" },
        ],
      },
      // The nomination is posted in the election's channel anyway; the buttons answer for whoever presses them.
      fallback: PUBLIC_DM,
    });
  }
  return ok({ nominee, self, status, deliveries });
}

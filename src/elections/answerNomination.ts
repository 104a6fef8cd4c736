import type { Delivery } from "../platformPort.ts";
import { err, ok, type Result } from "../result.ts";
import type { Member, Store } from "../store.ts";
import { electionPosts } from "./announceToRoll.ts";
import { electionLabel, logEvent } from "./electionFlow.ts";
import type { Election } from "./electionStore.ts";

export type NominationDecision = "accept" | "decline";
export type AnswerNominationInput = { election: Election; member: Member; decision: NominationDecision };
export type NominationAnswered = { status: "accepted" | "declined"; endorsementsNeeded: number; deliveries: Delivery[] };

/** The nominee accepts or declines (changing their mind is allowed while nominations are open). */
export async function answerNomination(store: Store, input: AnswerNominationInput, now: Date): Promise<Result<NominationAnswered>> {
  const { election: e, member } = input;
  if (e.status !== "nominations" || now >= e.nominationsCloseAt) return err(`Nominations for ${electionLabel(e)} are closed.`);
  const mine = (await store.elections.nominations(e.id)).find((n) => n.memberId === member.id);
  if (!mine) return err(`Nobody has nominated you in ${electionLabel(e)}.`);
  const status = input.decision === "accept" ? "accepted" : "declined";
  if (mine.status === status) return err(`You have already ${status} your nomination in ${electionLabel(e)}.`);
  await store.elections.setNominationStatus(e.id, member.id, status);
  await logEvent(store, e, status, now, { candidate: member.displayName });
  const deliveries = await electionPosts(store, e, [[`🗳️ ${electionLabel(e)}: ${member.displayName} ${status} their nomination.`]]);
  return ok({ status, endorsementsNeeded: e.endorsementsNeeded, deliveries });
}

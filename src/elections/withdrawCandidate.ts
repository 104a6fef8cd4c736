import { assertNever } from "../assertNever.ts";
import type { Delivery } from "../platformPort.ts";
import { err, ok, type Result } from "../result.ts";
import type { Member, Store } from "../store.ts";
import { announceToRoll, electionPosts } from "./announceToRoll.ts";
import { electionLabel, frozenCandidates, logEvent } from "./electionFlow.ts";
import { ELECTION_METHODS } from "./electionMethod.ts";
import { frozenCandidateIds } from "./electionRules.ts";
import type { Election } from "./electionStore.ts";

/** `withdrew`: /nomination withdraw. `left`: the candidate left the constituency, which withdraws them. */
export type WithdrawalReason = "withdrew" | "left";
export type WithdrawInput = { election: Election; member: Pick<Member, "id" | "displayName">; reason: WithdrawalReason };
/** `nominations`: they no longer stand. `voting`: the count strikes them off every ballot. */
export type CandidateWithdrawn = { election: Election; phase: "nominations" | "voting"; deliveries: Delivery[] };

/**
 * A nominee or candidate withdraws, up to the close. Before voting they simply no longer stand; during voting they
 * stay on the frozen list marked withdrawn (as BLT does), the roll is told, and the count passes their votes on.
 * Logged in the audit chain either way.
 */
export async function withdrawCandidate(store: Store, input: WithdrawInput, now: Date): Promise<Result<CandidateWithdrawn>> {
  // Under the election's lock, so a withdrawal and the close (or the start of voting) never interleave.
  await store.elections.lock(input.election.id);
  const e = await store.elections.get(input.election.id);
  if (!e) throw new Error(`election ${input.election.id} vanished`);
  const { member, reason } = input;
  const label = electionLabel(e);
  const you = reason === "withdrew";
  const constituency = (await store.getConstituency(e.constituencyId))?.name ?? "the constituency";
  const nomination = (await store.elections.nominations(e.id)).find((n) => n.memberId === member.id);
  switch (e.status) {
    case "draft":
      return err(`${label} has not opened yet: there is nothing to withdraw from.`);
    case "closed":
      return err(`${label} has closed: withdrawal is possible only until the close. /election results ${label} shows the count.`);
    case "nominations": {
      if (!nomination || nomination.status === "declined") return err(you ? `You are not a nominee in ${label}.` : `${member.displayName} is not a nominee in ${label}.`);
      if (nomination.status === "withdrawn") return err(`You have already withdrawn from ${label}.`);
      await store.elections.setNominationStatus(e.id, member.id, "withdrawn");
      await logEvent(store, e, "withdrawn", now, { candidate: member.displayName, reason: reasonText(reason, constituency), phase: "nominations" });
      const text = `🗳️ ${label}: ${member.displayName} ${you ? "withdrew their nomination" : `left ${constituency}, so their nomination is withdrawn`}; they will not stand.`;
      return ok({ election: e, phase: "nominations", deliveries: await electionPosts(store, e, [[text]]) });
    }
    case "voting": {
      if (now >= e.votingCloseAt) return err(`Voting in ${label} has closed: withdrawal is possible only until the close.`);
      if (!frozenCandidateIds(e.rules).includes(member.id)) return err(you ? `You are not a candidate in ${label}.` : `${member.displayName} is not a candidate in ${label}.`);
      if (!nomination) throw new Error(`candidate ${member.id} of election ${e.id} has no nomination`);
      if (nomination.status === "withdrawn") return err(`You have already withdrawn from ${label}.`);
      await store.elections.setNominationStatus(e.id, member.id, "withdrawn");
      // Under the name on the ballot, frozen when voting opened: the one voters know them by.
      const name = (await frozenCandidates(store, e)).find((c) => c.memberId === member.id)?.name ?? member.displayName;
      await logEvent(store, e, "withdrawn", now, { candidate: name, reason: reasonText(reason, constituency), phase: "voting" });
      const passOn = ELECTION_METHODS[e.method].ranked
        ? `Ballots are counted as if ${name} were not on them: each ballot's next choice counts instead.`
        : `Approvals of ${name} are not counted; a ballot's other approvals still are.`;
      const why = you ? "has withdrawn" : `left ${constituency} and so is withdrawn`;
      const roll = await store.elections.roll(e.id);
      const deliveries = await announceToRoll(store, e, roll, () => [
        [`🗳️ ${label} ${e.title}: ${name} ${why}. ${passOn}`],
        [`The published ballots (/election ballots ${label}, after the close) mark them withdrawn, so a recount does the same. You may change your ballot until the close.`],
      ]);
      return ok({ election: e, phase: "voting", deliveries });
    }
    default:
      return assertNever(e.status, "election status");
  }
}

function reasonText(reason: WithdrawalReason, constituency: string): string {
  switch (reason) {
    case "withdrew":
      return "withdrew";
    case "left":
      return `left ${constituency}`;
    default:
      return assertNever(reason, "withdrawal reason");
  }
}

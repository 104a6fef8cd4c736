import type { Member, Store } from "../store.ts";
import type { Election } from "./electionStore.ts";

/** What the rules at open promise about visibility, in plain words; each clause is what the code below enforces. */
export const WHO_SEES_WHAT =
  "Who sees what, and when: ballot contents: nobody, ever, with the voter's name (not organisers, not coordinators, not Caucus's operators through the bot). " +
  "Turnout (how many have voted, never who): organisers and the constituency's coordinators, live; everyone at the close. " +
  "The roll (who may vote, by name): the constituency, with /election roll. " +
  "Results: everyone, at the close, round by round; no running tally is shown to anyone before it.";

/** Ballot publication, declared at open so voters know what the export will reveal. */
export const BALLOTS_PUBLISHED =
  "Ballots: published in full after the close (/election ballots), anonymised and in random order, so anyone can recount. " +
  "A ranking nobody else casts can be recognised by someone who knows it, so the result and the export say how many ballots are unique.";

/** Live turnout: organisers and the constituency's coordinators only (see WHO_SEES_WHAT). */
export async function mayWatchTurnout(store: Store, e: Pick<Election, "constituencyId">, member: Pick<Member, "id" | "isOrganiser">): Promise<boolean> {
  if (member.isOrganiser) return true;
  return (await store.membership(e.constituencyId, member.id)) === "coordinator";
}

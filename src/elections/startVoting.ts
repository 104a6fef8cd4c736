import { localInstant as local, type Inline } from "../message.ts";
import type { Delivery } from "../platformPort.ts";
import { err, ok, type Result } from "../result.ts";
import type { Store } from "../store.ts";
import { announceToRoll } from "./announceToRoll.ts";
import { sha256 } from "./auditChain.ts";
import { closeElection, type ClosedElection } from "./closeElection.ts";
import { declaredRules, electionLabel, freezeCandidates, headLine, logEvent, standingCandidates } from "./electionFlow.ts";
import { ELECTION_METHODS } from "./electionMethod.ts";
import type { Election } from "./electionStore.ts";

export type VotingStarted = {
  election: Election;
  /** Standing candidates' frozen names, in ballot (nomination) order. */
  candidates: string[];
  rollSize: number;
  rollHash: string;
  /** Set when nobody stood: the election closed at once. */
  closed: ClosedElection | null;
  deliveries: Delivery[];
};

/**
 * Nominations close: the roll is frozen and published (size and hash), candidates fixed, the seed committed.
 * Run by the phase scheduler inside a transaction; conditional, so with several instances exactly one does it.
 */
export async function startVoting(store: Store, e: Election, now: Date): Promise<Result<VotingStarted>> {
  if (e.status !== "nominations") return err(`${electionLabel(e)} is not taking nominations (${e.status}).`);
  const constituency = await store.getConstituency(e.constituencyId);
  // The roll is the roster at the nominations date: members who joined later (while the bot was down) are left out.
  const roster = (await store.roster(e.constituencyId)).filter((r) => r.joinedAt <= e.nominationsCloseAt);
  const rollIds = roster.map((r) => r.member.id);
  // Who stands, under which names, in which order: frozen now, and used by every count, result and export after.
  const candidates = await freezeCandidates(store, await standingCandidates(store, e, new Set(rollIds)));
  const recipients = await store.recipientsOf(rollIds);
  const identities = rollIds.map((id) => {
    const rec = recipients.get(id);
    return rec ? `${rec.platform}:${rec.workspaceId}:${rec.userId}` : `member:${id}`;
  });
  const rollHash = sha256(identities.sort().join("\n"));
  const rules = { ...(e.rules ?? declaredRules(e)), candidates };
  if (!(await store.elections.transition(e.id, "nominations", { status: "voting", votingOpenedAt: e.nominationsCloseAt, rollSize: roster.length, rollHash, rules }))) {
    return err(`${electionLabel(e)}'s voting was opened a moment ago by another instance.`);
  }
  await store.elections.setRoll(e.id, rollIds);
  const names = candidates.map((c) => c.name);
  const opened: Election = { ...e, status: "voting", votingOpenedAt: e.nominationsCloseAt, rules, rollSize: roster.length, rollHash };
  const head = await logEvent(store, opened, "voting-opened", now, { rollSize: roster.length, rollHash, seedHash: e.seedHash, candidates: names });
  const started = { election: opened, candidates: names, rollSize: roster.length, rollHash };
  if (candidates.length === 0) {
    const closed = await closeElection(store, opened, now);
    if (!closed.ok) throw new Error(`election ${e.id} left voting between opening and closing it: ${closed.error}`);
    return ok({ ...started, closed: closed.value, deliveries: closed.value.deliveries });
  }
  const lookalikes = candidates.filter((c) => c.name !== c.displayName).map((c) => c.name);
  const how = ELECTION_METHODS[e.method].ranked
    ? `Rank them: /vote ${electionLabel(e)} <first choice> <second choice> ... (as many as you like).`
    : `Approve any number: /vote ${electionLabel(e)} <candidate> [<candidate> ...].`;
  const text = (zone: string): Inline[][] => [
    [`🗳️ Voting is open for ${electionLabel(e)} ${e.title} (${constituency?.name ?? "constituency"}), until `, local(e.votingCloseAt, zone), "."],
    [`Candidates: ${names.join(", ")}.`],
    ...(lookalikes.length ? [[`Numbered because their names look alike: ${lookalikes.join(", ")}. Vote for them by number (/vote ${electionLabel(e)} "${lookalikes[0]}") or by mention.`]] : []),
    [how, " Voting again replaces your ballot until the close."],
    [`Roll: ${roster.length} members (SHA-256 ${rollHash.slice(0, 16)}…). Tie-break seed committed: SHA-256 ${e.seedHash}.`],
    [headLine(head)],
  ];
  return ok({ ...started, closed: null, deliveries: await announceToRoll(store, opened, rollIds, text, [
      // Opens the ballot form where the platform has forms (commands/vote.ts onAction); the text says how to type it.
      { kind: "button", actionId: "vote:ballot", label: "Vote", value: electionLabel(e), style: "primary" },
    ]),
  });
}

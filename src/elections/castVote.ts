import type { Random } from "../command.ts";
import type { Delivery } from "../platformPort.ts";
import { err, ok, type Result } from "../result.ts";
import type { Member, MemberRef, Store } from "../store.ts";
import { sha256 } from "./auditChain.ts";
import { electionLabel, frozenCandidates, logEvent, newReceipt, voterKey, withdrawnCandidates } from "./electionFlow.ts";
import { findCandidate } from "./findCandidate.ts";
import { ELECTION_METHODS } from "./electionMethod.ts";
import type { Election } from "./electionStore.ts";

/** The voter's choices in order, each a candidate's name or a mention. */
export type CastVoteInput = { election: Election; voter: Member; choices: readonly MemberRef[] };
export type VoteCast = {
  election: Election;
  outcome: "cast" | "replaced";
  /** The candidates' names in the voter's order (preference order for ranked methods). */
  ballot: string[];
  ranked: boolean;
  /** Shown to the voter only; the log keeps its SHA-256. */
  receipt: string;
  deliveries: Delivery[];
};

/** Casts or replaces the voter's ballot while voting is open; one ballot per member on the roll. */
export async function castVote(store: Store, input: CastVoteInput, now: Date, random: Random): Promise<Result<VoteCast>> {
  // Serialise with other votes and with the close: read the election again under its lock, so no ballot
  // lands after the count and one ballot per member holds even when the same member votes twice at once.
  await store.elections.lock(input.election.id);
  const e = await store.elections.get(input.election.id);
  if (!e) throw new Error(`election ${input.election.id} vanished`);
  if (e.status !== "voting" || now >= e.votingCloseAt) {
    return err(e.status === "closed" || now >= e.votingCloseAt ? `Voting in ${electionLabel(e)} has closed.` : `Voting in ${electionLabel(e)} has not opened yet: it opens when nominations close.`);
  }
  if (!(await store.elections.roll(e.id)).includes(input.voter.id)) {
    return err(`You are not on the roll of ${electionLabel(e)}: the roll is the constituency's roster when nominations closed.`);
  }
  const candidates = await frozenCandidates(store, e);
  const nameOf = new Map(candidates.map((c) => [c.memberId, c.name]));
  const gone = await withdrawnCandidates(store, e);
  const standing = candidates.filter((c) => !gone.has(c.memberId)).map((c) => c.name);
  const list = standing.length ? standing.join(", ") : "none (every candidate has withdrawn)";
  if (!input.choices.length) return err(`Name at least one candidate, like /vote ${electionLabel(e)} ${standing[0] ?? "<candidate>"}. Candidates: ${list}.`);
  const picked: string[] = [];
  for (const choice of input.choices) {
    let found: string | undefined;
    let said: string;
    if (choice.kind === "mention") {
      // A mention is a member id: matched to the frozen candidate with that id, whatever either is called now.
      const m = (await store.findMember(e.networkId, choice))[0];
      found = m && nameOf.has(m.id) ? m.id : undefined;
      said = m?.displayName ?? "the member you mentioned";
    } else {
      const match = findCandidate(candidates, choice.name);
      if (match.kind === "ambiguous") {
        return err(`"${choice.name}" looks like ${match.among.length} candidates whose names look alike: ${match.among.map((c) => c.name).join(", ")}. Type the name with its number, or mention the one you mean with @.`);
      }
      found = match.kind === "found" ? match.candidate.memberId : undefined;
      said = choice.name;
    }
    if (!found) return err(`"${said}" is not a candidate in ${electionLabel(e)}. Candidates: ${list}.`);
    if (gone.has(found)) return err(`${nameOf.get(found)} has withdrawn from ${electionLabel(e)}: leave them out. Candidates: ${list}.`);
    if (picked.includes(found)) return err(`${nameOf.get(found)} appears twice on your ballot: name each candidate once.`);
    picked.push(found);
  }
  // More choices than candidates cannot pass: one of them is a non-candidate or a repeat, each named above.
  if (!e.ballotKey) throw new Error(`election ${e.id} is voting without a ballot key`);
  const receipt = newReceipt(random);
  const outcome = await store.elections.castBallot(e.id, voterKey(e.ballotKey, input.voter.id), picked);
  // The log records that a ballot was cast, as the receipt's hash only: never who, never how.
  await logEvent(store, e, outcome === "cast" ? "vote-cast" : "vote-replaced", now, { receiptHash: sha256(receipt) });
  return ok({ election: e, outcome, ballot: picked.map((p) => nameOf.get(p)!), ranked: ELECTION_METHODS[e.method].ranked, receipt, deliveries: [] });
}

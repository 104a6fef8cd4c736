import type { Random } from "../command.ts";
import type { Delivery } from "../platformPort.ts";
import { err, ok, type Result } from "../result.ts";
import type { Member, MemberRef, Store } from "../store.ts";
import { ballotKeyOf, newReceipt, parseReceipt, receiptLogHash } from "./ballotSecret.ts";
import { electionLabel, frozenCandidates, logEvent, withdrawnCandidates } from "./electionFlow.ts";
import { findCandidate } from "./findCandidate.ts";
import { ELECTION_METHODS } from "./electionMethod.ts";
import type { Election } from "./electionStore.ts";

/** A candidate as typed (a name or a mention), or picked from a ballot form (the candidate's member id). */
export type BallotChoice = MemberRef | { kind: "candidate"; memberId: string };
/** The voter's choices in order; to replace a ballot, its receipt. */
export type CastVoteInput = { election: Election; voter: Member; choices: readonly BallotChoice[]; receipt?: string | undefined };
/** Why a vote was refused, and which part of the ballot to fix: the choice at `index`, or the receipt. */
export type VoteRefusal = { message: string; about?: { kind: "choice"; index: number } | { kind: "receipt" } };
export type VoteCast = {
  election: Election;
  outcome: "cast" | "replaced";
  /** The candidates' names in the voter's order (preference order for ranked methods). */
  ballot: string[];
  ranked: boolean;
  /** Shown to the voter only, never stored: the log keeps its SHA-256, the ballot another hash of it. */
  receipt: string;
  deliveries: Delivery[];
};

/**
 * Casts the voter's ballot while voting is open, one per member on the roll; a revote presents the receipt.
 * Nothing stored links the two rows written here (who voted; the ballot under a hash of the receipt).
 */
export async function castVote(store: Store, input: CastVoteInput, now: Date, random: Random): Promise<Result<VoteCast>> {
  const r = await castVoteOrRefuse(store, input, now, random);
  return r.ok ? r : err(r.error.message);
}

/** Why `voter` cannot vote in `e` at `now` at all (whatever their choices), or null: voting is open and they are on the roll. */
export async function votingRefusal(store: Store, e: Election, voter: Member, now: Date): Promise<string | null> {
  if (e.status !== "voting" || now >= e.votingCloseAt) {
    return e.status === "closed" || now >= e.votingCloseAt ? `Voting in ${electionLabel(e)} has closed.` : `Voting in ${electionLabel(e)} has not opened yet: it opens when nominations close.`;
  }
  if (!(await store.elections.roll(e.id)).includes(voter.id)) {
    return `You are not on the roll of ${electionLabel(e)}: the roll is the constituency's roster when nominations closed.`;
  }
  return null;
}

/** castVote, with the refusal saying which choice (or the receipt) is wrong, so a ballot form can mark that field. */
export async function castVoteOrRefuse(store: Store, input: CastVoteInput, now: Date, random: Random): Promise<Result<VoteCast, VoteRefusal>> {
  const refuse = (message: string, about?: VoteRefusal["about"]) => err<VoteRefusal>(about ? { message, about } : { message });
  const onChoice = (index: number) => ({ kind: "choice" as const, index });
  const onReceipt = { kind: "receipt" as const };
  // Serialise with other votes and with the close: read the election again under its lock, so no ballot
  // lands after the count and one ballot per member holds even when the same member votes twice at once.
  await store.elections.lock(input.election.id);
  const e = await store.elections.get(input.election.id);
  if (!e) throw new Error(`election ${input.election.id} vanished`);
  const closed = await votingRefusal(store, e, input.voter, now);
  if (closed) return refuse(closed);
  const candidates = await frozenCandidates(store, e);
  const nameOf = new Map(candidates.map((c) => [c.memberId, c.name]));
  const gone = await withdrawnCandidates(store, e);
  const standing = candidates.filter((c) => !gone.has(c.memberId)).map((c) => c.name);
  const list = standing.length ? standing.join(", ") : "none (every candidate has withdrawn)";
  if (!input.choices.length) return refuse(`Name at least one candidate, like /vote ${electionLabel(e)} ${standing[0] ?? "<candidate>"}. Candidates: ${list}.`);
  const picked: string[] = [];
  for (const [index, choice] of input.choices.entries()) {
    let found: string | undefined;
    let said: string;
    if (choice.kind === "candidate") {
      found = nameOf.has(choice.memberId) ? choice.memberId : undefined;
      said = "That choice";
    } else if (choice.kind === "mention") {
      // A mention is a member id: matched to the frozen candidate with that id, whatever either is called now.
      const m = (await store.findMember(e.networkId, choice))[0];
      found = m && nameOf.has(m.id) ? m.id : undefined;
      said = m?.displayName ?? "the member you mentioned";
    } else {
      const match = findCandidate(candidates, choice.name);
      if (match.kind === "ambiguous") {
        return refuse(`"${choice.name}" looks like ${match.among.length} candidates whose names look alike: ${match.among.map((c) => c.name).join(", ")}. Type the name with its number, or mention the one you mean with @.`, onChoice(index));
      }
      found = match.kind === "found" ? match.candidate.memberId : undefined;
      said = choice.name;
    }
    if (!found) return refuse(`${choice.kind === "candidate" ? said : `"${said}"`} is not a candidate in ${electionLabel(e)}. Candidates: ${list}.`, onChoice(index));
    if (gone.has(found)) return refuse(`${nameOf.get(found)} has withdrawn from ${electionLabel(e)}: leave them out. Candidates: ${list}.`, onChoice(index));
    if (picked.includes(found)) return refuse(`${nameOf.get(found)} appears twice on your ballot: name each candidate once.`, onChoice(index));
    picked.push(found);
  }
  // More choices than candidates cannot pass: one of them is a non-candidate or a repeat, each named above.
  const voted = await store.elections.hasVoted(e.id, input.voter.id);
  const example = `/vote ${electionLabel(e)} ${input.choices.length ? "<your candidates>" : "<candidates>"} receipt XXXX-XXXX-XXXX-XXXX`;
  if (!voted) {
    if (input.receipt !== undefined) return refuse(`You have not voted in ${electionLabel(e)} yet, so there is no ballot to replace: vote without a receipt.`, onReceipt);
    const receipt = newReceipt(random);
    await store.elections.castBallot(e.id, input.voter.id, ballotKeyOf(e.id, receipt), picked);
    return ok(await logged(store, e, "cast", picked, nameOf, receipt, now));
  }
  if (input.receipt === undefined) {
    return refuse(
      `You have already voted in ${electionLabel(e)}. To replace your ballot, add the receipt you were shown: ${example}. ` +
        "Caucus keeps no link from you to your ballot, so only the receipt can find it.",
      onReceipt,
    );
  }
  const receipt = parseReceipt(input.receipt);
  if (!receipt) return refuse(`"${input.receipt}" is not a receipt: it is 16 letters and digits in groups of four, like ${example.split(" receipt ")[1]}.`, onReceipt);
  if (!(await store.elections.replaceBallot(e.id, ballotKeyOf(e.id, receipt), picked))) {
    return refuse(`No ballot in ${electionLabel(e)} has receipt ${receipt}: check it against the one shown when you voted.`, onReceipt);
  }
  return ok(await logged(store, e, "replaced", picked, nameOf, receipt, now));
}

async function logged(store: Store, e: Election, outcome: VoteCast["outcome"], picked: string[], names: ReadonlyMap<string, string>, receipt: string, now: Date): Promise<VoteCast> {
  // The log records that a ballot was cast, as the receipt's hash only: never who, never how.
  await logEvent(store, e, outcome === "cast" ? "vote-cast" : "vote-replaced", now, { receiptHash: receiptLogHash(receipt) });
  return { election: e, outcome, ballot: picked.map((p) => names.get(p)!), ranked: ELECTION_METHODS[e.method].ranked, receipt, deliveries: [] };
}

import type { Random } from "../command.ts";
import type { Delivery } from "../platformPort.ts";
import { err, ok, type Result } from "../result.ts";
import type { Member, MemberRef, Store } from "../store.ts";
import { ballotKeyOf, newReceipt, parseReceipt, receiptLogHash } from "./ballotSecret.ts";
import { electionLabel, frozenCandidates, logEvent, withdrawnCandidates } from "./electionFlow.ts";
import { findCandidate } from "./findCandidate.ts";
import { ELECTION_METHODS } from "./electionMethod.ts";
import type { Election } from "./electionStore.ts";

/** The voter's choices in order, each a candidate's name or a mention; to replace a ballot, its receipt. */
export type CastVoteInput = { election: Election; voter: Member; choices: readonly MemberRef[]; receipt?: string | undefined };
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
  const voted = await store.elections.hasVoted(e.id, input.voter.id);
  const example = `/vote ${electionLabel(e)} ${input.choices.length ? "<your candidates>" : "<candidates>"} receipt XXXX-XXXX-XXXX-XXXX`;
  if (!voted) {
    if (input.receipt !== undefined) return err(`You have not voted in ${electionLabel(e)} yet, so there is no ballot to replace: vote without a receipt.`);
    const receipt = newReceipt(random);
    await store.elections.castBallot(e.id, input.voter.id, ballotKeyOf(e.id, receipt), picked);
    return ok(await logged(store, e, "cast", picked, nameOf, receipt, now));
  }
  if (input.receipt === undefined) {
    return err(
      `You have already voted in ${electionLabel(e)}. To replace your ballot, add the receipt you were shown: ${example}. ` +
        "Caucus keeps no link from you to your ballot, so only the receipt can find it.",
    );
  }
  const receipt = parseReceipt(input.receipt);
  if (!receipt) return err(`"${input.receipt}" is not a receipt: it is 16 letters and digits in groups of four, like ${example.split(" receipt ")[1]}.`);
  if (!(await store.elections.replaceBallot(e.id, ballotKeyOf(e.id, receipt), picked))) {
    return err(`No ballot in ${electionLabel(e)} has receipt ${receipt}: check it against the one shown when you voted.`);
  }
  return ok(await logged(store, e, "replaced", picked, nameOf, receipt, now));
}

async function logged(store: Store, e: Election, outcome: VoteCast["outcome"], picked: string[], names: ReadonlyMap<string, string>, receipt: string, now: Date): Promise<VoteCast> {
  // The log records that a ballot was cast, as the receipt's hash only: never who, never how.
  await logEvent(store, e, outcome === "cast" ? "vote-cast" : "vote-replaced", now, { receiptHash: receiptLogHash(receipt) });
  return { election: e, outcome, ballot: picked.map((p) => names.get(p)!), ranked: ELECTION_METHODS[e.method].ranked, receipt, deliveries: [] };
}

// The persistence port for elections, in domain terms.
import type { ChannelRef } from "../message.ts";
import type { LogEntry } from "./auditChain.ts";
import type { ElectionRules } from "./electionRules.ts";
import type { ElectionMethod } from "./electionMethod.ts";

export type ElectionStatus = "draft" | "nominations" | "voting" | "closed";
export type Election = {
  id: string;
  networkId: string;
  number: number;
  constituencyId: string;
  title: string;
  seats: number;
  method: ElectionMethod;
  endorsementsNeeded: number;
  nominationsCloseAt: Date;
  votingCloseAt: Date;
  zone: string;
  status: ElectionStatus;
  rules: ElectionRules | null;
  createdById: string;
  createdAt: Date;
  openedAt: Date | null;
  votingOpenedAt: Date | null;
  closedAt: Date | null;
  seed: string | null;
  seedHash: string | null;
  rollSize: number | null;
  rollHash: string | null;
  result: unknown;
  channel: ChannelRef | null;
};
/** `withdrawn`: the nominee withdrew, or left the constituency, before the close; during voting the count strikes
 *  them off every ballot as BLT's withdrawn candidates. */
export type NominationStatus = "pending" | "accepted" | "declined" | "withdrawn";
export const NOMINATION_STATUSES = ["pending", "accepted", "declined", "withdrawn"] as const satisfies readonly NominationStatus[];
export type Nomination = { memberId: string; nominatedById: string; status: NominationStatus; at: Date };
export type StoredBallot = { id: string; choices: string[] };
export type MandateView = {
  constituency: string;
  electionNumber: number;
  electionTitle: string;
  method: string;
  votes: string;
  round: number;
  electedAt: Date;
  seats: number;
  turnout: string;
  /** When the holder left the constituency and the mandate ended; null while it holds. */
  endedAt: Date | null;
};

export type ElectionPatch = Partial<
  Pick<Election, "status" | "rules" | "openedAt" | "votingOpenedAt" | "closedAt" | "seed" | "seedHash" | "rollSize" | "rollHash" | "result">
>;

export interface ElectionStore {
  create(input: Omit<Election, "id" | "number" | "status" | "rules" | "openedAt" | "votingOpenedAt" | "closedAt" | "seed" | "seedHash" | "rollSize" | "rollHash" | "result">): Promise<Election>;
  find(networkId: string, number: number): Promise<Election | null>;
  get(id: string): Promise<Election | null>;
  list(networkId: string): Promise<Election[]>;
  update(id: string, patch: ElectionPatch): Promise<Election>;
  /** Moves an election from one status to the next only if it is still in `from`; false if another instance did. */
  transition(id: string, from: ElectionStatus, patch: ElectionPatch & { status: ElectionStatus }): Promise<boolean>;
  /** Serialises writers of one election (votes, log appends) until the transaction ends. */
  lock(id: string): Promise<void>;
  nominations(electionId: string): Promise<Nomination[]>;
  addNomination(electionId: string, n: Nomination): Promise<"created" | "exists">;
  setNominationStatus(electionId: string, memberId: string, status: NominationStatus): Promise<void>;
  endorsements(electionId: string): Promise<{ candidateId: string; endorserId: string }[]>;
  addEndorsement(electionId: string, candidateId: string, endorserId: string, at: Date): Promise<"created" | "exists">;
  setRoll(electionId: string, memberIds: string[]): Promise<void>;
  roll(electionId: string): Promise<string[]>;
  /** Records that the member has voted and stores their ballot under `key` (a hash of their receipt): two rows
   *  with nothing in common, so no voter↔ballot link is stored. Throws if the member has voted already. */
  castBallot(electionId: string, memberId: string, key: string, choices: string[]): Promise<void>;
  /** Replaces the choices of the ballot stored under `key`; false when no ballot has that key. */
  replaceBallot(electionId: string, key: string, choices: string[]): Promise<boolean>;
  hasVoted(electionId: string, memberId: string): Promise<boolean>;
  /** Deletes the ballot stored under `key` (two linked accounts' ballots become one); false when none has it. */
  dropBallot(electionId: string, key: string): Promise<boolean>;
  /** Rewrites a candidate's member id on every ballot of the election (a candidate's accounts were linked). */
  renameCandidateOnBallots(electionId: string, from: string, to: string): Promise<void>;
  /** At close: forgets who voted, and rewrites the ballots as given (in this order), with fresh ids and no key. */
  sealBallots(electionId: string, ballots: string[][]): Promise<void>;
  /** At close: deletes the voting-phase reminders (and their outbox messages) of every roll member alike, so
   *  which of them were reminded, and when, no longer tells who had voted by then. */
  forgetVotingReminders(electionId: string): Promise<void>;
  ballotCount(electionId: string): Promise<number>;
  ballots(electionId: string): Promise<StoredBallot[]>;
  appendLog(electionId: string, entry: LogEntry): Promise<void>;
  log(electionId: string): Promise<LogEntry[]>;
  lastLog(electionId: string): Promise<LogEntry | null>;
  /** Elections whose current phase has ended at `now`. */
  dueTransitions(now: Date): Promise<Election[]>;
  /** The earliest phase date of elections still to change, leaving out `excluding` (elections waiting for a retry). */
  nextTransitionDue(excluding?: readonly string[]): Promise<Date | null>;
  addMandate(m: { memberId: string; constituencyId: string; electionId: string; votes: string; round: number; electedAt: Date }): Promise<void>;
  mandatesOf(memberId: string): Promise<MandateView[]>;
  /** Ends the member's current mandates from this constituency; returns the elections they came from. */
  endMandates(constituencyId: string, memberId: string, at: Date): Promise<string[]>;
}

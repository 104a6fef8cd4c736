import { checkElection } from "../tally/checkElection.ts";
import { tally } from "../tally/tally.ts";
import type { TallyResult } from "../tally/tallyResult.ts";
import { ok, type Result } from "../result.ts";
import type { Store } from "../store.ts";
import { ballotSetHash } from "./ballotSetHash.ts";
import { countInput, frozenCandidates } from "./electionFlow.ts";
import { ELECTION_METHODS } from "./electionMethod.ts";
import type { Election } from "./electionStore.ts";
import { uniqueBallots } from "./uniqueBallots.ts";

export type Count = {
  /** Candidate id → the name the count reports them by: the frozen name, in ballot order. */
  names: Map<string, string>;
  /** Stored ballots counted. */
  ballots: number;
  /** SHA-256 of the canonical ballot set (see ballotSetHash): what the log commits to at close. */
  ballotsHash: string;
  /** Ballots no other voter cast the same way (see uniqueBallots). */
  unique: number;
  /** Candidates still standing: withdrawn ones stay on the list, marked as BLT marks them. */
  standing: number;
  /**
   * The count; null when nobody stood or nobody voted (nobody is elected then). An error when the stored ballots
   * cannot be counted, which only a change made behind the bot's back can cause.
   */
  result: Result<TallyResult | null>;
};

/** Counts the stored ballots. The close and `/election audit` both call this, so a recount is the same count. */
export async function countElection(store: Store, e: Election): Promise<Count> {
  // The names and order frozen when voting opened: the draw by lot hashes names, so a rename since changes nothing.
  const candidates = await frozenCandidates(store, e);
  const names = new Map(candidates.map((c) => [c.memberId, c.name]));
  const input = await countInput(store, e, candidates);
  const ballots = input.ballots.length;
  const ballotsHash = ballotSetHash(input.ballots);
  const unique = uniqueBallots(input.ballots);
  const standing = candidates.length - (input.withdrawn?.length ?? 0);
  const base = { names, ballots, ballotsHash, unique, standing };
  // With no ballot nobody was chosen: a draw by lot among candidates is not the constituency's choice.
  if (!standing || !ballots) return { ...base, result: ok(null) };
  const engine = ELECTION_METHODS[e.method].engine;
  const checked = checkElection(input, engine);
  return { ...base, result: checked.ok ? ok(tally(checked.value, engine)) : checked };
}

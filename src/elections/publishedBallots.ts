import { err, ok, type Result } from "../result.ts";
import type { Store } from "../store.ts";
import type { Method } from "../tally/method.ts";
import { formatBlt } from "../tally/formatBlt.ts";
import { countInput, electionLabel, frozenCandidates } from "./electionFlow.ts";
import { ELECTION_METHODS } from "./electionMethod.ts";
import type { Election } from "./electionStore.ts";
import { uniqueBallots } from "./uniqueBallots.ts";

/** What anyone needs for an independent recount: the ballots in BLT, the engine's method, the revealed seed. */
export type PublishedBallots = { filename: string; blt: string; method: Method; seed: string; ballots: number; unique: number; withdrawn: string[] };

/** The anonymised ballots, in a seeded random order; only after the count, so nobody sees a running tally. */
export async function publishedBallots(store: Store, e: Election): Promise<Result<PublishedBallots>> {
  if (e.status !== "closed") return err(`Ballots of ${electionLabel(e)} are published only after the count, so nobody can see a running tally.`);
  // Names and order as frozen when voting opened, as the count used them: a recount of this file elects the same.
  const candidates = await frozenCandidates(store, e);
  if (!candidates.length) return err(`${electionLabel(e)} had no candidates, so there are no ballots.`);
  const input = await countInput(store, e, candidates);
  return ok({
    filename: `${electionLabel(e)}-ballots.blt`,
    blt: formatBlt(input),
    method: ELECTION_METHODS[e.method].engine,
    seed: e.seed ?? "",
    ballots: input.ballots.length,
    unique: uniqueBallots(input.ballots),
    withdrawn: (input.withdrawn ?? []).map((i) => input.candidates[i]!),
  });
}

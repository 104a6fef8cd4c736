import { localInstant as local, type Inline } from "../message.ts";
import type { Delivery } from "../platformPort.ts";
import { err, ok, type Result } from "../result.ts";
import type { Store } from "../store.ts";
import type { TallyResult } from "../tally/tallyResult.ts";
import { announceToRoll } from "./announceToRoll.ts";
import { resultHash } from "./ballotSetHash.ts";
import { countElection } from "./countElection.ts";
import { electionLabel, headLine, logEvent, mandateStrength, resultCard, resultText } from "./electionFlow.ts";
import { frozenCandidateIds } from "./electionRules.ts";
import type { Election } from "./electionStore.ts";

export type ClosedElection = {
  election: Election;
  /** The count; null when nobody stood or nobody voted (nobody is elected then). */
  result: TallyResult | null;
  elected: string[];
  ballots: number;
  roll: number;
  deliveries: Delivery[];
};

/**
 * Voting closes: seal the ballots (who voted is forgotten; ballots rewritten in canonical order, fresh ids, no
 * keys), count, publish round by round, record mandates, reveal the seed.
 * Run by the phase scheduler inside a transaction; a refusal means another instance closed it first.
 */
export async function closeElection(store: Store, stale: Election, now: Date): Promise<Result<ClosedElection>> {
  // Under the election's lock no vote can land between reading the ballots and closing.
  await store.elections.lock(stale.id);
  const e = await store.elections.get(stale.id);
  if (!e) throw new Error(`election ${stale.id} vanished`);
  if (e.status !== "voting") return err(`${electionLabel(e)} is not in its voting phase (${e.status}).`);
  const candidates = frozenCandidateIds(e.rules);
  const roll = await store.elections.roll(e.id);
  // Sorted by contents, the stored order says nothing about when each was cast; fresh ids and no keys leave
  // nothing that a receipt, the log or a voting-time copy of the table could match.
  const sealed = (await store.elections.ballots(e.id)).map((b) => b.choices).sort(compareBallots);
  await store.elections.sealBallots(e.id, sealed);
  await store.elections.forgetVotingReminders(e.id);
  const { names, ballots, ballotsHash, unique, standing, result: counted } = await countElection(store, e);
  // castVote stores only valid rankings of standing candidates, so an uncountable set here is a bug.
  if (!counted.ok) throw new Error(`election ${e.id}: stored ballots cannot be counted: ${counted.error}`);
  const result = counted.value;
  if (!(await store.elections.transition(e.id, "voting", { status: "closed", closedAt: now, result }))) {
    return err(`${electionLabel(e)} was closed a moment ago by another instance.`);
  }
  const closed: Election = { ...e, status: "closed", closedAt: now, result };
  // The log commits to the ballot set and (in "counted") to the result, so a later change to either shows in the audit.
  await logEvent(store, closed, "closed", now, { ballots, roll: roll.length, ballotsHash });
  const constituency = await store.getConstituency(e.constituencyId);
  const outcome = { election: closed, result, ballots, roll: roll.length };
  if (!result) {
    const why = !candidates.length ? "no candidates stood" : !standing ? "every candidate withdrew" : "no ballots were cast";
    const head = await logEvent(store, closed, "counted", now, { elected: [], seed: e.seed, note: why });
    const text = (zone: string): Inline[][] => [[`🗳️ ${electionLabel(e)} ${e.title} closed `, local(now, zone), `: ${why}, so nobody was elected.`], [headLine(head)]];
    return ok({ ...outcome, elected: [], deliveries: await announceToRoll(store, closed, roll, text) });
  }
  // The names frozen when voting opened, which the count (and its draw by lot) used.
  const byName = new Map([...names].map(([id, n]) => [n, id]));
  for (const name of result.elected) {
    const round = result.rounds.find((r) => r.actions.some((a) => a.type === "elected" && a.candidate === name));
    await store.elections.addMandate({
      memberId: byName.get(name)!,
      constituencyId: e.constituencyId,
      electionId: e.id,
      votes: mandateStrength(e, result, round?.votes.find((v) => v.name === name)?.votes ?? "0"),
      round: round?.round ?? 0,
      electedAt: now,
    });
  }
  const head = await logEvent(store, closed, "counted", now, { elected: result.elected, seed: e.seed, resultHash: resultHash(result) });
  const turnout = { ballots, roll: roll.length, unique };
  const text = (zone: string) => [
    ...resultText(closed, result, turnout, zone),
    [`Spokespeople for ${constituency?.name ?? "the constituency"}: /mandate <member> shows their mandate.`],
    [headLine(head)],
  ];
  return ok({ ...outcome, elected: result.elected, deliveries: await announceToRoll(store, closed, roll, text, (zone) => resultCard(closed, result, turnout, zone)) });
}

/** Canonical ballot order: by contents (candidate ids in order), so equal ballot sets are stored alike. */
export function compareBallots(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return a.length - b.length;
}

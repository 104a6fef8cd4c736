import type { Logger } from "../logger.ts";
import type { Scheduler } from "../scheduler.ts";
import { localInstant } from "../message.ts";
import type { Delivery } from "../platformPort.ts";
import type { Deadline, Store } from "../store.ts";
import { enqueueSends } from "../enqueueDeliveries.ts";
import { closeElection } from "./closeElection.ts";
import { electionLabel } from "./electionFlow.ts";
import type { Election } from "./electionStore.ts";
import { rollExclusion } from "./rollExclusion.ts";
import { startVoting } from "./startVoting.ts";

/** First retry a minute after a failure, doubling up to an hour. */
const RETRY_FIRST_MS = 60_000;
const RETRY_MAX_MS = 3_600_000;

/** Phase changes at their dates: nominations → voting → closed. Each is a conditional update, so with
 *  several instances exactly one performs it. Each runs in its own transaction, which also enqueues what it
 *  announces (keys `election:<id>:<phase>:<i>`): the change and its messages exist together or not at all.
 *  An election whose change fails is rolled back, reported to the network's organisers once, and retried with
 *  backoff; it never holds up another election's change. */
export function createElectionScheduler(store: Store, log: Logger): Scheduler {
  // Per instance: elections waiting for a retry, and when. Another instance retries on its own.
  const retry = new Map<string, { at: Date; delayMs: number }>();
  return {
    async nextDue() {
      const next = await store.elections.nextTransitionDue([...retry.keys()]);
      const dues = [next, ...[...retry.values()].map((r) => r.at)].filter((d): d is Date => d !== null);
      return dues.length ? new Date(Math.min(...dues.map((d) => d.getTime()))) : null;
    },
    async tick(now) {
      let total = 0;
      const failed = new Set<string>();
      // After downtime an election may owe both steps; loop until nothing is due.
      for (let guard = 0; guard < 100; guard++) {
        const all = await store.elections.dueTransitions(now);
        // An election another instance has since moved on no longer waits for a retry here.
        if (guard === 0) for (const id of retry.keys()) if (!all.some((e) => e.id === id)) retry.delete(id);
        const due = all.filter((e) => !failed.has(e.id) && !((retry.get(e.id)?.at ?? now) > now));
        if (!due.length) break;
        for (const e of due) {
          const phase = e.status === "nominations" ? "voting" : "closed";
          try {
            const done = await store.transaction(async (tx) => {
              const step = await (phase === "voting" ? startVoting(tx, e, now) : closeElection(tx, e, now));
              // A refusal here means another instance took the step first: nothing to send.
              if (!step.ok) {
                log.debug({ election: e.id, reason: step.error }, "election phase change already done");
                return { enqueued: 0, closed: false };
              }
              const { enqueued } = await enqueueSends(tx, { networkId: e.networkId, now, keyOf: (i) => `election:${e.id}:${phase}:${i}` }, step.value.deliveries);
              return { enqueued, closed: "closed" in step.value ? step.value.closed !== null : true };
            });
            retry.delete(e.id);
            total += done.enqueued;
            // The close is committed; now make what it deleted unreadable on disk too. A failure here loses no
            // vote and blocks nothing: the next close scrubs again.
            if (done.closed) await store.scrubVotingTraces().catch((err: unknown) => log.error({ err, election: e.id }, "scrubbing voting traces failed"));
          } catch (err) {
            failed.add(e.id);
            const delayMs = Math.min(RETRY_MAX_MS, retry.has(e.id) ? retry.get(e.id)!.delayMs * 2 : RETRY_FIRST_MS);
            retry.set(e.id, { at: new Date(now.getTime() + delayMs), delayMs });
            log.error({ err, election: e.id, phase, retryInMs: delayMs }, "election phase change failed");
            total += await reportFailure(store, log, e, phase, now);
          }
        }
      }
      return total;
    },
  };
}

/** Tells the network's organisers, once per election and phase (the outbox key is fixed), that a change failed. */
async function reportFailure(store: Store, log: Logger, e: Election, phase: "voting" | "closed", now: Date): Promise<number> {
  try {
    const organisers = (await store.listMembers(e.networkId)).filter((m) => m.isOrganiser);
    const recipients = await store.recipientsOf(organisers.map((m) => m.id));
    const what = phase === "voting" ? "open voting" : "close and count";
    const dms: Delivery[] = [...recipients.values()].map((to) => ({
      kind: "dm",
      to,
      message: {
        text: [
          [`⚠️ ${electionLabel(e)} ${e.title}: Caucus could not ${what} at `, localInstant(phase === "voting" ? e.nominationsCloseAt : e.votingCloseAt, to.zone), ". Nothing was changed."],
          ["It is retried automatically (after 1 min, then less often, up to hourly); other elections are not affected. The error is in the bot's log for whoever runs it."],
        ],
      },
      fallback: { kind: "notice", about: `an organisers' notice about ${electionLabel(e)}` },
    }));
    return (await enqueueSends(store, { networkId: e.networkId, now, keyOf: (i) => `election:${e.id}:${phase}:failed:${i}` }, dms)).enqueued;
  } catch (err) {
    log.error({ err, election: e.id }, "could not report a failed election phase change");
    return 0;
  }
}

/** Voting-phase reminders go only to members on the roll who have not voted yet, while voting is open. */
export async function shouldRemind(store: Store, d: Deadline, memberId: string): Promise<boolean> {
  if (!d.electionId || d.electionPhase !== "voting") return true;
  const e = await store.elections.get(d.electionId);
  // Before voting opens there is nothing to vote on yet; after it closes, nothing left to do.
  if (!e || e.status !== "voting") return false;
  if (await rollExclusion(store, d, memberId)) return false;
  return !(await store.elections.hasVoted(e.id, memberId));
}

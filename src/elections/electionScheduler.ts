import type { Logger } from "../logger.ts";
import type { Scheduler } from "../scheduler.ts";
import type { Deadline, Store } from "../store.ts";
import { enqueueSends } from "../enqueueDeliveries.ts";
import { closeElection } from "./closeElection.ts";
import { startVoting } from "./startVoting.ts";

/** Phase changes at their dates: nominations → voting → closed. Each is a conditional update, so with
 *  several instances exactly one performs it. Each runs in its own transaction, which also enqueues what it
 *  announces (keys `election:<id>:<phase>:<i>`): the change and its messages exist together or not at all. */
export function createElectionScheduler(store: Store, log: Logger): Scheduler {
  return {
    nextDue: () => store.elections.nextTransitionDue(),
    async tick(now) {
      let total = 0;
      // After downtime an election may owe both steps; loop until nothing is due.
      for (let guard = 0; guard < 100; guard++) {
        const due = await store.elections.dueTransitions(now);
        if (!due.length) break;
        for (const e of due) {
          try {
            const phase = e.status === "nominations" ? "voting" : "closed";
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
            total += done.enqueued;
            // The close is committed; now make what it deleted unreadable on disk too. A failure here loses no
            // vote and blocks nothing: the next close scrubs again.
            if (done.closed) await store.scrubVotingTraces().catch((err: unknown) => log.error({ err, election: e.id }, "scrubbing voting traces failed"));
          } catch (err) {
            log.error({ err, election: e.id }, "election phase change failed");
            return total;
          }
        }
      }
      return total;
    },
  };
}

/** Voting-phase reminders go only to members on the roll who have not voted yet, while voting is open. */
export async function shouldRemind(store: Store, d: Deadline, memberId: string): Promise<boolean> {
  if (!d.electionId || d.electionPhase !== "voting") return true;
  const e = await store.elections.get(d.electionId);
  // Before voting opens there is nothing to vote on yet; after it closes, nothing left to do.
  if (!e || e.status !== "voting") return false;
  if (!(await store.elections.roll(e.id)).includes(memberId)) return false;
  return !(await store.elections.hasVoted(e.id, memberId));
}

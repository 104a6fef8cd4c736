import type { Logger } from "../logger.ts";
import type { Send } from "../message.ts";
import type { Delivery } from "../platformPort.ts";
import type { Result } from "../result.ts";
import type { Scheduler } from "../scheduler.ts";
import type { Deadline, Store } from "../store.ts";
import { closeElection } from "./closeElection.ts";
import { hasVoted } from "./electionFlow.ts";
import { startVoting } from "./startVoting.ts";

/** Phase changes at their dates: nominations → voting → closed. Each is a conditional update, so with
 *  several instances exactly one performs it. Each runs in its own transaction. */
export function createElectionScheduler(store: Store, log: Logger): Scheduler {
  return {
    nextDue: () => store.elections.nextTransitionDue(),
    async tick(now) {
      const sends: Send[] = [];
      // After downtime an election may owe both steps; loop until nothing is due.
      for (let guard = 0; guard < 100; guard++) {
        const due = await store.elections.dueTransitions(now);
        if (!due.length) break;
        for (const e of due) {
          try {
            const step = await store.transaction<Result<{ deliveries: Delivery[] }>>((tx) => (e.status === "nominations" ? startVoting(tx, e, now) : closeElection(tx, e, now)));
            // A refusal here means another instance took the step first: nothing to send.
            if (step.ok) sends.push(...step.value.deliveries);
            else log.debug({ election: e.id, reason: step.error }, "election phase change already done");
          } catch (err) {
            log.error({ err, election: e.id }, "election phase change failed");
            return sends;
          }
        }
      }
      return sends;
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
  return !(await hasVoted(store, e, { id: memberId }));
}

import { audience, deadlineId, noticeLine, planFor, postScope } from "../deadlineRegistry.ts";
import { networkPosts } from "../network/networkPosts.ts";
import { formatInstant } from "../formatInstant.ts";
import { localInstant as local, PUBLIC_DM, utcInstant as utc } from "../message.ts";
import type { Delivery } from "../platformPort.ts";
import { err, ok, type Result } from "../result.ts";
import type { Deadline } from "../store.ts";
import { electionOwnsDeadline } from "./electionOwnsDeadline.ts";
import { mayChangeDeadline, type Acting } from "./mayChangeDeadline.ts";
import { noticeGiven } from "./notice.ts";

export type MovedDeadline = {
  /** The deadline as it is now: new time, zone and generation. */
  deadline: Deadline;
  from: Date;
  /** Notice the new date gives, counted from now. */
  noticeMs: number;
  /** Ids of every member who was told of the deadline: each hears of the move. */
  told: string[];
  /** Ids of those told who are still in its audience: only they get reminders for the new time. */
  replanned: string[];
  /** The channel posts (src/network/networkPosts.ts), then one DM per member told. */
  deliveries: Delivery[];
};

/** Moves a deadline to `dueAt` (entered in `zone`), re-plans reminders and tells everyone who was told. */
export async function moveDeadline(acting: Acting, input: { deadline: Deadline; dueAt: Date; zone: string }): Promise<Result<MovedDeadline>> {
  const { store, network, member, now } = acting;
  const d = input.deadline;
  if (d.networkId !== acting.network.id) throw new Error(`asked to move a deadline of another network`);
  const owned = await electionOwnsDeadline(store, d, "moved");
  if (!owned.ok) return owned;
  const allowed = await mayChangeDeadline(acting, d.constituencyId, "move deadlines");
  if (!allowed.ok) return allowed;
  if (d.cancelledAt) return err(`${deadlineId(d)} was cancelled; add a new deadline instead.`);
  if (input.dueAt <= now) return err(`That is in the past (${formatInstant(input.dueAt, input.zone)}). Give a time that is still ahead.`);
  if (input.dueAt.getTime() === d.dueAt.getTime()) return err(`${deadlineId(d)} is already due then.`);

  const moved = await store.updateDeadline(d.id, { dueAt: input.dueAt, zone: input.zone, generation: d.generation + 1 });
  const noticeMs = noticeGiven(now, moved.dueAt);
  await store.addDeadlineEvent(moved.id, { kind: "moved", at: now, byMemberId: member.id, fromDueAt: d.dueAt, toDueAt: moved.dueAt, noticeMs });
  // Older-generation reminders are deleted; those told who are still in the audience get a fresh plan.
  // Someone who left the constituency hears of the move but gets no reminders for it.
  await store.dropPendingReminders({ deadlineId: moved.id });
  const told = await store.recipients(moved.id);
  const toldSet = new Set(told);
  const stillFor = (await audience(store, moved)).filter((m) => toldSet.has(m.id));
  await planFor(store, moved, stillFor, network, now);

  const flag = noticeLine(noticeMs, network, "Moved");
  const deliveries: Delivery[] = [];
  deliveries.push(
    ...(await networkPosts(store, postScope(moved), {
      text: [[`🔁 ${deadlineId(moved)} ${moved.title} moved from `, utc(d.dueAt), " to ", local(moved.dueAt, moved.zone), " = ", utc(moved.dueAt), ` by ${member.displayName}.`], [flag]],
    })),
  );
  const recipients = await store.recipientsOf(told);
  for (const memberId of told) {
    const to = recipients.get(memberId);
    if (!to) continue;
    deliveries.push({
      kind: "dm",
      to,
      message: { text: [[`🔁 Deadline ${deadlineId(moved)} moved: ${moved.title}`], ["Was: ", local(d.dueAt, to.zone)], ["Now: ", local(moved.dueAt, to.zone), " (your time)"], [flag]] },
      fallback: PUBLIC_DM,
    });
  }
  return ok({ deadline: moved, from: d.dueAt, noticeMs, told, replanned: stillFor.map((m) => m.id), deliveries });
}

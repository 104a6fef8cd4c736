import { announceDeadline } from "../deadlineRegistry.ts";
import { formatInstant } from "../formatInstant.ts";
import type { Delivery } from "../platformPort.ts";
import { err, ok, type Result } from "../result.ts";
import type { Constituency, Deadline, Member } from "../store.ts";
import { formatTimeLeft } from "./formatDuration.ts";
import { mayChangeDeadline, type Acting } from "./mayChangeDeadline.ts";

/** A deadline as the member gave it, already parsed: a validated title, zone (an IANA name or "AoE"), ladder
 *  and link; `constituencyId` null for everyone in the network. */
export type DeadlineInput = Pick<Deadline, "title" | "dueAt" | "zone" | "constituencyId" | "ladder" | "link">;

export type AddedDeadline = {
  deadline: Deadline;
  /** "Youth", or "everyone in the network". */
  forWhom: string;
  /** Notice given: from now to the deadline. */
  noticeMs: number;
  /** Everyone it is for, each told by DM (those with an identity to DM) with reminders planned. */
  told: Member[];
  /** The channel post, then one DM per member told. */
  deliveries: Delivery[];
};

/** Registers a deadline and announces it, if the acting member may and it is still ahead. */
export async function addDeadline(acting: Acting, input: DeadlineInput): Promise<Result<AddedDeadline>> {
  const { store, network, member, now, channel } = acting;
  if (input.dueAt <= now) {
    return err(`That is in the past: ${formatInstant(input.dueAt, input.zone)} was ${formatTimeLeft(now, input.dueAt).replace(/^passed /, "")}. Check the date and zone.`);
  }
  let constituency: Constituency | null = null;
  if (input.constituencyId) {
    constituency = await store.getConstituency(input.constituencyId);
    if (!constituency || constituency.networkId !== network.id) return err("That constituency no longer exists. /constituency list shows them.");
  }
  const allowed = await mayChangeDeadline(
    acting,
    constituency?.id ?? null,
    constituency ? `add deadlines for ${constituency.name}` : "add network-wide deadlines (add `for <constituency>` if you coordinate one)",
  );
  if (!allowed.ok) return allowed;
  const a = await announceDeadline(
    store,
    network,
    member,
    { title: input.title, dueAt: input.dueAt, zone: input.zone, constituency, ladder: input.ladder, link: input.link },
    now,
    channel,
  );
  return ok({ deadline: a.deadline, forWhom: constituency ? constituency.name : "everyone in the network", noticeMs: a.noticeMs, told: a.members, deliveries: [...a.posts, ...a.dms] });
}

// The deadline registry's workflows over the store: who hears about a deadline, what they are told,
// and which reminders are planned. Commands, roster changes and the scheduler all go through here.
import { assertNever } from "./assertNever.ts";
import { DEFAULT_QUIET_HOURS, type QuietHours } from "./deadlines/quietHours.ts";
import { localInstant as local, PUBLIC_DM, utcInstant as utc } from "./message.ts";
import { deadlineCard } from "./deadlines/deadlineCard.ts";
import { planReminders } from "./deadlines/planReminders.ts";
import { formatNotice, isShortNotice, noticeGiven } from "./deadlines/notice.ts";
import { formatDuration } from "./deadlines/formatDuration.ts";
import type { ChannelRef, Inline, Message, Recipient } from "./message.ts";
import type { Delivery } from "./platformPort.ts";
import type { Deadline, Member, Network, Store } from "./store.ts";
import { networkPosts } from "./network/networkPosts.ts";

export const deadlineId = (d: { number: number }) => `D${d.number}`;

/** Posts about a deadline go where it was created and to the channels of the workspaces it is for. */
export const postScope = (d: Pick<Deadline, "networkId" | "constituencyId" | "channel">) => ({ networkId: d.networkId, constituencyId: d.constituencyId, origin: d.channel });

export function quietHoursOf(m: Pick<Member, "quietStart" | "quietEnd" | "quietOff">): QuietHours {
  if (m.quietOff) return null;
  if (m.quietStart && m.quietEnd) return { start: m.quietStart, end: m.quietEnd };
  return DEFAULT_QUIET_HOURS;
}

export const thresholdMs = (network: Network) => network.shortNoticeHours * 3_600_000;


/** The members a deadline is for: its constituency's roster, or everyone in the network. */
export async function audience(store: Store, d: Audienced): Promise<Member[]> {
  const roll = await frozenRoll(store, d);
  if (roll) return (await store.listMembers(d.networkId)).filter((m) => roll.has(m.id));
  if (d.constituencyId) return (await store.roster(d.constituencyId)).map((r) => r.member);
  return store.listMembers(d.networkId);
}

type Audienced = Pick<Deadline, "networkId" | "constituencyId" | "electionId" | "electionPhase">;

/** Whether the member is in the deadline's audience (see `audience`). */
export async function inAudience(store: Store, d: Audienced, memberId: string): Promise<boolean> {
  const roll = await frozenRoll(store, d);
  if (roll) return roll.has(memberId);
  if (d.constituencyId) return (await store.roster(d.constituencyId)).some((r) => r.member.id === memberId);
  return true;
}

/** Once an election's roll is frozen, its voting deadline is the roll's: a member removed from the roster
 *  afterwards keeps their vote and so its reminders; one who joined later has no vote to be reminded of. */
async function frozenRoll(store: Store, d: Audienced): Promise<Set<string> | null> {
  if (!d.electionId || d.electionPhase !== "voting") return null;
  const e = await store.elections.get(d.electionId);
  if (!e || (e.status !== "voting" && e.status !== "closed")) return null;
  return new Set(await store.elections.roll(e.id));
}

/** Plans (or re-plans) the reminders of `members` for a deadline's current generation. */
export async function planFor(store: Store, d: Deadline, members: Member[], network: Network, now: Date): Promise<number> {
  const recipients = await store.recipientsOf(members.map((m) => m.id));
  const zones = members.map((m) => recipients.get(m.id)?.zone ?? network.defaultZone);
  const planned = planReminders({
    deadlineAt: d.dueAt,
    createdAt: d.announcedAt,
    now,
    ladder: d.ladder,
    recipients: members.map((m, i) => ({ memberId: m.id, zone: zones[i]!, quiet: quietHoursOf(m) })),
  });
  await store.addReminders(planned.map((p) => ({ deadlineId: d.id, generation: d.generation, ...p })));
  return planned.length;
}

/** "announced 18 h before", with the public short-notice flag when it applies. */
export function noticeLine(noticeMs: number, network: Network, verb = "Announced"): string {
  const flag = isShortNotice(noticeMs, thresholdMs(network)) ? ` ⚠️ SHORT NOTICE: less than ${network.shortNoticeHours} h.` : "";
  const said = verb.endsWith(":") ? `${verb} ${formatNotice(noticeMs)}.` : `${verb} ${formatNotice(noticeMs)} before the deadline.`;
  return `${said}${flag}`;
}

export const ladderText = (ladder: number[]) => ladder.map(formatDuration).join(", ");

/** The ladder steps still ahead at `now`: the ones that will actually be sent. */
export function stepsAhead(d: Pick<Deadline, "dueAt" | "ladder">, now: Date): string {
  const ahead = d.ladder.filter((ms) => d.dueAt.getTime() - ms > now.getTime());
  return ahead.length ? `${ahead.map(formatDuration).join(", ")} before` : "none (every step has already passed)";
}

export async function forText(store: Store, d: Deadline): Promise<string> {
  if (!d.constituencyId) return "everyone in the network";
  return (await store.getConstituency(d.constituencyId))?.name ?? "a constituency that no longer exists";
}

/** Why a member who is told of a deadline gets no reminders for it (null: they do), e.g. a vote they cannot cast. */
export type ReminderExclusion = (store: Store, d: Deadline, memberId: string) => Promise<string | null>;

/** The direct message announcing a deadline to one member, in their zone. `unreminded`: why they get no reminders. */
export function announcementDm(d: Deadline, to: Recipient, network: Network, forWhom: string, opts: { lateJoiner?: string; now: Date; unreminded?: string }): Message {
  const lines: Inline[][] = [
    [`📅 ${opts.lateJoiner ? "Deadline" : "New deadline"} ${deadlineId(d)}: ${d.title}`],
    ["Due ", local(d.dueAt, to.zone), " (your time) = ", utc(d.dueAt)],
    [`For: ${forWhom}`],
  ];
  if (d.link) lines.push([`Link: ${d.link}`]);
  lines.push([noticeLine(noticeGiven(d.announcedAt, d.dueAt), network)]);
  if (opts.lateJoiner) lines.push([`You are getting this because you joined ${opts.lateJoiner} after it was announced; ${formatDuration(Math.max(0, d.dueAt.getTime() - opts.now.getTime()))} left.`]);
  lines.push([opts.unreminded ?? `Reminders: ${stepsAhead(d, opts.now)} (outside your quiet hours). /deadline list shows all yours.`]);
  return { text: lines, card: deadlineCard(d, network, to.zone, opts.now) };
}

/** Tells `members` about a deadline and plans their reminders; returns the DMs. Members already told are skipped. */
export async function tellMembers(
  store: Store,
  d: Deadline,
  members: Member[],
  network: Network,
  now: Date,
  opts: { lateJoiner?: string; excluded?: ReminderExclusion } = {},
): Promise<Delivery[]> {
  const fresh = new Set(await store.addRecipients(d.id, members.map((m) => m.id), now));
  const told = members.filter((m) => fresh.has(m.id));
  const why = new Map<string, string>();
  for (const m of told) {
    const reason = opts.excluded ? await opts.excluded(store, d, m.id) : null;
    if (reason) why.set(m.id, reason);
  }
  await planFor(store, d, told.filter((m) => !why.has(m.id)), network, now);
  const forWhom = await forText(store, d);
  const recipients = await store.recipientsOf(told.map((m) => m.id));
  const sends: Delivery[] = [];
  for (const m of told) {
    const to = recipients.get(m.id);
    if (to) sends.push({ kind: "dm", to, message: announcementDm(d, to, network, forWhom, { lateJoiner: opts.lateJoiner, now, unreminded: why.get(m.id) }), fallback: PUBLIC_DM });
  }
  return sends;
}

/** A member joined a constituency: announce its upcoming deadlines to them, with the remaining reminders, except
 *  where `excluded` says they get none (a vote whose roll froze before they joined). */
export async function onJoinConstituency(
  store: Store,
  network: Network,
  constituency: { id: string; name: string },
  member: Member,
  now: Date,
  excluded?: ReminderExclusion,
): Promise<Delivery[]> {
  const sends: Delivery[] = [];
  for (const d of await store.openDeadlinesFor(constituency.id, now)) {
    const told = (await store.recipients(d.id)).includes(member.id);
    // Someone who left and came back was told already: no second announcement, but reminders again
    // (sent steps are never re-planned: the reminder key is unique).
    if (told) {
      if (!(excluded && (await excluded(store, d, member.id)))) await planFor(store, d, [member], network, now);
    } else sends.push(...(await tellMembers(store, d, [member], network, now, { lateJoiner: constituency.name, excluded })));
  }
  return sends;
}

/** A member Caucus meets for the first time hears about the network-wide deadlines still ahead. */
export async function onNewMember(store: Store, network: Network, member: Member, now: Date): Promise<Delivery[]> {
  const sends: Delivery[] = [];
  for (const d of await store.listDeadlines(network.id, { from: now })) {
    if (d.constituencyId === null) sends.push(...(await tellMembers(store, d, [member], network, now, { lateJoiner: "the network" })));
  }
  return sends;
}

/** A member left a constituency: no more reminders for its deadlines, but for a vote they still have. */
export async function onLeaveConstituency(store: Store, constituency: { id: string }, member: Member, now: Date): Promise<void> {
  for (const d of await store.openDeadlinesFor(constituency.id, now)) {
    if (!(await inAudience(store, d, member.id))) await store.dropPendingReminders({ deadlineId: d.id, memberId: member.id });
  }
}

/** A member changed zone or quiet hours (or two accounts became one member): re-plan their pending reminders
 *  (sent ones are never planned again). */
export async function replanMember(store: Store, network: Network, member: Member, now: Date): Promise<void> {
  for (const d of await store.openDeadlinesToldTo(member.id, now)) {
    await store.dropPendingReminders({ deadlineId: d.id, memberId: member.id });
    const stillFor = await inAudience(store, d, member.id);
    if (stillFor) await planFor(store, d, [member], network, now);
  }
}

/** How reminders reach a member: the zone they are shown in, and their quiet hours (null: none). */
export type ReminderSetting = { kind: "zone"; zone: string } | { kind: "quiet"; quiet: QuietHours };

/** Changes a member's zone or quiet hours and re-plans their pending reminders to match: one cannot happen without the other. */
export async function changeReminderSetting(store: Store, network: Network, member: Member, change: ReminderSetting, now: Date): Promise<Member> {
  let updated: Member;
  switch (change.kind) {
    case "zone":
      updated = await store.updateMember(member.id, { zone: change.zone });
      break;
    case "quiet":
      updated = await store.updateMember(
        member.id,
        change.quiet ? { quietStart: change.quiet.start, quietEnd: change.quiet.end, quietOff: false } : { quietOff: true, quietStart: null, quietEnd: null },
      );
      break;
    default:
      return assertNever(change, "reminder setting");
  }
  // Quiet hours are local, so a new zone moves them too; either way pending reminders are planned again.
  await replanMember(store, network, updated, now);
  return updated;
}

/**
 * An organiser changes the network's default zone (Discord reports no zone of its own, so a server's members see
 * this one until they set theirs): members who rely on it have their pending reminders planned again, since
 * their quiet hours are local.
 */
export async function changeDefaultZone(store: Store, network: Network, zone: string, now: Date): Promise<{ network: Network; replanned: number }> {
  const updated = await store.updateNetwork(network.id, { defaultZone: zone });
  const relying = (await store.listMembers(network.id)).filter((m) => m.zone === null && m.platformZone === null);
  for (const m of relying) await replanMember(store, updated, m, now);
  return { network: updated, replanned: relying.length };
}

/** What a reminder says to one member. */
export function reminderDm(d: Deadline, to: Recipient, now: Date, plannedAt: Date, late: boolean, network: Network): Message {
  // On time, the lead is the planned one ("1 h"), not the seconds-smaller gap the tick happened to see.
  const left = Math.max(0, d.dueAt.getTime() - (late ? now : plannedAt).getTime());
  const lines: Inline[][] = [[`⏰ Reminder: ${deadlineId(d)} ${d.title} is due in ${formatDuration(left)}: `, local(d.dueAt, to.zone), " (your time)."]];
  if (d.link) lines.push([`Link: ${d.link}`]);
  if (late) lines.push(["(Late: this reminder was due at ", local(plannedAt, to.zone), "; Caucus was offline then.)"]);
  return { text: lines, card: deadlineCard(d, network, to.zone, now, left) };
}

export type NewDeadline = {
  title: string;
  dueAt: Date;
  zone: string;
  constituency: { id: string; name: string } | null;
  ladder: number[];
  link: string | null;
  election?: { id: string; phase: "nominations" | "voting" };
};

/** Registers a deadline and tells everyone it is for: DMs in each member's zone, a post where it was created and
 *  in the announcement channels of the workspaces it concerns (src/network/networkPosts.ts). */
export async function announceDeadline(
  store: Store,
  network: Network,
  creator: Member,
  input: NewDeadline,
  now: Date,
  channel: ChannelRef,
): Promise<{ deadline: Deadline; members: Member[]; noticeMs: number; posts: Delivery[]; dms: Delivery[] }> {
  const d = await store.createDeadline({
    networkId: network.id,
    title: input.title,
    dueAt: input.dueAt,
    zone: input.zone,
    constituencyId: input.constituency?.id ?? null,
    ladder: input.ladder,
    link: input.link,
    createdById: creator.id,
    announcedAt: now,
    channel,
    electionId: input.election?.id ?? null,
    electionPhase: input.election?.phase ?? null,
  });
  const notice = noticeGiven(now, d.dueAt);
  await store.addDeadlineEvent(d.id, { kind: "created", at: now, byMemberId: creator.id, fromDueAt: null, toDueAt: d.dueAt, noticeMs: notice });
  const members = await audience(store, d);
  const dms = await tellMembers(store, d, members, network, now);
  const forWhom = input.constituency ? input.constituency.name : "everyone in the network";
  const posts = await networkPosts(store, postScope(d), {
    text: [
      [`📅 New deadline ${deadlineId(d)}: ${d.title}, due `, local(d.dueAt, d.zone), " = ", utc(d.dueAt)],
      [`For ${forWhom}. ${noticeLine(notice, network)}`],
      ...(d.link ? [[`Link: ${d.link}`]] : []),
      ["Everyone it is for gets it by direct message in their own time zone; /deadline list shows yours."],
    ],
    card: deadlineCard(d, network, d.zone, now),
  });
  return { deadline: d, members, noticeMs: notice, posts, dms };
}

// Rosters that follow a platform group (a Slack user group, a Discord role). For the people of the group's
// workspace, the group decides who is on the roster: joins and leaves go through the same roster hooks as
// /constituency add and remove, so deadlines, reminders and elections behave exactly as for a change by hand,
// and an election's roll, once frozen, is not changed by anything that happens to the group afterwards.
import { cleanDisplayName } from "./cleanText.ts";
import { enqueueSends, randomKeyId } from "./enqueueDeliveries.ts";
import type { Random } from "./command.ts";
import type { GroupMention } from "./groupMention.ts";
import { err, ok, type Result } from "./result.ts";
import { onRosterJoin, onRosterLeave, type RosterScope } from "./rosterHooks.ts";
import type { Send } from "./message.ts";
import type { Constituency, FollowedGroup, GroupRef, Member, Network, Store } from "./store.ts";
import type { UserDirectory } from "./userDirectory.ts";

/** Most people one sync meets through the platform (one look-up each, inside the roster's transaction): a larger
 *  group is taken in over several syncs, the rest reported as not met yet. */
export const MAX_MEETINGS_PER_SYNC = 100;

/** What the platform said about the group: its whole member list, or who was added and removed. */
export type GroupChange = { kind: "all"; userIds: readonly string[] } | { kind: "changed"; added: readonly string[]; removed: readonly string[] };

/** An adapter's news about a group: `name` when the platform told it (a renamed group). */
export type GroupEvent = { group: GroupRef; name?: string; change: GroupChange };

/** What one sync did to one roster. `notMet`: group members the platform would not confirm, left off for now. */
export type GroupSyncReport = { constituency: string; added: string[]; removed: string[]; notMet: { userId: string; reason: string }[] };

/** "Slack user group @youth", "Discord role youth": how members know the group. */
export function groupLabel(g: Pick<GroupRef, "platform"> & { name: string }): string {
  switch (g.platform) {
    case "slack":
      return `Slack user group @${g.name}`;
    case "discord":
      return `Discord role @${g.name}`;
    default:
      return `${g.platform} group ${g.name}`;
  }
}

/**
 * Applies the group's members to one following constituency's roster, for the people of the group's workspace:
 * members of the group who are not on the roster join (met through the platform if Caucus has not met them),
 * people of that workspace on the roster who are not in the group leave. Members from other workspaces of the
 * network are untouched: they are managed by hand, or by their own workspace's group.
 */
export async function applyGroup(
  scope: RosterScope & { directory: UserDirectory },
  c: Constituency,
  followed: FollowedGroup,
  change: GroupChange,
): Promise<{ report: GroupSyncReport; sends: Send[] }> {
  const { store, network, now } = scope;
  const known = await store.workspaceMembers(network.id, followed.platform, followed.workspaceId);
  const rosterIds = new Set((await store.roster(c.id)).map((r) => r.member.id));
  const wanted = change.kind === "all" ? change.userIds : change.added;
  const gone = change.kind === "all" ? [...known.keys()].filter((u) => !new Set(change.userIds).has(u)) : change.removed.filter((u) => !new Set(change.added).has(u));
  const report: GroupSyncReport = { constituency: c.name, added: [], removed: [], notMet: [] };
  const sends: Send[] = [];
  let meetings = 0;

  for (const userId of new Set(gone)) {
    const m = known.get(userId);
    if (!m || !rosterIds.has(m.id)) continue;
    await store.removeMembership(c.id, m.id);
    rosterIds.delete(m.id);
    report.removed.push(m.displayName);
    sends.push(...(await onRosterLeave(scope, c, m)));
  }
  for (const userId of new Set(wanted)) {
    let m: Member | undefined = known.get(userId);
    if (!m) {
      if (meetings >= MAX_MEETINGS_PER_SYNC) {
        report.notMet.push({ userId, reason: `more than ${MAX_MEETINGS_PER_SYNC} new people in one go` });
        continue;
      }
      meetings++;
      const answer = await scope.directory.lookup(followed.platform, followed.workspaceId, userId);
      if (answer.kind !== "found") {
        report.notMet.push({ userId, reason: answer.kind === "unavailable" ? answer.reason : answer.kind === "unknown" ? "the platform does not know them" : "the platform cannot be asked" });
        continue;
      }
      m = await store.memberFromMention(network.id, { kind: "mention", platform: followed.platform, workspaceId: followed.workspaceId, userId }, cleanDisplayName(answer.displayName, userId));
      known.set(userId, m);
    }
    if (rosterIds.has(m.id)) continue;
    await store.putMembership(c.id, m.id, "member", now);
    rosterIds.add(m.id);
    report.added.push(m.displayName);
    sends.push(...(await onRosterJoin(scope, c, m)));
  }
  await store.markGroupSynced(c.id, followed, now);
  return { report, sends };
}

/** The group that decides whether this member is on the roster, if any: they are known in its workspace. */
export async function groupDeciding(store: Store, c: Constituency, member: Pick<Member, "id">): Promise<FollowedGroup | null> {
  for (const g of await store.groupsOf(c.id)) {
    const people = await store.workspaceMembers(c.networkId, g.platform, g.workspaceId);
    if ([...people.values()].some((m) => m.id === member.id)) return g;
  }
  return null;
}

/** A hand-made roster change refused because the group decides it: the member is told where to make it. */
export async function refuseIfGroupDecides(store: Store, c: Constituency, member: Pick<Member, "id" | "displayName">, change: "add" | "remove"): Promise<Result<true>> {
  const g = await groupDeciding(store, c, member);
  if (!g) return ok(true);
  const where = change === "add" ? "add them to" : "remove them from";
  return err(`${c.name}'s roster follows the ${groupLabel(g)} for ${member.displayName}'s workspace: ${where} the group on the platform and the roster follows (or /constituency unfollow "${c.name}" first).`);
}

export type FollowOutcome = { followed: FollowedGroup; replaced: FollowedGroup | null; report: GroupSyncReport; sends: Send[] };

/** An organiser makes the constituency follow a group of their own workspace; the roster is brought in step at once. */
export async function followGroup(scope: RosterScope & { directory: UserDirectory; by: Member }, c: Constituency, mention: GroupMention): Promise<Result<FollowOutcome>> {
  const answer = await scope.directory.groupMembers(mention.platform, mention.workspaceId, mention.groupId);
  switch (answer.kind) {
    case "unsupported":
      return err(`Rosters can follow a Slack user group or a Discord role; ${mention.platform} has no groups Caucus can read. Add members with /constituency add.`);
    case "unknown":
      return err(`${mention.platform} knows no group ${mention.label ? `@${mention.label}` : mention.groupId} in this workspace: type @ and pick it from the list.`);
    case "unavailable":
      return err(`Caucus could not ask ${mention.platform} who is in that group just now (${answer.reason}). Nothing changed; try again in a minute.`);
    case "found":
      break;
  }
  const name = cleanDisplayName(answer.name ?? mention.label ?? mention.groupId, mention.groupId);
  const replaced = await scope.store.followGroup(c.id, { platform: mention.platform, workspaceId: mention.workspaceId, groupId: mention.groupId, name }, scope.by.id, scope.now);
  const followed: FollowedGroup = { constituencyId: c.id, platform: mention.platform, workspaceId: mention.workspaceId, groupId: mention.groupId, name, followedById: scope.by.id, followedAt: scope.now, syncedAt: null };
  const { report, sends } = await applyGroup(scope, c, followed, { kind: "all", userIds: answer.userIds });
  return ok({ followed, replaced: replaced && replaced.groupId !== mention.groupId ? replaced : null, report, sends });
}

/** Stops following the group of the organiser's workspace; the roster stays as it is, managed by hand from now on. */
export async function unfollowGroup(store: Store, c: Constituency, workspace: Pick<GroupRef, "platform" | "workspaceId">): Promise<Result<FollowedGroup>> {
  const gone = await store.unfollowGroup(c.id, workspace.platform, workspace.workspaceId);
  return gone ? ok(gone) : err(`${c.name} follows no group in this workspace.`);
}

/** A report as lines for the organiser. */
export function syncReportLines(r: GroupSyncReport): string[] {
  const lines = [
    r.added.length || r.removed.length
      ? [r.added.length ? `joined: ${r.added.join(", ")}` : "", r.removed.length ? `left: ${r.removed.join(", ")}` : ""].filter(Boolean).join("; ")
      : "the roster already matched the group",
  ];
  if (r.notMet.length) {
    const shown = r.notMet.slice(0, 20).map((x) => `<@${x.userId}> (${x.reason})`);
    const more = r.notMet.length > shown.length ? ` and ${r.notMet.length - shown.length} more` : "";
    lines.push(`Not added yet (the group's next update, or /constituency follow again, retries): ${shown.join(", ")}${more}`);
  }
  return lines;
}

/**
 * An adapter's news about a group (Slack subteam_members_changed / subteam_updated, a Discord role update):
 * every constituency of the workspace's network that follows it is brought in step, each in its own
 * transaction, its DMs (late joiners' deadline announcements, withdrawals) written to the outbox with it.
 */
export async function syncGroup(
  deps: { store: Store; directory: UserDirectory; random: Random },
  event: GroupEvent,
  now: Date,
): Promise<GroupSyncReport[]> {
  const network: Network | null = await deps.store.networkOfWorkspace(event.group.platform, event.group.workspaceId);
  if (!network) return [];
  const reports: GroupSyncReport[] = [];
  for (const followed of await deps.store.followersOf(event.group)) {
    const report = await deps.store.transaction(async (store) => {
      const c = await store.getConstituency(followed.constituencyId);
      // A constituency of another network (its workspace joined elsewhere since) never takes this workspace's people.
      if (!c || c.networkId !== network.id) return null;
      if (event.name) await store.markGroupSynced(c.id, followed, now, cleanDisplayName(event.name, followed.groupId));
      const { report, sends } = await applyGroup({ store, network, now, directory: deps.directory }, c, followed, event.change);
      const id = randomKeyId(deps.random);
      await enqueueSends(store, { networkId: network.id, now, keyOf: (i) => `group:${id}:${i}` }, sends);
      return report;
    });
    if (report) reports.push(report);
  }
  return reports;
}

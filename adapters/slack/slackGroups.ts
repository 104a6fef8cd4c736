// Rosters following a Slack user group: the group's members read with usergroups.users.list (when an organiser
// starts following it), and subteam_members_changed / subteam_updated passed to the core as they come.
import type { App } from "@slack/bolt";
import { z } from "zod";
import type { GroupEvent } from "../../src/groupRoster.ts";
import type { PlatformGroup } from "../../src/platformPort.ts";
import type { SlackExtension } from "./slackAdapter.ts";
import { outcomeOf, platformErrorCode } from "./slackOutcome.ts";

const SLACK = "slack";
/** Errors that mean the group is not there to read, as opposed to Slack not answering. */
const NO_GROUP = new Set(["no_such_subteam", "subteam_not_found", "invalid_usergroup"]);

const usersListSchema = z.object({ users: z.array(z.string()).default([]) });

/** The current members of a user group; disabled groups count as unknown. */
export async function slackGroupMembers(app: App, token: string | undefined, groupId: string): Promise<PlatformGroup> {
  try {
    const r = usersListSchema.parse(await app.client.usergroups.users.list({ token, usergroup: groupId, include_disabled: false }));
    return { kind: "found", userIds: r.users };
  } catch (e) {
    const code = platformErrorCode(e);
    if (code && NO_GROUP.has(code)) return { kind: "unknown" };
    const o = outcomeOf(e);
    return { kind: "unavailable", reason: o.kind === "sent" ? "error" : o.reason };
  }
}

const membersChanged = z.object({
  subteam_id: z.string(),
  team_id: z.string(),
  added_users: z.array(z.string()).default([]),
  removed_users: z.array(z.string()).default([]),
});
const updated = z.object({
  subteam: z.object({
    id: z.string(),
    team_id: z.string().optional(),
    handle: z.string().optional(),
    date_delete: z.number().optional(),
    users: z.array(z.string()).optional(),
  }),
});

/** Translates Slack's user-group events into the core's GroupEvent. Null: nothing the core needs to hear. */
export function groupEventOf(type: "subteam_members_changed" | "subteam_updated", event: unknown, teamId: string): GroupEvent | null {
  if (type === "subteam_members_changed") {
    const e = membersChanged.safeParse(event);
    if (!e.success) return null;
    return { group: { platform: SLACK, workspaceId: e.data.team_id || teamId, groupId: e.data.subteam_id }, change: { kind: "changed", added: e.data.added_users, removed: e.data.removed_users } };
  }
  const e = updated.safeParse(event);
  // A disabled group (date_delete set) or one sent without its member list tells nothing about who is in it:
  // the roster is left as it stands rather than emptied.
  if (!e.success || (e.data.subteam.date_delete ?? 0) > 0 || !e.data.subteam.users) return null;
  const s = e.data.subteam;
  return { group: { platform: SLACK, workspaceId: s.team_id || teamId, groupId: s.id }, ...(s.handle ? { name: s.handle } : {}), change: { kind: "all", userIds: s.users! } };
}

export function registerGroupEvents(ext: SlackExtension): void {
  for (const type of ["subteam_members_changed", "subteam_updated"] as const) {
    ext.app.event(type, async ({ event, body }) => {
      const handler = ext.handler();
      const g = groupEventOf(type, event, (body as { team_id?: string }).team_id ?? "");
      if (!handler || !g) return;
      const reports = await handler.groupChanged(g);
      if (reports.length) {
        ext.log.info({ groupId: g.group.groupId, rosters: reports.map((r) => ({ constituency: r.constituency, added: r.added.length, removed: r.removed.length, notMet: r.notMet.length })) }, "Slack user group synced");
      }
    });
  }
}

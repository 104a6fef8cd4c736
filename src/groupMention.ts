import type { MentionScope } from "./parseCommandInput.ts";
import { err, ok, type Result } from "./result.ts";
import type { GroupRef } from "./store.ts";

/** A group as a command names it; `label` is the handle the mention carried (`@youth`), if any. */
export type GroupMention = GroupRef & { label?: string };

/**
 * Reads a group as the platform sends it: a Slack user-group mention `<!subteam^S0614TZR7|@youth>` (commands
 * with should_escape), a Discord role mention `<@&123…>`, or a bare id (Discord's role option sends only the id).
 * A group is always one of the acting member's own workspace, like a member mention.
 */
export function parseGroupMention(text: string, scope: MentionScope): Result<GroupMention> {
  const t = text.trim();
  const slack = /^<!subteam\^([A-Z0-9]{2,30})(?:\|@?([^>]*))?>$/.exec(t);
  if (slack) return ok({ platform: scope.platform, workspaceId: scope.workspaceId, groupId: slack[1]!, ...(slack[2] ? { label: slack[2] } : {}) });
  const role = /^<@&(\d{5,25})>$/.exec(t) ?? /^(\d{5,25})$/.exec(t) ?? /^(S[A-Z0-9]{2,30})$/.exec(t);
  if (role) return ok({ platform: scope.platform, workspaceId: scope.workspaceId, groupId: role[1]! });
  // "@youth" typed by hand is only a handle: Slack sends the id when the group is picked from the list.
  return err(
    `"${t}" is not a group mention. Type @ and pick the user group (Slack) or the role (Discord) from the list, so Caucus gets its id.`,
  );
}

import type { CommandContext } from "../command.ts";
import { formatDuration } from "../deadlines/formatDuration.ts";
import { requireOrganiser } from "../permissions.ts";
import { err, ok, type Result } from "../result.ts";
import { workspaceLabel } from "./workspaceLabel.ts";
import { formatJoinCode, joinCodeHash, newJoinCode } from "./joinCode.ts";

export const DEFAULT_INVITE_MS = 48 * 3_600_000;
export const MIN_INVITE_MS = 3_600_000;
export const MAX_INVITE_MS = 14 * 86_400_000;

export type Invite = { code: string; expiresAt: Date };

/**
 * A single-use join code for another workspace or server, valid for `validForMs`. The code is returned once, for the
 * organiser's eyes only; the database keeps its hash, and the log says who invited and until when (never the code).
 */
export async function createInvite(ctx: CommandContext, validForMs: number = DEFAULT_INVITE_MS): Promise<Result<Invite>> {
  const allowed = requireOrganiser(ctx, "invite another workspace or server into the network");
  if (!allowed.ok) return allowed;
  if (validForMs < MIN_INVITE_MS || validForMs > MAX_INVITE_MS) {
    return err(`A join code can be valid from ${formatDuration(MIN_INVITE_MS)} to ${formatDuration(MAX_INVITE_MS)}, not ${formatDuration(validForMs)}.`);
  }
  const code = newJoinCode(ctx.random);
  const expiresAt = new Date(ctx.now.getTime() + validForMs);
  await ctx.store.createJoinCode({ networkId: ctx.network.id, codeHash: joinCodeHash(code), createdById: ctx.member.id, createdAt: ctx.now, expiresAt });
  const here = await ctx.store.workspaceOf(ctx.actor.platform, ctx.actor.workspaceId);
  await ctx.store.addNetworkLog(ctx.network.id, {
    at: ctx.now,
    kind: "invited",
    by: ctx.member.displayName,
    workspace: here ? workspaceLabel(here) : ctx.actor.workspaceName,
    detail: `a join code valid until ${expiresAt.toISOString()}`,
  });
  return ok({ code: formatJoinCode(code), expiresAt });
}

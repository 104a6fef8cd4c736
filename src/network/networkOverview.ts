import type { CommandContext } from "../command.ts";
import { requireOrganiser } from "../permissions.ts";
import { ok, type Result } from "../result.ts";
import type { NetworkLogEntry, Workspace } from "../store.ts";

export type NetworkOverview = { workspaces: (Workspace & { members: number })[]; log: NetworkLogEntry[] };
export const LOG_SHOWN = 10;

/** The network's workspaces and servers with their member counts, and its latest invitations, joins and removals (organisers). */
export async function networkOverview(ctx: CommandContext): Promise<Result<NetworkOverview>> {
  const allowed = requireOrganiser(ctx, "see the network's workspaces and servers");
  if (!allowed.ok) return allowed;
  const counts = await ctx.store.workspaceMemberCounts(ctx.network.id);
  const workspaces = (await ctx.store.listWorkspaces(ctx.network.id)).map((w) => ({ ...w, members: counts.get(w.id) ?? 0 }));
  return ok({ workspaces, log: await ctx.store.networkLog(ctx.network.id, LOG_SHOWN) });
}

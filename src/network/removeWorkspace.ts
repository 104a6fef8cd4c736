import type { CommandContext } from "../command.ts";
import { textMessage, type Send } from "../message.ts";
import { nameKey } from "../nameKey.ts";
import { requireOrganiser } from "../permissions.ts";
import { err, ok, type Result } from "../result.ts";
import { onRosterLeave } from "../rosterHooks.ts";
import type { Workspace } from "../store.ts";
import { networkPosts } from "./networkPosts.ts";
import { platformNoun, workspaceLabel } from "./workspaceLabel.ts";

export type RemovedWorkspace = { workspace: Workspace; departed: number; deliveries: Send[] };

/** Finds one of the network's workspaces by name (`Youth Hub`), by `platform:name` (`discord:Youth Hub`) or by its platform id. */
export function pickWorkspace(all: readonly Workspace[], text: string): Result<Workspace> {
  const key = nameKey(text);
  const prefixed = /^([a-z]+):(.+)$/i.exec(text.trim());
  const matches = all.filter(
    (w) =>
      nameKey(w.name) === key ||
      w.externalId === text.trim() ||
      (prefixed !== null && prefixed[1]!.toLowerCase() === w.platform && nameKey(w.name) === nameKey(prefixed[2]!)),
  );
  if (matches.length === 1) return ok(matches[0]!);
  const names = all.map(workspaceLabel).join(", ");
  if (!matches.length) return err(`No workspace or server of this network is called "${text}". It has: ${names}.`);
  return err(`${matches.length} workspaces are called "${text}": name one as platform:name, e.g. ${matches[0]!.platform}:${matches[0]!.name}.`);
}

/**
 * Removes a workspace or server from the network at once. It gets a network of its own again (empty, which its
 * admins organise), and each of its people a new member there, so nothing of this network is reachable from it.
 * Those left with no identity in this network leave every constituency as /constituency remove would (candidacies
 * withdrawn, mandates ended, gone from rolls not yet frozen) and their pending reminders are dropped; their past
 * votes stay counted (ballots carry no voter), and frozen rolls stay as published.
 */
export async function removeWorkspace(ctx: CommandContext, text: string): Promise<Result<RemovedWorkspace>> {
  const allowed = requireOrganiser(ctx, "remove a workspace or server from the network");
  if (!allowed.ok) return allowed;
  const picked = pickWorkspace(await ctx.store.listWorkspaces(ctx.network.id), text);
  if (!picked.ok) return picked;
  const ws = picked.value;
  if (ws.joinedAt === null) return err(`${workspaceLabel(ws)} founded the network, so it cannot be removed from it.`);
  if (ws.platform === ctx.actor.platform && ws.externalId === ctx.actor.workspaceId) {
    return err(`You are acting from ${workspaceLabel(ws)}: ask an organiser in another workspace of the network to remove it.`);
  }
  const moved = await ctx.store.moveWorkspace(ws.id, "own");
  const deliveries: Send[] = [];
  const constituencies = await ctx.store.listConstituencies(ctx.network.id);
  for (const m of moved.departed) {
    for (const c of constituencies) {
      if (await ctx.store.removeMembership(c.id, m.id)) deliveries.push(...(await onRosterLeave(ctx, c, m)));
    }
    // Even the reminders of a vote they still hold on a frozen roll: they can no longer be reached here.
    for (const d of await ctx.store.openDeadlinesToldTo(m.id, ctx.now)) await ctx.store.dropPendingReminders({ deadlineId: d.id, memberId: m.id });
  }
  await ctx.store.addNetworkLog(ctx.network.id, { at: ctx.now, kind: "removed", by: ctx.member.displayName, workspace: workspaceLabel(ws), detail: null });
  // Its own new network's log says why it is on its own, for its admins (/caucus network) even without a channel.
  await ctx.store.addNetworkLog(moved.network.id, {
    at: ctx.now,
    kind: "removed",
    by: `${ctx.member.displayName} (organiser of ${ctx.network.name})`,
    workspace: workspaceLabel(ws),
    detail: `from the network ${ctx.network.name}; it is a network of its own again`,
  });
  deliveries.push(
    ...(await networkPosts(
      ctx.store,
      { networkId: ctx.network.id, constituencyId: null, origin: null },
      textMessage(`🚪 ${workspaceLabel(ws)} was removed from the network by ${ctx.member.displayName}.`),
    )),
  );
  if (ws.announceChannel) {
    deliveries.push({
      kind: "post",
      channel: ws.announceChannel,
      message: textMessage(
        `🚪 This ${platformNoun(ws.platform)} was removed from the network ${ctx.network.name} by ${ctx.member.displayName}. ` +
          "Its deadlines and elections no longer reach you here; Caucus now works here as a network of its own, which this workspace's admins organise.",
      ),
    });
  }
  return ok({ workspace: ws, departed: moved.departed.length, deliveries });
}

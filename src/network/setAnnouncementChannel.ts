import type { CommandContext } from "../command.ts";
import type { ChannelRef } from "../message.ts";
import { err, ok, type Result } from "../result.ts";
import type { Workspace } from "../store.ts";
import { platformNoun, workspaceLabel } from "./workspaceLabel.ts";

export const channelName = (c: ChannelRef) => `#${c.name ?? c.channelId}`;

/**
 * Names (`channel`) or clears (null) where network posts go in the acting member's workspace or server. A network
 * organiser may, and so may an admin of that workspace (it is their channel, though not their network).
 */
export async function setAnnouncementChannel(ctx: CommandContext, channel: ChannelRef | null): Promise<Result<Workspace>> {
  if (!ctx.member.isOrganiser && !ctx.actor.isPlatformAdmin) {
    return err(`Only network organisers and admins of this ${platformNoun(ctx.actor.platform)} can choose where network posts go here.`);
  }
  const ws = await ctx.store.workspaceOf(ctx.actor.platform, ctx.actor.workspaceId);
  if (!ws) throw new Error("the acting workspace was not met before its command ran");
  if (channel && (channel.platform !== ws.platform || channel.workspaceId !== ws.externalId)) throw new Error("a channel of another workspace");
  if (!channel && !ws.announceChannel) return err(`This ${platformNoun(ws.platform)} has no announcement channel to clear.`);
  await ctx.store.setAnnouncementChannel(ws.id, channel);
  await ctx.store.addNetworkLog(ctx.network.id, {
    at: ctx.now,
    kind: "channel",
    by: ctx.member.displayName,
    workspace: workspaceLabel(ws),
    detail: channel ? `announcements in ${channelName(channel)}` : "no announcement channel",
  });
  return ok({ ...ws, announceChannel: channel });
}

// A DM the platform cannot deliver because the member's DMs are closed to the bot (Discord 50007) still reaches
// them: in their workspace's announcement channel, mentioning them. What that post may say is the DM's own
// decision (`fallback` on the dm Send): its contents when others may read them, else only that a DM is waiting.
import { assertNever } from "./assertNever.ts";
import { PRIVATE_DM, type ChannelRef, type Message } from "./message.ts";
import type { Delivery } from "./platformPort.ts";

export type DmDelivery = Extract<Delivery, { kind: "dm" }>;

/** The fallback of the outbox message keyed `key`: derived, so a crash or a second failure never writes two. */
export const fallbackKey = (key: string): string => `fallback:${key}`;

/** The platform's own mention syntax (Slack and Discord agree on it): the member is notified, others see a name. */
const mention = (dm: DmDelivery) => `<@${dm.to.userId}>`;

/**
 * The post that stands in for `dm` in `channel` (the announcement channel of the member's own workspace), or
 * null when the DM allows nothing to be shown. A private DM yields a notice with none of its contents: no text,
 * card, button or file of it.
 */
export function dmFallbackPost(dm: DmDelivery, channel: ChannelRef): Delivery | null {
  // The lookup is by the recipient's platform and workspace; anything else would tell one workspace about another's member.
  if (channel.platform !== dm.to.platform || channel.workspaceId !== dm.to.workspaceId) {
    throw new Error(`fallback channel ${channel.platform}/${channel.workspaceId} is not in the recipient's workspace ${dm.to.platform}/${dm.to.workspaceId}`);
  }
  const fallback = dm.fallback ?? PRIVATE_DM;
  let message: Message;
  switch (fallback.kind) {
    case "none":
      return null;
    case "copy":
      message = {
        ...dm.message,
        text: [[`📬 ${mention(dm)}, I could not DM you, so this is for you here (open your DMs from this server to get these in private):`], ...dm.message.text],
      };
      break;
    case "notice":
      message = { text: [[`📬 ${mention(dm)}, I could not DM you: open your DMs from this server to receive ${fallback.about}.`]] };
      break;
    default:
      return assertNever(fallback, "DM fallback");
  }
  return { kind: "post", channel, message };
}

// Where network posts go: each workspace or server of the network names one announcement channel
// (/caucus channel here), and a post is one `post` delivery per channel, addressed with that workspace's
// ChannelRef, so each adapter renders it natively (Block Kit, embeds, local time tokens).
import type { ChannelRef, Message } from "../message.ts";
import type { Delivery } from "../platformPort.ts";
import type { Store } from "../store.ts";

/** What a post is about: the network, or one constituency (`constituencyId`); `origin` is where it started. */
export type PostScope = { networkId: string; constituencyId: string | null; origin: ChannelRef | null };

const channelKey = (c: ChannelRef) => `${c.platform}\u0000${c.workspaceId}\u0000${c.channelId}`;

/**
 * The channel it started in, while that workspace is still in the network (one that was removed hears nothing
 * more), then the announcement channel of every workspace of the network; for a constituency, only of the
 * workspaces where someone on its roster is. Each channel once.
 */
export async function postChannels(store: Store, scope: PostScope): Promise<ChannelRef[]> {
  const workspaces = await store.listWorkspaces(scope.networkId);
  const reached = scope.constituencyId === null ? null : new Set(await store.workspacesWithRosterOf(scope.constituencyId));
  const out = new Map<string, ChannelRef>();
  if (scope.origin && workspaces.some((w) => w.platform === scope.origin!.platform && w.externalId === scope.origin!.workspaceId)) {
    out.set(channelKey(scope.origin), scope.origin);
  }
  for (const w of workspaces) {
    if (!w.announceChannel || (reached && !reached.has(w.id))) continue;
    if (!out.has(channelKey(w.announceChannel))) out.set(channelKey(w.announceChannel), w.announceChannel);
  }
  return [...out.values()];
}

/** The same message as a post in each of those channels. */
export async function networkPosts(store: Store, scope: PostScope, message: Message): Promise<Delivery[]> {
  return (await postChannels(store, scope)).map((channel) => ({ kind: "post", channel, message }));
}

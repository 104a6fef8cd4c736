import { PUBLIC_DM, type Inline } from "../message.ts";
import { networkPosts } from "../network/networkPosts.ts";
import type { Delivery } from "../platformPort.ts";
import type { Store } from "../store.ts";
import type { Election } from "./electionStore.ts";

/** A post in the channel the election was created in and in the announcement channels of the workspaces where
 *  its constituency has members (src/network/networkPosts.ts). */
export const electionPosts = (store: Store, e: Pick<Election, "networkId" | "constituencyId" | "channel">, text: Inline[][]): Promise<Delivery[]> =>
  networkPosts(store, { networkId: e.networkId, constituencyId: e.constituencyId, origin: e.channel }, { text });

/** The election's channel posts, in the election's zone, then a DM to each member in their own zone. */
export async function announceToRoll(store: Store, e: Election, memberIds: readonly string[], text: (zone: string) => Inline[][]): Promise<Delivery[]> {
  const recipients = await store.recipientsOf([...memberIds]);
  const dms: Delivery[] = [];
  for (const id of memberIds) {
    const to = recipients.get(id);
    // The same words are posted in the election's channel: nothing in them is for this member alone.
    if (to) dms.push({ kind: "dm", to, message: { text: text(to.zone) }, fallback: PUBLIC_DM });
  }
  return [...(await electionPosts(store, e, text(e.zone))), ...dms];
}

import { PUBLIC_DM, type Card, type Component, type Inline } from "../message.ts";
import { networkPosts } from "../network/networkPosts.ts";
import type { Delivery } from "../platformPort.ts";
import type { Store } from "../store.ts";
import type { Election } from "./electionStore.ts";

/** A post in the channel the election was created in and in the announcement channels of the workspaces where
 *  its constituency has members (src/network/networkPosts.ts). */
export const electionPosts = (store: Store, e: Pick<Election, "networkId" | "constituencyId" | "channel">, text: Inline[][], components?: Component[]): Promise<Delivery[]> =>
  networkPosts(store, { networkId: e.networkId, constituencyId: e.constituencyId, origin: e.channel }, { text, ...(components?.length ? { components } : {}) });

/** The election's channel posts, in the election's zone, then a DM to each member in their own zone; `components`
 *  (a Vote button) go on all of them, and `card` (the result's key facts) above the text of each. */
export async function announceToRoll(store: Store, e: Election, memberIds: readonly string[], text: (zone: string) => Inline[][], components?: Component[], card?: (zone: string) => Card): Promise<Delivery[]> {
  const recipients = await store.recipientsOf([...memberIds]);
  const message = (zone: string) => ({ text: text(zone), ...(components?.length ? { components } : {}), ...(card ? { card: card(zone) } : {}) });
  const dms: Delivery[] = [];
  for (const id of memberIds) {
    const to = recipients.get(id);
    // The same words are posted in the election's channels: nothing in them is for this member alone.
    if (to) dms.push({ kind: "dm", to, message: message(to.zone), fallback: PUBLIC_DM });
  }
  const posts = await networkPosts(store, { networkId: e.networkId, constituencyId: e.constituencyId, origin: e.channel }, message(e.zone));
  return [...posts, ...dms];
}

import { PUBLIC_DM, type Inline } from "../message.ts";
import type { Delivery } from "../platformPort.ts";
import type { Store } from "../store.ts";
import type { Election } from "./electionStore.ts";

/** A post in the channel the election was created in (none for elections created without one). */
export const channelPost = (e: Pick<Election, "channel">, text: Inline[][]): Delivery[] => (e.channel ? [{ kind: "post", channel: e.channel, message: { text } }] : []);

/** The election's channel post, in the election's zone, then a DM to each member in their own zone. */
export async function announceToRoll(store: Store, e: Election, memberIds: readonly string[], text: (zone: string) => Inline[][]): Promise<Delivery[]> {
  const recipients = await store.recipientsOf([...memberIds]);
  const dms: Delivery[] = [];
  for (const id of memberIds) {
    const to = recipients.get(id);
    // The same words are posted in the election's channel: nothing in them is for this member alone.
    if (to) dms.push({ kind: "dm", to, message: { text: text(to.zone) }, fallback: PUBLIC_DM });
  }
  return [...channelPost(e, text(e.zone)), ...dms];
}

import type { Component, Inline } from "../message.ts";
import type { Delivery } from "../platformPort.ts";
import type { Store } from "../store.ts";
import type { Election } from "./electionStore.ts";

/** A post in the channel the election was created in (none for elections created without one). */
export const channelPost = (e: Pick<Election, "channel">, text: Inline[][], components?: Component[]): Delivery[] =>
  e.channel ? [{ kind: "post", channel: e.channel, message: { text, ...(components?.length ? { components } : {}) } }] : [];

/** The election's channel post, in the election's zone, then a DM to each member in their own zone; `components`
 *  (a Vote button) go on all of them. */
export async function announceToRoll(store: Store, e: Election, memberIds: readonly string[], text: (zone: string) => Inline[][], components?: Component[]): Promise<Delivery[]> {
  const recipients = await store.recipientsOf([...memberIds]);
  const dms: Delivery[] = [];
  for (const id of memberIds) {
    const to = recipients.get(id);
    if (to) dms.push({ kind: "dm", to, message: { text: text(to.zone), ...(components?.length ? { components } : {}) } });
  }
  return [...channelPost(e, text(e.zone), components), ...dms];
}

import type { Card, Inline } from "../message.ts";
import type { Delivery } from "../platformPort.ts";
import type { Store } from "../store.ts";
import type { Election } from "./electionStore.ts";

/** A post in the channel the election was created in (none for elections created without one). */
export const channelPost = (e: Pick<Election, "channel">, text: Inline[][]): Delivery[] => (e.channel ? [{ kind: "post", channel: e.channel, message: { text } }] : []);

/** The election's channel post, in the election's zone, then a DM to each member in their own zone; `card`, if
 *  given, goes above the text of each. */
export async function announceToRoll(store: Store, e: Election, memberIds: readonly string[], text: (zone: string) => Inline[][], card?: (zone: string) => Card): Promise<Delivery[]> {
  const recipients = await store.recipientsOf([...memberIds]);
  const message = (zone: string) => ({ text: text(zone), ...(card ? { card: card(zone) } : {}) });
  const dms: Delivery[] = [];
  for (const id of memberIds) {
    const to = recipients.get(id);
    if (to) dms.push({ kind: "dm", to, message: message(to.zone) });
  }
  const post: Delivery[] = e.channel ? [{ kind: "post", channel: e.channel, message: message(e.zone) }] : [];
  return [...post, ...dms];
}

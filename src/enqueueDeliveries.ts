// Where a DM or channel post stops being a value and becomes a durable promise: it is written to the outbox
// with the change that caused it, and only answers to the event at hand travel back to the adapter.
import { assertNever } from "./assertNever.ts";
import type { Random } from "./command.ts";
import type { Send } from "./message.ts";
import type { Answer, Delivery } from "./platformPort.ts";
import type { Store } from "./store.ts";

/** Splits sends into answers (reply/form, rendered in the request's context) and deliveries (by address). */
export function splitSends(sends: readonly Send[]): { answers: Answer[]; deliveries: Delivery[] } {
  const answers: Answer[] = [];
  const deliveries: Delivery[] = [];
  for (const s of sends) {
    switch (s.kind) {
      case "reply":
      case "form":
      case "formErrors":
        answers.push(s);
        break;
      case "dm":
      case "post":
        deliveries.push(s);
        break;
      default:
        assertNever(s, "send");
    }
  }
  return { answers, deliveries };
}

/** A random key prefix in UUID form, from injected randomness (the core reads no global state). */
export function randomKeyId(random: Random): string {
  const b = random(16);
  if (b.length < 16) throw new Error("random() returned fewer bytes than asked");
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b.slice(0, 16)].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Writes the deliveries among `sends` to the outbox of `store` (call it with the transaction's store), each
 * under `keyOf(i)` (i counts deliveries only, in order), and returns the answers. Returns how many were new.
 */
export async function enqueueSends(
  store: Store,
  at: { networkId: string; now: Date; keyOf: (i: number) => string },
  sends: readonly Send[],
): Promise<{ answers: Answer[]; enqueued: number }> {
  const { answers, deliveries } = splitSends(sends);
  const enqueued = await store.outbox.enqueue(deliveries.map((delivery, i) => ({ key: at.keyOf(i), networkId: at.networkId, delivery, at: at.now })));
  return { answers, enqueued };
}

/** A command's sends: deliveries go to the outbox under `cmd:<random uuid>:<i>`; the answers come back. */
export async function enqueueCommandSends(store: Store, networkId: string, now: Date, random: Random, sends: readonly Send[]): Promise<Answer[]> {
  const id = randomKeyId(random);
  return (await enqueueSends(store, { networkId, now, keyOf: (i) => `cmd:${id}:${i}` }, sends)).answers;
}

// The shape of a Delivery as the outbox stores it (JSON), parsed back at the edge: instants inside text were
// Dates and come back as ISO strings, so they are revived here, and anything else is refused.
import { z } from "zod";
import type { Message } from "./message.ts";
import type { Delivery } from "./platformPort.ts";
import { channelRefSchema } from "./jsonColumns.ts";
import { err, ok, type Result } from "./result.ts";

const instantSpanSchema = z.object({
  kind: z.literal("instant"),
  at: z.union([z.date(), z.iso.datetime().transform((s) => new Date(s))]),
  zone: z.string(),
  fixed: z.boolean().optional(),
});
const inlineSchema = z.union([z.string(), instantSpanSchema]);

const componentSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("button"),
    actionId: z.string(),
    label: z.string(),
    value: z.string(),
    style: z.enum(["primary", "danger"]).optional(),
  }),
  z.object({
    kind: z.literal("select"),
    actionId: z.string(),
    placeholder: z.string(),
    options: z.array(z.object({ label: z.string(), value: z.string() })),
  }),
]);

const cardSchema = z.object({
  title: z.array(inlineSchema),
  fields: z.array(z.object({ label: z.string(), value: z.array(inlineSchema) })),
  flag: z.string().optional(),
  url: z.string().optional(),
});

const messageSchema = z.object({
  text: z.array(z.array(inlineSchema)),
  card: cardSchema.optional(),
  components: z.array(componentSchema).optional(),
  attachment: z.object({ filename: z.string(), mediaType: z.string(), content: z.string() }).optional(),
});

const recipientSchema = z.object({
  memberId: z.string(),
  displayName: z.string(),
  platform: z.string(),
  workspaceId: z.string(),
  userId: z.string(),
  zone: z.string(),
});

const dmFallbackSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("copy") }),
  z.object({ kind: z.literal("notice"), about: z.string() }),
  z.object({ kind: z.literal("none") }),
]);

export const deliverySchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("dm"), to: recipientSchema, message: messageSchema, fallback: dmFallbackSchema.optional() }),
  z.object({ kind: z.literal("post"), channel: channelRefSchema, message: messageSchema }),
]);

// The schema and the core's type must describe the same thing, both ways: this fails to compile when they drift.
type Parsed = z.infer<typeof deliverySchema>;
const sameShape: [Parsed extends Delivery ? true : false, Delivery extends Parsed ? true : false] = [true, true];
void sameShape;
// An optional field the schema forgot would pass the check above and be stripped on the way in (as `card` was).
type Missing<T, U> = Exclude<T extends unknown ? keyof T : never, U extends unknown ? keyof U : never>;
const nothingMissing: [[Missing<Delivery, Parsed>] extends [never] ? true : false, [Missing<Message, z.infer<typeof messageSchema>>] extends [never] ? true : false] = [true, true];
void nothingMissing;

/** Reads a stored payload back into a Delivery; an unreadable one is reported, never thrown. */
export function parseDelivery(json: unknown): Result<Delivery> {
  const r = deliverySchema.safeParse(json);
  return r.success ? ok(r.data) : err(`unreadable payload: ${z.prettifyError(r.error).split("\n").slice(0, 4).join(" ")}`);
}

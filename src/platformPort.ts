import { assertNever } from "./assertNever.ts";
import type { InboundEvent } from "./event.ts";
import type { Logger } from "./logger.ts";
import type { Send } from "./message.ts";

/** Sends that go somewhere by address (not in answer to an event): what the scheduler produces. */
export type Delivery = Extract<Send, { kind: "dm" | "post" }>;

/** Sends that only make sense as the answer to the event being handled. */
export type Answer = Extract<Send, { kind: "reply" | "form" }>;

/**
 * What a platform adapter (console, Slack, Discord) implements. The adapter authenticates inbound requests,
 * turns them into typed events for `onEvent`, renders every answer in the request's own context (ephemeral or
 * public reply, modal), and delivers DMs and channel posts addressed to its platform.
 */
export interface PlatformPort {
  readonly platform: string;
  start(onEvent: (event: InboundEvent) => Promise<Send[]>): Promise<void>;
  deliver(delivery: Delivery): Promise<void>;
  stop(): Promise<void>;
}

export function platformOf(d: Delivery): string {
  switch (d.kind) {
    case "dm":
      return d.to.platform;
    case "post":
      return d.channel.platform;
    default:
      return assertNever(d, "delivery");
  }
}

/** Routes each delivery to the adapter of its platform; one failed delivery is logged and never stops the rest. */
export async function deliverAll(ports: readonly PlatformPort[], sends: readonly Send[], log: Logger): Promise<void> {
  for (const s of sends) {
    if (s.kind === "reply" || s.kind === "form") {
      log.warn({ kind: s.kind }, "an answer reached delivery without an event to answer; dropped");
      continue;
    }
    const port = ports.find((p) => p.platform === platformOf(s));
    if (!port) {
      log.warn({ platform: platformOf(s) }, "no adapter for this platform is running; message not delivered");
      continue;
    }
    try {
      await port.deliver(s);
    } catch (err) {
      log.error({ err, platform: port.platform, kind: s.kind }, "delivery failed");
    }
  }
}

import { describe, expect, it } from "vitest";
import { deliverAll, UNLIMITED, type Delivery, type PlatformPort } from "../src/platformPort.ts";
import type { Logger } from "../src/logger.ts";
import { textMessage, type Send } from "../src/message.ts";

function port(platform: string, fail = false) {
  const got: Delivery[] = [];
  const p: PlatformPort = {
    platform,
    limits: UNLIMITED,
    start: async () => {},
    stop: async () => {},
    connected: () => true,
    deliver: async (d) => {
      if (fail) throw new Error("429 from the platform");
      got.push(d);
      return { kind: "sent" as const };
    },
  };
  return { p, got };
}
function recordingLog() {
  const lines: string[] = [];
  const log: Logger = { debug() {}, info() {}, warn: (_o, m) => lines.push(`warn ${m}`), error: (_o, m) => lines.push(`error ${m}`) };
  return { log, lines };
}
const dm = (platform: string, name: string): Send => ({
  kind: "dm",
  to: { memberId: name, displayName: name, platform, workspaceId: "w", userId: name, zone: "UTC" },
  message: textMessage(`hi ${name}`),
});

describe("deliverAll", () => {
  it("routes each DM and post to the adapter of its platform", async () => {
    const slack = port("slack");
    const discord = port("discord");
    const { log } = recordingLog();
    const post: Send = { kind: "post", channel: { platform: "discord", workspaceId: "g", channelId: "c" }, message: textMessage("news") };
    await deliverAll([slack.p, discord.p], [dm("slack", "ana"), post, dm("discord", "ben")], log);
    expect(slack.got.map((d) => d.kind)).toEqual(["dm"]);
    expect(discord.got.map((d) => d.kind)).toEqual(["post", "dm"]);
  });

  it("logs a failed delivery and still delivers the rest", async () => {
    const broken = port("slack", true);
    const ok = port("console");
    const { log, lines } = recordingLog();
    await deliverAll([broken.p, ok.p], [dm("slack", "ana"), dm("console", "ben")], log);
    expect(ok.got).toHaveLength(1);
    expect(lines).toEqual(["error delivery failed"]);
  });

  it("warns about a platform with no running adapter, and about an answer with no event", async () => {
    const { log, lines } = recordingLog();
    await deliverAll([], [dm("slack", "ana"), { kind: "reply", visibility: "private", message: textMessage("x") }], log);
    expect(lines).toEqual(["warn no adapter for this platform is running; message not delivered", "warn an answer reached delivery without an event to answer; dropped"]);
  });
});

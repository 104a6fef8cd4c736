// DMs and posts through the outbox to the fake Web API: pacing, Slack's 429 Retry-After, transient and permanent
// failures, and nothing dropped. The dispatcher runs on a virtual clock, the Web API calls are real HTTP.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SLACK_LIMITS } from "../../adapters/slack/slackLimits.ts";
import { textMessage } from "../../src/message.ts";
import type { Delivery } from "../../src/platformPort.ts";
import { clearAll } from "../support/testApp.ts";
import { FAKE_TEAM } from "../support/fakeSlack.ts";
import { startSlackHarness, type SlackHarness } from "../support/slackHarness.ts";

const T0 = new Date("2026-04-01T08:00:00Z");
let h: SlackHarness;
let networkId: string;
beforeAll(async () => {
  h = await startSlackHarness({ start: T0 });
}, 30_000);
afterAll(async () => h?.close());
beforeEach(async () => {
  await clearAll(h.app);
  h.fake.reset();
  const r = await h.app.store.resolveActor({ platform: "slack", workspaceId: FAKE_TEAM.id, workspaceName: FAKE_TEAM.domain, userId: "U0ORGANISE", displayName: "olga", isPlatformAdmin: true });
  networkId = r.network.id;
});

const dm = (userId: string, text: string): Delivery => ({
  kind: "dm",
  to: { memberId: `m-${userId}`, displayName: userId, platform: "slack", workspaceId: FAKE_TEAM.id, userId, zone: "UTC" },
  message: textMessage(text),
});
const enqueue = (deliveries: Delivery[]) =>
  h.app.store.outbox.enqueue(deliveries.map((delivery, i) => ({ key: `test:${i}:${JSON.stringify(delivery).length}:${Math.random()}`, networkId, delivery, at: T0 })));

describe("a DM fan-out through the outbox", () => {
  it("delivers 120 DMs paced to Slack's rate, waits out one 429's Retry-After, and drops nothing", async () => {
    const users = Array.from({ length: 120 }, (_, i) => `U0FAN${String(i).padStart(5, "0")}`);
    await enqueue(users.map((u) => dm(u, `Hello ${u}`)));
    const sentAt: { channel: string; at: number }[] = [];
    let limitedAt = 0;
    h.fake.on("chat.postMessage", (call) => {
      const at = h.deliveryNow().getTime();
      // The 40th call is refused with Retry-After: 7 (seconds), as Slack answers a rate-limited call.
      if (h.fake.callsTo("chat.postMessage").length === 40) {
        limitedAt = at;
        return { status: 429, headers: { "retry-after": "7" }, body: { ok: false, error: "ratelimited" } };
      }
      sentAt.push({ channel: String(call.params.channel), at });
      return undefined;
    });
    await h.deliver({ concurrency: 1 });

    expect(new Set(sentAt.map((s) => s.channel)).size).toBe(120);
    expect(sentAt).toHaveLength(120);
    expect(h.fake.callsTo("chat.postMessage")).toHaveLength(121);
    // Nothing went to Slack sooner than it said. (One send at a time: on the virtual clock a concurrent worker's
    // paced wait can end before the 429's HTTP answer is back, which real time does not allow.)
    const after = sentAt.filter((s) => s.at > limitedAt);
    expect(after.length).toBeGreaterThan(70);
    expect(Math.min(...after.map((s) => s.at))).toBeGreaterThanOrEqual(limitedAt + 7_000);
    // Paced: a burst, then at most `perSecond` a second (the whole run takes at least that long).
    const { perSecond, burst } = SLACK_LIMITS.rate;
    const span = Math.max(...sentAt.map((s) => s.at)) - Math.min(...sentAt.map((s) => s.at));
    expect(span).toBeGreaterThanOrEqual(((120 - burst) / perSecond) * 1000);
    const counts = await h.app.store.outbox.counts(networkId);
    expect(counts).toMatchObject({ sent: 120, failed: 0, pending: 0 });
  });

  it("retries a 5xx and a dropped request, and fails for good what Slack says will never work, with the reason", async () => {
    await enqueue([dm("U0GONE0001", "a"), dm("U0FLAKY001", "b"), dm("U0OK000001", "c"), { kind: "post", channel: { platform: "slack", workspaceId: FAKE_TEAM.id, channelId: "C0ARCHIVED" }, message: textMessage("d") }]);
    h.fake.on("chat.postMessage", (call) => {
      if (call.params.channel === "U0GONE0001") return { body: { ok: false, error: "user_not_found" } };
      if (call.params.channel === "C0ARCHIVED") return { body: { ok: false, error: "is_archived" } };
      if (call.params.channel === "U0FLAKY001" && h.fake.callsTo("chat.postMessage").filter((c) => c.params.channel === "U0FLAKY001").length === 1) return { status: 503, body: { ok: false } };
      return undefined;
    });
    await h.deliver();
    const failed = await h.app.store.outbox.failed(networkId, 10);
    expect(failed.map((f) => f.failedReason).sort()).toEqual(["Slack: is_archived", "Slack: user_not_found"]);
    expect(h.fake.callsTo("chat.postMessage").filter((c) => c.params.channel === "U0FLAKY001")).toHaveLength(2);
    expect(await h.app.store.outbox.counts(networkId)).toMatchObject({ sent: 2, failed: 2, pending: 0 });
  });

  it("sends a DM to the user id (the app's Messages tab) with blocks and a notification text", async () => {
    const outcome = await h.adapter.deliver(dm("U0SOLO0001", "Hello & welcome <3"), "k1");
    expect(outcome).toEqual({ kind: "sent" });
    const call = h.fake.callsTo("chat.postMessage")[0]!;
    expect(call.params.channel).toBe("U0SOLO0001");
    expect(call.params.text).toBe("Hello & welcome <3");
    expect(JSON.stringify(call.params.blocks)).toContain("Hello &amp; welcome &lt;3");
    expect(call.token).toMatch(/^xoxb-/);
  });

  it("reads a 429 as retry with Retry-After in ms, without the client sleeping on it", async () => {
    h.fake.once("chat.postMessage", () => ({ status: 429, headers: { "retry-after": "30" }, body: { ok: false, error: "ratelimited" } }));
    const t0 = Date.now();
    expect(await h.adapter.deliver(dm("U0SOLO0001", "x"), "k2")).toEqual({ kind: "retry", reason: "rate limited by Slack (Retry-After 30 s)", retryAfterMs: 30_000 });
    expect(Date.now() - t0).toBeLessThan(2_000);
  });
});

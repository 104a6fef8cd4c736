// A complete deadline from Discord, and the outbox delivering through discord.js: DM fan-out that obeys a 429's
// retry_after (nothing dropped, nothing retried sooner or twice), DMs refused (50007), member look-ups.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { App } from "../../adapters/compose.ts";
import { clearAll } from "../support/testApp.ts";
import { GUILD, bodyText, openDiscordHarness, type DiscordHarness } from "../support/discordHarness.ts";
import { MANAGER_PERMISSIONS, user, type RecordedCall } from "../support/fakeDiscord.ts";

const olga = { user: user("1000000000000000010", "Olga"), permissions: MANAGER_PERMISSIONS };
const members = ["Ana", "Ben", "Cat", "Dan"].map((n, i) => ({ user: user(`10000000000000000${31 + i}`, n) }));
const [ana, , cat] = members;
const dmChannelOf = (id: string) => `9${id.slice(1)}`;
const sentDms = (calls: RecordedCall[]) => calls.filter((c) => c.method === "POST" && c.path.startsWith("/channels/9") && c.path.endsWith("/messages"));

describe("a deadline from Discord, delivered by the outbox through discord.js", () => {
  let app: App;
  let h: DiscordHarness;
  beforeAll(async () => {
    ({ app, h } = await openDiscordHarness());
  });
  afterAll(async () => {
    await h?.close();
    await app?.close();
  });
  beforeEach(async () => {
    await clearAll(app);
    h.attempts.length = 0;
    h.clock.set(new Date("2026-04-01T08:00:00Z"));
  });

  async function meetEveryone() {
    await h.command(olga, "timezone", "", { zone: "Europe/Paris" });
    for (const m of members) await h.command(m!, "timezone", "", { zone: "UTC" });
    await h.deliver();
  }

  it("announces a deadline to every member by DM; a 429 pauses the fan-out for its retry_after and loses nothing", async () => {
    await meetEveryone();
    // The first DM is refused with a rate limit, as Discord sends it (header and body).
    let limited = 0;
    const unroute = h.fake.route((c) =>
      c.method === "POST" && c.path.startsWith("/channels/9") && limited++ === 0
        ? { status: 429, headers: { "retry-after": "2.5", "x-ratelimit-scope": "user" }, body: { message: "You are being rate limited.", retry_after: 2.5, global: false } }
        : undefined,
    );
    const added = await h.command(olga, "deadline", "add", { title: "Grant report", date: "2026-04-10", time: "17:00", zone: "Europe/Paris" });
    expect(added.text).toContain("Grant report");
    const calls = await h.deliver();
    unroute();

    const dms = sentDms(calls);
    // Five members, five DMs delivered, one refused attempt: discord.js itself retried nothing.
    expect(dms).toHaveLength(6);
    const delivered = h.attempts.filter((a) => a.outcome.kind === "sent" && a.delivery.kind === "dm");
    expect(delivered).toHaveLength(5);
    const refused = h.attempts.filter((a) => a.outcome.kind === "retry");
    expect(refused).toHaveLength(1);
    expect(refused[0]!.outcome).toMatchObject({ kind: "retry", retryAfterMs: expect.any(Number) });
    const wait = (refused[0]!.outcome as { retryAfterMs: number }).retryAfterMs;
    expect(wait).toBeGreaterThanOrEqual(2500);
    // Nothing went to Discord again before the wait it asked for was over.
    for (const a of h.attempts.slice(h.attempts.indexOf(refused[0]!) + 1)) expect(a.at).toBeGreaterThanOrEqual(refused[0]!.at + 2500);
    // Every member got the announcement exactly once; times are Discord timestamps.
    const recipients = dms.slice(1).map((c) => c.path.split("/")[2]);
    expect(new Set(recipients).size).toBe(5);
    for (const c of dms.slice(1)) expect(bodyText(c.body)).toMatch(/Grant report[\s\S]*<t:1775833200:F>/);
    // Each DM carries the outbox key as an enforced nonce, so a repeated attempt is not posted twice.
    for (const c of dms) expect(c.body).toMatchObject({ nonce: expect.stringMatching(/^[\w-]{25}$/), enforce_nonce: true });
  });

  it("records a DM refused with 50007 as failed, dm-closed, and delivers the others", async () => {
    await meetEveryone();
    const unroute = h.fake.route((c) =>
      c.method === "POST" && c.path === `/channels/${dmChannelOf(cat!.user.id)}/messages` ? { status: 403, body: { message: "Cannot send messages to this user", code: 50007 } } : undefined,
    );
    await h.command(olga, "deadline", "add", { title: "Budget", date: "2026-04-12", time: "12:00" });
    await h.deliver();
    unroute();
    const failed = h.attempts.filter((a) => a.outcome.kind === "failed");
    expect(failed.map((a) => a.outcome)).toEqual([{ kind: "failed", reason: expect.stringContaining("50007"), unreachable: "dm-closed" }]);
    expect(h.attempts.filter((a) => a.outcome.kind === "sent" && a.delivery.kind === "dm")).toHaveLength(4);
  });

  it("moves, reminds and cancels a deadline, each re-announced; plain members cannot add network deadlines", async () => {
    await meetEveryone();
    await h.command(olga, "deadline", "add", { title: "Grant report", date: "2026-04-10", time: "17:00", zone: "Europe/Paris", ladder: "24h" });
    await h.deliver();
    const list = await h.command(ana!, "deadline", "list", {});
    expect(list.text).toMatch(/D1 <t:1775833200:F> · Grant report/);
    const moved = await h.command(olga, "deadline", "move", { deadline: "D1", date: "2026-04-11", time: "17:00" });
    expect(moved.text).toContain("D1");
    const movedDms = sentDms(await h.deliver());
    expect(movedDms.length).toBe(5);
    expect(bodyText(movedDms[0]!.body)).toMatch(/moved|Moved/);
    // The reminder 24 hours before goes out by DM when the clock reaches it.
    const before = h.fake.calls.length;
    await h.tick(new Date("2026-04-10T15:00:00Z"));
    const reminders = sentDms(h.fake.calls.slice(before));
    expect(reminders.length).toBe(5);
    expect(bodyText(reminders[0]!.body)).toContain("Grant report");
    await h.command(olga, "deadline", "cancel", { deadline: "D1" });
    const cancelled = sentDms(await h.deliver());
    expect(bodyText(cancelled[0]!.body)).toMatch(/cancel/i);
    // Without Manage Server, a member is no organiser.
    expect((await h.command(ana!, "deadline", "add", { title: "Mine", date: "2026-04-20", time: "12:00" })).text).toContain("Only network organisers");
  });

  it("looks members up in the server: found with their display name, unknown, or unavailable when rate limited", async () => {
    expect(await h.adapter.lookupUser!(GUILD.id, olga.user.id)).toEqual({ kind: "found", displayName: "Olga" });
    expect(await h.adapter.lookupUser!(GUILD.id, "1999999999999999999")).toEqual({ kind: "unknown" });
    const unroute = h.fake.route((c) => (c.path.startsWith("/guilds/") ? { status: 429, headers: { "retry-after": "1" }, body: { message: "You are being rate limited.", retry_after: 1, global: false } } : undefined));
    expect(await h.adapter.lookupUser!(GUILD.id, olga.user.id)).toMatchObject({ kind: "unavailable" });
    unroute();
  });
});

// The DM-closed fallback end to end: the real discord.js client, the fake Discord refusing a member's DM with
// 50007, and the outbox posting it in the server's announcement channel instead, mentioning them.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { App } from "../../adapters/compose.ts";
import { clearAll, targets } from "../support/testApp.ts";
import { GUILD, startDiscordHarness, type DiscordHarness } from "../support/discordHarness.ts";
import { chatInput, commandOptions, MANAGER_PERMISSIONS, user, type RecordedCall } from "../support/fakeDiscord.ts";

const ana = user("1000000000000000011", "Ana");
const ben = user("1000000000000000012", "Ben");
const olga = user("1000000000000000013", "Olga");
const ANNOUNCEMENTS = "1100000000000000077";
/** The fake opens DM channel `9…` for user `1…`. */
const dmChannelOf = (userId: string) => `9${userId.slice(1)}`;

describe("a DM refused with 50007 reaches the member in the announcement channel (discord.js against the fake Discord)", () => {
  let app: App;
  let h: DiscordHarness;
  beforeAll(async () => {
    app = await targets()[0]!.open();
    h = await startDiscordHarness(app, { start: new Date("2026-06-01T08:00:00Z") });
  });
  afterAll(async () => {
    await h?.close();
    await app?.close();
  });
  beforeEach(() => clearAll(app));

  const messagesTo = (channelId: string): RecordedCall[] => h.fake.calls.filter((c) => c.method === "POST" && c.path === `/channels/${channelId}/messages`);

  it("posts ana's deadline announcement in the announcement channel with her mention after Discord refuses her DM, and delivers ben's as a DM", async () => {
    for (const u of [ana, ben]) await h.fake.interact(chatInput(GUILD, { user: u }, "timezone", commandOptions("", { zone: "UTC" })));
    await h.fake.interact(chatInput(GUILD, { user: olga, permissions: MANAGER_PERMISSIONS }, "timezone", commandOptions("", { zone: "UTC" })));
    await app.store.setAnnouncementChannel((await app.store.workspaceOf("discord", GUILD.id))!.id, { platform: "discord", workspaceId: GUILD.id, channelId: ANNOUNCEMENTS, name: "announcements" });
    await h.dispatcher.settle();
    const removeRoute = h.fake.route((c) =>
      c.method === "POST" && c.path === `/channels/${dmChannelOf(ana.id)}/messages` ? { status: 403, body: { message: "Cannot send messages to this user", code: 50007 } } : undefined,
    );
    try {
      const before = h.fake.calls.length;
      const i = chatInput(GUILD, { user: olga, permissions: MANAGER_PERMISSIONS }, "deadline", commandOptions("add", { title: "Speakers", date: "2026-06-05", time: "08:00", zone: "UTC" }));
      await h.fake.interact(i);
      await h.fake.waitForCall((c) => c.method === "PATCH" && c.path.includes(i.token));
      const report = await h.dispatcher.settle();
      expect(report).toMatchObject({ failed: 1, fellBack: 1 });
      const since = (calls: RecordedCall[]) => calls.filter((c) => h.fake.calls.indexOf(c) >= before);
      // Discord was asked, and refused.
      expect(since(messagesTo(dmChannelOf(ana.id)))).toHaveLength(1);
      expect(h.attempts.some((a) => a.outcome.kind === "failed" && a.outcome.unreachable === "dm-closed")).toBe(true);
      const mentioningAna = since(messagesTo(ANNOUNCEMENTS)).filter((c) => (c.body as { content: string }).content.includes(`<@${ana.id}>`));
      expect(mentioningAna).toHaveLength(1);
      const body = mentioningAna[0]!.body as { content: string; allowed_mentions: { parse: string[] } };
      expect(body.content).toMatch(new RegExp(`^📬 <@${ana.id}>, I could not DM you`));
      expect(body.content).toMatch(/New deadline D1/);
      // Her mention notifies her; nothing else in it pings anyone.
      expect(body.allowed_mentions.parse).toEqual(["users"]);
      expect(since(messagesTo(dmChannelOf(ben.id)))).toHaveLength(1);
    } finally {
      removeRoute();
    }
  });
});

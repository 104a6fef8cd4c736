// Slack organisation features through the real Bolt app and the fake Web API: App Home published on
// app_home_opened, rosters following a user group (usergroups.users.list, subteam_* events), and workspace
// admins and owners as organisers by right.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { registerGroupEvents } from "../../adapters/slack/slackGroups.ts";
import { registerAppHome } from "../../adapters/slack/slackHome.ts";
import { FAKE_TEAM } from "../support/fakeSlack.ts";
import { eventCallback, postToBot } from "../support/slackPayloads.ts";
import { BOT_TOKEN, SIGNING_SECRET, startSlackHarness, type SlackHarness } from "../support/slackHarness.ts";
import { clearAll } from "../support/testApp.ts";

const olga = { id: "U0OLGA0001", name: "olga" }; // workspace admin
const otto = { id: "U0OTTO0001", name: "otto" }; // workspace owner
const ada = { id: "U0ADA00001", name: "ada" }; // an admin who is demoted
const ana = { id: "U0ANA00001", name: "ana" };
const ben = { id: "U0BEN00001", name: "ben" };
const nia = { id: "U0NIA00001", name: "nia" }; // in the user group, has never used Caucus

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness({ start: new Date("2030-03-30T11:00:00Z"), extend: (adapter) => adapter.extend((ext) => (registerAppHome(ext), registerGroupEvents(ext))) });
}, 30_000);
afterAll(async () => h?.close());
beforeEach(async () => {
  await clearAll(h.app);
  h.fake.reset();
  h.fake.addUser({ id: olga.id, name: "olga", tz: "UTC", is_admin: true });
  h.fake.addUser({ id: otto.id, name: "otto", tz: "UTC", is_owner: true });
  h.fake.addUser({ id: ada.id, name: "ada", tz: "UTC", is_admin: true });
  h.fake.addUser({ id: ana.id, name: "ana", tz: "Europe/Paris" });
  h.fake.addUser({ id: ben.id, name: "ben", tz: "America/Bogota" });
  h.fake.addUser({ id: nia.id, name: "nia", tz: "Africa/Nairobi" });
});

const replies = () => h.fake.responses.map((r) => String(r.body.text));
const lastReply = () => replies().at(-1) ?? "";

async function event(ev: Record<string, unknown>): Promise<number> {
  const r = await postToBot(h.eventsUrl, JSON.stringify(eventCallback(ev)), SIGNING_SECRET, { contentType: "application/json" });
  await h.settle();
  return r.status;
}
const roster = async () => (await h.app.store.roster((await h.app.db.prisma.constituency.findFirstOrThrow()).id)).map((r) => r.member.displayName).sort();

describe("workspace admins and owners are organisers by right", () => {
  it("lets an admin and an owner run organiser commands, and refuses a plain member with a clear message", async () => {
    await h.command(olga, "/constituency create Youth");
    expect(lastReply()).toMatch(/^Constituency "Youth" created by olga/);
    await h.command(otto, "/constituency create Elders");
    expect(lastReply()).toMatch(/^Constituency "Elders" created by otto/);
    await h.command(ana, "/constituency create Rebels");
    expect(lastReply()).toBe(
      "⚠️ Only network organisers can create constituencies. Admins of the workspace that founded the network are organisers by right; an organiser can make you one with /caucus organiser add <member>.",
    );
    expect((await h.app.db.prisma.constituency.findMany({ orderBy: { name: "asc" } })).map((c) => c.name)).toEqual(["Elders", "Youth"]);
  });

  it("stops treating someone as an organiser once Slack says they are no longer an admin (user_change)", async () => {
    await h.command(ada, "/constituency create Youth");
    expect(lastReply()).toMatch(/^Constituency "Youth" created by ada/);
    await event({ type: "user_change", user: { id: ada.id, team_id: FAKE_TEAM.id, name: "ada", tz: "UTC", is_admin: false, is_owner: false, profile: { display_name: "ada" } } });
    await h.command(ada, "/constituency create Elders");
    expect(lastReply()).toMatch(/^⚠️ Only network organisers can create constituencies\./);
  });
});

describe("App Home", () => {
  it("publishes once when Slack delivers the same event twice (a redelivery, or a replay: one event_id)", async () => {
    await h.command(ana, "/timezone");
    h.fake.reset();
    const payload = JSON.stringify(eventCallback({ type: "app_home_opened", user: ana.id, channel: `D${ana.id.slice(1)}`, tab: "home" }));
    for (let i = 0; i < 2; i++) {
      expect((await postToBot(h.eventsUrl, payload, SIGNING_SECRET, { contentType: "application/json", headers: i ? { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" } : {} })).status).toBe(200);
      await h.settle();
    }
    expect(h.fake.callsTo("views.publish")).toHaveLength(1);
  });

  it("publishes the member's page with views.publish when they open the Home tab: deadlines as cards with Slack date tokens", async () => {
    await h.command(olga, "/deadline add Census 2030-03-31 12:00 Europe/Paris");
    await h.command(ana, "/timezone");
    h.fake.reset();
    expect(await event({ type: "app_home_opened", user: ana.id, channel: `D${ana.id.slice(1)}`, tab: "home" })).toBe(200);
    const published = h.fake.callsTo("views.publish");
    expect(published.map((c) => [c.params.user_id, c.token])).toEqual([[ana.id, BOT_TOKEN]]);
    const view = published[0]!.params.view as { type: string; blocks: { type: string; text?: { text: string }; fields?: { text: string }[]; elements?: { text: string }[] }[] };
    expect(view.type).toBe("home");
    const headers = view.blocks.filter((b) => b.type === "header").map((b) => b.text!.text);
    expect(headers).toEqual([`Caucus · ${FAKE_TEAM.domain}`, "Your upcoming deadlines", "Elections you can act in", "Your nominations", "Your mandates"]);
    const card = view.blocks.find((b) => b.fields)!;
    expect(card.text!.text).toBe("*D1 Census*");
    // 12:00 in Paris the day clocks go forward (10:00 UTC), 23 h after 11:00 UTC the day before.
    expect(card.fields!.map((f) => f.text)).toEqual([
      `*Due (your time)*\n<!date^${Date.UTC(2030, 2, 31, 10) / 1000}^{date_long_pretty} {time}|2030-03-31 10:00 UTC / 2030-03-31 12:00 Europe/Paris>`,
      "*Time left*\n23 h left",
      "*Notice given*\n23 h",
      "*For*\neveryone in the network",
    ]);
    // The card is the item: its facts are not repeated below it as text.
    expect(JSON.stringify(view.blocks).match(/Census/g)).toHaveLength(1);
    expect(JSON.stringify(view.blocks)).toContain("Short notice: less than 72 h");
  });

  it("publishes nothing when the member opens the Messages tab", async () => {
    await event({ type: "app_home_opened", user: ana.id, channel: `D${ana.id.slice(1)}`, tab: "messages" });
    expect(h.fake.callsTo("views.publish")).toEqual([]);
  });
});

describe("a roster following a Slack user group", () => {
  const group = "<!subteam^S0YOUTH01|@youth>";
  beforeEach(() => {
    h.fake.on("usergroups.users.list", (call) => (call.params.usergroup === "S0YOUTH01" ? { body: { ok: true, users: [ana.id, nia.id] } } : { body: { ok: false, error: "no_such_subteam" } }));
  });

  it("is brought in step when an organiser follows the group: usergroups.users.list, unknown members met through users.info", async () => {
    await h.command(olga, "/constituency create Youth");
    await h.command(ana, "/timezone");
    h.fake.reset();
    h.fake.on("usergroups.users.list", () => ({ body: { ok: true, users: [ana.id, nia.id] } }));
    await h.command(olga, `/constituency follow Youth ${group}`);
    expect(lastReply()).toContain("Youth's roster now follows the Slack user group @youth");
    expect(lastReply()).toContain("joined: ana, nia");
    expect(h.fake.callsTo("usergroups.users.list").map((c) => [c.params.usergroup, c.token])).toEqual([["S0YOUTH01", BOT_TOKEN]]);
    expect(h.fake.callsTo("users.info").map((c) => c.params.user)).toContain(nia.id);
    expect(await roster()).toEqual(["ana", "nia"]);
  });

  it("refuses a group Slack does not know, with nothing followed", async () => {
    await h.command(olga, "/constituency create Youth");
    await h.command(olga, "/constituency follow Youth <!subteam^S0NOPE001|@nope>");
    expect(lastReply()).toBe("⚠️ slack knows no group @nope in this workspace: type @ and pick it from the list.");
    expect(await h.app.db.prisma.constituencyGroup.count()).toBe(0);
  });

  it("follows subteam_members_changed, and ignores subteam_updated for a disabled group", async () => {
    await h.command(olga, "/constituency create Youth");
    await h.command(olga, `/constituency follow Youth ${group}`);
    expect(
      await event({ type: "subteam_members_changed", subteam_id: "S0YOUTH01", team_id: FAKE_TEAM.id, date_previous_update: 1_446_670_362, date_update: 1_492_906_952, added_users: [ben.id], added_users_count: "1", removed_users: [nia.id], removed_users_count: "1" }),
    ).toBe(200);
    expect(await roster()).toEqual(["ana", "ben"]);
    await event({ type: "subteam_updated", subteam: { id: "S0YOUTH01", team_id: FAKE_TEAM.id, is_usergroup: true, name: "Youth", handle: "youth", date_delete: 1_700_000_000, users: [], user_count: 0 } });
    expect(await roster()).toEqual(["ana", "ben"]);
    // A live group's full list (as subteam_updated carries it) replaces the workspace's part of the roster.
    await event({ type: "subteam_updated", subteam: { id: "S0YOUTH01", team_id: FAKE_TEAM.id, is_usergroup: true, name: "Youth caucus", handle: "youth-caucus", date_delete: 0, users: [nia.id], user_count: 1 } });
    expect(await roster()).toEqual(["nia"]);
    expect((await h.app.db.prisma.constituencyGroup.findFirstOrThrow()).name).toBe("youth-caucus");
  });
});

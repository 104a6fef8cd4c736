// Issue 11 end to end: one process runs the real Bolt app and the real discord.js client against the fake Slack
// and the fake Discord, on one database and one outbox. A Slack workspace founds the network, a Discord server
// joins it with a join code; a deadline and an election run across both; codes and networks stay apart.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../adapters/compose.ts";
import { startHttpServer, type HttpServer } from "../adapters/http/startHttpServer.ts";
import { createSlackAdapter, type SlackAdapter } from "../adapters/slack/slackAdapter.ts";
import { SLACK_LIMITS } from "../adapters/slack/slackLimits.ts";
import { createEventHandler } from "../src/eventHandler.ts";
import { silentLogger } from "../src/logger.ts";
import { createOutboxDispatcher } from "../src/outboxDispatcher.ts";
import type { PlatformPort } from "../src/platformPort.ts";
import { userDirectory } from "../src/userDirectory.ts";
import { createVirtualClock } from "../src/virtualClock.ts";
import { bodyText, startDiscordHarness, type DiscordHarness } from "./support/discordHarness.ts";
import { MANAGER_PERMISSIONS, chatInput, commandOptions, user, type FakeGuild, type RecordedCall, type Who } from "./support/fakeDiscord.ts";
import { startFakeSlack, type FakeCall, type FakeSlack } from "./support/fakeSlack.ts";
import { formEncoded, postToBot, slashCommand, type SlackPerson } from "./support/slackPayloads.ts";
import { BOT_TOKEN, countBoltWork, SIGNING_SECRET } from "./support/slackHarness.ts";
import { clearAll, targets } from "./support/testApp.ts";

const T0 = new Date("2026-04-01T08:00:00Z");

const COALITION = { id: "T0COALITN1", domain: "coalition" } as const;
const NETWORK_CHANNEL = { id: "C0NETWORK1", name: "network" } as const;
const YOUTH: FakeGuild = { id: "1100000000000000001", name: "Youth Network", channelId: "1100000000000000002", ownerId: "1100000000000000009" };
const OTHER: FakeGuild = { id: "1500000000000000001", name: "Other Collective", channelId: "1500000000000000002", ownerId: "1500000000000000009" };

// Slack people (the fake's users.info gives their zones and admin flags).
const olga: SlackPerson = { id: "U0OLGA0001", name: "olga" };
const ben: SlackPerson = { id: "U0BEN00001", name: "ben" };
const anaSlack: SlackPerson = { id: "U0ANA00001", name: "ana" };
// Discord people.
const dora: Who = { user: user("1000000000000000010", "Dora"), permissions: MANAGER_PERMISSIONS };
const cat: Who = { user: user("1000000000000000031", "Cat") };
const anaDiscord: Who = { user: user("1000000000000000032", "Ana") };
const otto: Who = { user: user("1000000000000000050", "Otto"), permissions: MANAGER_PERMISSIONS };

let app: App;
let slack: FakeSlack;
let adapter: SlackAdapter;
let http: HttpServer;
let d: DiscordHarness;
let working: () => number = () => 0;

async function settle(): Promise<void> {
  for (let quiet = 0; quiet < 2; ) {
    await new Promise((r) => setTimeout(r, 2));
    quiet = working() === 0 ? quiet + 1 : 0;
  }
}

/** A signed slash command from the coalition workspace; returns what the bot answered on its response_url. */
async function onSlack(who: SlackPerson, line: string, channel: { id: string; name: string } = NETWORK_CHANNEL): Promise<string> {
  const m = /^(\/\S+)\s*(.*)$/s.exec(line)!;
  const c = { ...slashCommand(slack, who, m[1]!, m[2]!, channel), team_id: COALITION.id, team_domain: COALITION.domain };
  const r = await postToBot(`http://127.0.0.1:${http.port}/slack/events`, formEncoded(c), SIGNING_SECRET);
  expect(r.status).toBe(200);
  await settle();
  const path = new URL(c.response_url).pathname;
  return slack.responses.filter((x) => x.path === path).map((x) => JSON.stringify(x.body)).join("\n");
}

/** A slash command through discord.js in `guild`: the text of every answer to it. */
async function onDiscord(who: Who, name: string, sub: string, values: Record<string, string | boolean> = {}, guild: FakeGuild = YOUTH): Promise<string> {
  for (const g of [YOUTH, OTHER]) d.fake.members.set(`${g.id}/${who.user.id}`, { user: who.user, nick: null, avatar: null, roles: [], joined_at: "2026-01-01T00:00:00.000Z", premium_since: null, deaf: false, mute: false, flags: 0 as never, pending: false });
  return (await d.send(chatInput(guild, who, name, commandOptions(sub, values)))).text;
}

/** Delivers what the outbox holds through both adapters (virtual time for retries and pacing). */
async function deliver(): Promise<void> {
  const virtual = createVirtualClock(d.clock.now());
  const dispatcher = createOutboxDispatcher({ outbox: app.store.outbox, ports: [adapter, d.adapter], now: virtual.now, sleep: virtual.sleep, random: app.random, log: silentLogger, owner: `cross-${randomUUID()}`, options: { concurrency: 1 } });
  await dispatcher.settle({ maxMs: 3_600_000 });
}

async function tick(at: Date): Promise<void> {
  d.clock.set(at);
  await app.scheduler.tick(at);
  await deliver();
}

const slackText = (c: FakeCall) => `${String(c.params.text ?? "")}\n${JSON.stringify(c.params.blocks ?? [])}`;
const slackPostsTo = (channel: string) => slack.callsTo("chat.postMessage").filter((c) => c.params.channel === channel).map(slackText);
const discordPostsTo = (channelId: string) => d.fake.calls.filter((c: RecordedCall) => c.method === "POST" && c.path === `/channels/${channelId}/messages`).map((c) => bodyText(c.body));
const dmChannelOf = (id: string) => `9${id.slice(1)}`;
const CODE = /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/;

// Mentions are looked up through the adapters of the database's run (set in beforeAll).
const ports: PlatformPort[] = [];

// The steps build on each other: one network, one story, in order. PGlite, and PostgreSQL when TEST_DATABASE_URL is set.
describe.each(targets({ directory: userDirectory(ports) }).map((t) => [t.name, t] as const))("a Slack workspace and a Discord server in one network (%s)", (_name, target) => {
  beforeAll(async () => {
    app = await target.open();
    // One database per file; on a PostgreSQL server it may hold an earlier run's rows.
    await clearAll(app);
    slack = await startFakeSlack();
    slack.addUser({ id: olga.id, name: "olga", tz: "Europe/Paris", is_admin: true, team_id: COALITION.id });
    slack.addUser({ id: ben.id, name: "ben", tz: "America/Bogota", team_id: COALITION.id });
    slack.addUser({ id: anaSlack.id, name: "ana", tz: "Africa/Nairobi", team_id: COALITION.id });
    // Bolt answers 404 to a request unacknowledged this long: generous, the tests check answers, not a loaded machine's speed.
    adapter = await createSlackAdapter({ mode: "http", signingSecret: SIGNING_SECRET, botToken: BOT_TOKEN, apiUrl: slack.apiUrl, log: silentLogger, now: () => new Date(), unhandledRequestTimeoutMillis: 30_000, firstSighting: (key, until, now) => app.store.firstSighting(key, until, now) });
    working = countBoltWork(adapter);
    d = await startDiscordHarness(app, { start: T0, guilds: [YOUTH, OTHER] });
    ports.length = 0;
    ports.push(adapter, d.adapter);
    http = await startHttpServer({ port: 0, log: silentLogger, routes: adapter.routes });
    // One clock for the core on both platforms: the Discord harness's.
    await adapter.start(createEventHandler(app.bot, SLACK_LIMITS, d.clock.now));
  }, 60_000);

  afterAll(async () => {
    await adapter?.stop();
    await http?.close();
    await d?.close();
    await slack?.stop();
    await app?.close();
  });

  let joinCode = "";

  it("joins the Discord server to the network the Slack workspace founded, with a code read from the private reply", async () => {
    // Everyone meets the bot first (zones: Slack profiles; Discord members set theirs).
    for (const p of [olga, ben, anaSlack]) await onSlack(p, "/timezone");
    const invite = await onSlack(olga, "/caucus invite");
    expect(invite).toContain("Join code for");
    expect(invite).toContain('"response_type":"ephemeral"');
    joinCode = CODE.exec(invite)![0];

    const joined = await onDiscord(dora, "caucus", "join", { code: joinCode });
    expect(joined).toContain("Youth Network (Discord server) is now part of the network coalition.");
    await deliver();
    for (const who of [cat, anaDiscord]) await onDiscord(who, "timezone", "", { zone: who === cat ? "Asia/Manila" : "UTC" });

    expect(await onSlack(olga, "/caucus channel here")).toContain("now go to #network");
    expect(await onDiscord(dora, "caucus", "channel here")).toContain("Network posts for this");
    const overview = await onSlack(olga, "/caucus network");
    expect(overview).toContain("2 workspaces and servers");
    expect(overview).toContain("Youth Network");
  });

  it("refuses the used code again, and an expired one, to an admin of an unrelated server", async () => {
    expect(await onDiscord(otto, "caucus", "join", { code: joinCode }, OTHER)).toContain("This join code has already been used");
    const invite = await onSlack(olga, "/caucus invite 1h");
    const code = CODE.exec(invite)![0];
    d.clock.set(new Date(T0.getTime() + 2 * 3_600_000));
    expect(await onDiscord(otto, "caucus", "join", { code }, OTHER)).toContain("This join code expired 2026-04-01 09:00 UTC");
    d.clock.set(T0);
    // The other server is on its own network still: it sees only itself.
    const theirs = await onDiscord(otto, "caucus", "network", {}, OTHER);
    expect(theirs).toContain("1 workspace");
    expect(theirs).not.toContain("Youth Network");
  });

  it("announces a deadline added on Slack to members on both platforms, in their own zones, and to both channels", async () => {
    slack.reset();
    const from = d.fake.calls.length;
    const added = await onSlack(olga, '/deadline add "Grant report" 2026-04-10 17:00 Europe/Paris');
    expect(added).toContain("D1");
    await deliver();
    const due = Date.parse("2026-04-10T15:00:00Z") / 1000;
    // Slack: a date token each reader sees in their zone; the fallback names the member's own zone.
    const benDm = slackPostsTo(ben.id).find((t) => t.includes("Grant report"))!;
    expect(benDm).toContain(`<!date^${due}^`);
    expect(benDm).toContain("America/Bogota");
    // Discord: a timestamp each reader sees in their own zone.
    const catDms = d.fake.calls.slice(from).filter((c) => c.method === "POST" && c.path === `/channels/${dmChannelOf(cat.user.id)}/messages`).map((c) => bodyText(c.body));
    expect(catDms.some((t) => t.includes("Grant report") && t.includes(`<t:${due}:F>`))).toBe(true);
    // Each workspace's announcement channel.
    expect(slackPostsTo(NETWORK_CHANNEL.id).some((t) => t.includes("Grant report"))).toBe(true);
    expect(discordPostsTo(YOUTH.channelId).some((t) => t.includes("Grant report") && t.includes(`<t:${due}:F>`))).toBe(true);
    // The unrelated server hears nothing of it, and cannot see it.
    expect(discordPostsTo(OTHER.channelId).some((t) => t.includes("Grant report"))).toBe(false);
    const theirs = await onDiscord(otto, "deadline", "list", { all: true }, OTHER);
    expect(theirs).toContain("none");
    expect(theirs).not.toContain("Grant report");
    // Nor act on it: D1 there is not this network's D1.
    expect(await onDiscord(otto, "deadline", "cancel", { deadline: "D1" }, OTHER)).toContain("There is no deadline D1 in this network");
  });

  it("counts one ballot from a linked member who voted on Slack, then on Discord: the later one", async () => {
    // ana links: the code comes by DM on Slack, she types it on Discord.
    slack.reset();
    await onSlack(anaSlack, "/caucus link");
    await deliver();
    const linkDm = slackPostsTo(anaSlack.id).find((t) => t.includes("Your link code"))!;
    expect(linkDm).toBeDefined();
    const linked = await onDiscord(anaDiscord, "caucus", "link", { code: CODE.exec(linkDm)![0] });
    expect(linked).toContain("accounts are now one member");

    await onSlack(olga, "/constituency create Youth open");
    for (const p of [ben, anaSlack]) await onSlack(p, "/constituency join Youth");
    for (const who of [cat, anaDiscord]) await onDiscord(who, "constituency", "join", { name: "Youth" });
    await onSlack(olga, '/election create Youth "Youth rep" seats 1 method approval nominations 2026-04-03 12:00 voting 2026-04-05 12:00 UTC');
    await onSlack(olga, "/election open E1");
    await onSlack(ben, "/nominate E1 ben");
    await onDiscord(cat, "nominate", "", { election: "E1", member: "Cat" });
    await deliver();
    const roll = await onSlack(olga, "/election roll E1");
    expect(roll).toMatch(/3 members/);
    await tick(new Date("2026-04-03T12:00:00Z"));

    const first = await onSlack(anaSlack, "/vote E1 ben");
    expect(first).toContain("Ballot cast in E1");
    const receipt = CODE.exec(first)![0];
    // Her Discord account is the same member: a second ballot without the receipt is refused.
    expect(await onDiscord(anaDiscord, "vote", "", { election: "E1", candidate_1: "Cat" })).toContain("You have already voted in E1");
    expect(await onDiscord(anaDiscord, "vote", "", { election: "E1", candidate_1: "Cat", receipt })).toContain("Ballot replaced in E1");
    await onSlack(ben, "/vote E1 ben");
    await onDiscord(cat, "vote", "", { election: "E1", candidate_1: "Cat" });
    // Someone of an unrelated network cannot vote in it.
    expect(await onDiscord(otto, "vote", "", { election: "E1", candidate_1: "Cat" }, OTHER)).toContain("There is no election E1 in this network");

    // The deadline's 7-day reminder falls due: one set of reminders for the linked member, on Slack where she
    // linked from; none on her Discord account.
    slack.reset();
    const remindFrom = d.fake.calls.length;
    await tick(new Date("2026-04-03T16:00:00Z"));
    expect(slackPostsTo(anaSlack.id).filter((t) => t.includes("Reminder: D1"))).toHaveLength(1);
    expect(d.fake.calls.slice(remindFrom).some((c) => c.path === `/channels/${dmChannelOf(anaDiscord.user.id)}/messages`)).toBe(false);
    expect(d.fake.calls.slice(remindFrom).some((c) => c.path === `/channels/${dmChannelOf(cat.user.id)}/messages` && bodyText(c.body).includes("Reminder: D1"))).toBe(true);

    slack.reset();
    const from = d.fake.calls.length;
    await tick(new Date("2026-04-05T12:00:00Z"));
    const result = slackPostsTo(NETWORK_CHANNEL.id).find((t) => t.includes("Result of E1"))!;
    expect(result).toBeDefined();
    // Three ballots from three people; ana's Slack ballot (ben) was replaced by her Discord one (Cat): 2 to 1.
    expect(result).toContain("Turnout: 3 of 3");
    expect(result).toContain("Round 1: ben 1, Cat 2");
    expect(d.fake.calls.slice(from).some((c) => c.path === `/channels/${YOUTH.channelId}/messages` && bodyText(c.body).includes("Result of E1"))).toBe(true);
  });
});

// Roles as rosters through the real discord.js client: a constituency follows a role (/constituency follow with a
// role option), and the fake gateway's GUILD_MEMBER_UPDATE / ADD / REMOVE keep its roster in step, until the
// election's roll freezes, which nothing about the role changes afterwards.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GatewayDispatchEvents, RoleFlags, type APIGuildMember, type APIRole, type APIUser, type GatewayGuildMemberAddDispatchData, type GatewayGuildRoleModifyDispatchData } from "discord-api-types/v10";
import type { App } from "../../adapters/compose.ts";
import { memberRoleEvents } from "../../adapters/discord/discordRoleRosters.ts";
import type { Actor } from "../../src/event.ts";
import type { ChannelRef } from "../../src/message.ts";
import type { PlatformPort } from "../../src/platformPort.ts";
import { userDirectory } from "../../src/userDirectory.ts";
import { actor, clearAll, targets, texts } from "../support/testApp.ts";
import { GUILD, startDiscordHarness, type DiscordHarness } from "../support/discordHarness.ts";
import { chatInput, commandOptions, guildCreate, guildMember, guildMemberUpdate, MANAGER_PERMISSIONS, MEMBER_PERMISSIONS, user } from "../support/fakeDiscord.ts";

const T0 = new Date("2026-04-01T08:00:00Z");
const NOMINATIONS = new Date("2026-05-02T12:00:00Z");
const VOTING = new Date("2026-05-03T12:00:00Z");
const YOUTH = "1180000000000000001";
const OTHER = "1180000000000000002";
const [olga, ana, ben, cat, dan] = [
  user("1000000000000000010", "Olga"),
  user("1000000000000000011", "Ana"),
  user("1000000000000000012", "Ben"),
  user("1000000000000000013", "Cat"),
  user("1000000000000000014", "Dan"),
];
const role = (id: string, name: string): APIRole => ({
  id,
  name,
  color: 0,
  colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
  hoist: false,
  icon: null,
  unicode_emoji: null,
  position: 1,
  permissions: MEMBER_PERMISSIONS,
  managed: false,
  mentionable: true,
  flags: 0 as RoleFlags,
});

describe("Discord roles as rosters (discord.js against the fake Discord)", () => {
  let app: App;
  let h: DiscordHarness;
  const ports: PlatformPort[] = [];
  /** The server's members as Discord holds them: what List Guild Members and Get Guild Member answer. */
  const setMembers = (list: APIGuildMember[]) => {
    h.fake.members.clear();
    for (const m of list) h.fake.members.set(`${GUILD.id}/${m.user.id}`, m);
  };

  beforeAll(async () => {
    app = await targets({ directory: userDirectory(ports) })[0]!.open();
    h = await startDiscordHarness(app, { start: T0, adapter: { roleRosters: true } });
    ports.push(h.adapter);
    h.fake.route((c) => (c.method === "GET" && c.path === `/guilds/${GUILD.id}/roles` ? { status: 200, body: [role(GUILD.id, "@everyone"), role(YOUTH, "youth"), role(OTHER, "press")] } : undefined));
    h.fake.route((c) => {
      if (c.method !== "GET" || c.path !== `/guilds/${GUILD.id}/members`) return undefined;
      const after = c.query.get("after") ?? "0";
      const limit = Number(c.query.get("limit") ?? 1);
      const page = [...h.fake.members.values()].filter((m) => BigInt(m.user.id) > BigInt(after)).sort((a, b) => (BigInt(a.user.id) < BigInt(b.user.id) ? -1 : 1)).slice(0, limit);
      return { status: 200, body: page };
    });
    // The server has the roles (GUILD_CREATE would list them): discord.js keeps them in its cache.
    for (const r of [role(YOUTH, "youth"), role(OTHER, "press")]) h.fake.dispatch(GatewayDispatchEvents.GuildRoleCreate, { guild_id: GUILD.id, role: r } satisfies GatewayGuildRoleModifyDispatchData);
    for (let i = 0; i < 100 && h.adapter.client!.guilds.cache.get(GUILD.id)!.roles.cache.size < 3; i++) await new Promise((r) => setTimeout(r, 10));
  });
  afterAll(async () => {
    await h?.close();
    await app?.close();
  });
  beforeEach(async () => {
    await clearAll(app);
    h.clock.set(T0);
  });

  const channel: ChannelRef = { platform: "discord", workspaceId: GUILD.id, channelId: GUILD.channelId, name: "general" };
  const as = (u: APIUser, opts: Partial<Actor> = {}): Actor =>
    actor(u.global_name ?? u.username, { platform: "discord", workspaceId: GUILD.id, workspaceName: GUILD.name, userId: u.id, ...opts });
  const say = async (who: Actor, line: string, now = T0) => {
    const [, name, text] = /^\/(\S+)\s*(.*)$/s.exec(line)!;
    return texts(await app.bot.handle({ kind: "command", actor: who, channel, name: name!, text: text! }, now));
  };
  const roster = async () => (await app.store.roster((await app.store.findConstituency((await app.db.prisma.network.findFirstOrThrow()).id, "Youth"))!.id)).map((r) => r.member.displayName).sort();
  /** Dispatches on the gateway and waits until the adapter applied it to the rosters. */
  const gateway = async (t: GatewayDispatchEvents, d: unknown) => {
    const seen = h.fake.calls.length;
    h.fake.dispatch(t, d);
    // The client receives the frame asynchronously; then the queued sync runs.
    for (let i = 0; i < 50; i++) {
      await new Promise((r) => setTimeout(r, 10));
      await h.adapter.memberUpdatesApplied();
    }
    return seen;
  };
  const followYouth = async () => {
    const admin = as(olga, { isPlatformAdmin: true });
    await say(admin, "/constituency create Youth");
    const i = chatInput(GUILD, { user: olga, permissions: MANAGER_PERMISSIONS }, "constituency", commandOptions("follow", { name: "Youth", group: YOUTH }));
    await h.fake.interact(i);
    const reply = await h.fake.waitForCall((c) => c.method === "PATCH" && c.path.includes(i.token));
    return (reply.body as { content: string }).content;
  };

  it("follows a role picked in the command: the role's members, met through Discord, join the roster at once", async () => {
    setMembers([guildMember(olga), guildMember(ana, [YOUTH]), guildMember(ben, [YOUTH, OTHER]), guildMember(cat, [OTHER])]);
    const reply = await followYouth();
    expect(reply).toMatch(/Youth's roster now follows the Discord role @youth/);
    expect(await roster()).toEqual(["Ana", "Ben"]);
  });

  it("keeps the roster in step with member updates: the role given joins, the role taken away leaves, leaving the server leaves", async () => {
    setMembers([guildMember(olga), guildMember(ana, [YOUTH]), guildMember(ben), guildMember(cat)]);
    await followYouth();
    expect(await roster()).toEqual(["Ana"]);
    setMembers([guildMember(olga), guildMember(ana, [YOUTH]), guildMember(ben, [YOUTH]), guildMember(cat)]);
    await gateway(GatewayDispatchEvents.GuildMemberUpdate, guildMemberUpdate(GUILD, ben, [YOUTH]));
    expect(await roster()).toEqual(["Ana", "Ben"]);
    // Another role changing does not move Ben; losing Youth does.
    await gateway(GatewayDispatchEvents.GuildMemberUpdate, guildMemberUpdate(GUILD, ben, [YOUTH, OTHER]));
    expect(await roster()).toEqual(["Ana", "Ben"]);
    await gateway(GatewayDispatchEvents.GuildMemberUpdate, guildMemberUpdate(GUILD, ben, [OTHER]));
    expect(await roster()).toEqual(["Ana"]);
    // Someone new to the server who arrives with the role (onboarding) joins too.
    h.fake.members.set(`${GUILD.id}/${dan.id}`, guildMember(dan, [YOUTH]));
    await gateway(GatewayDispatchEvents.GuildMemberAdd, { ...guildMember(dan, [YOUTH]), guild_id: GUILD.id } satisfies GatewayGuildMemberAddDispatchData);
    expect(await roster()).toEqual(["Ana", "Dan"]);
    await gateway(GatewayDispatchEvents.GuildMemberRemove, { guild_id: GUILD.id, user: ana });
    expect(await roster()).toEqual(["Dan"]);
  });

  it("catches up on what changed while the bot was away when a new session's GUILD_CREATE arrives", async () => {
    setMembers([guildMember(olga), guildMember(ana, [YOUTH]), guildMember(ben)]);
    await followYouth();
    expect(await roster()).toEqual(["Ana"]);
    // No member update reached the bot: Ana lost the role and Ben got it meanwhile.
    setMembers([guildMember(olga), guildMember(ana), guildMember(ben, [YOUTH])]);
    const created = guildCreate(GUILD, [...h.fake.members.values()]);
    await gateway(GatewayDispatchEvents.GuildCreate, { ...created, roles: [...created.roles, role(YOUTH, "youth"), role(OTHER, "press")] });
    expect(await roster()).toEqual(["Ben"]);
  });

  it("once nominations close the roll is frozen: a role taken away moves the roster, never the roll, and that member still votes", async () => {
    setMembers([guildMember(olga), guildMember(ana, [YOUTH]), guildMember(ben, [YOUTH]), guildMember(cat, [YOUTH])]);
    await followYouth();
    for (const u of [ana, ben, cat]) await say(as(u), "/timezone UTC");
    const admin = as(olga, { isPlatformAdmin: true });
    await say(admin, '/election create Youth "Speaker" seats 1 method approval nominations 2026-05-02 12:00 voting 2026-05-04 12:00 UTC');
    await say(admin, "/election open E1");
    await say(as(ana), "/nominate E1 Ana");
    await say(as(ben), "/nominate E1 Ben");
    await app.scheduler.tick(NOMINATIONS);
    const e = await app.db.prisma.election.findFirstOrThrow();
    expect(e.status).toBe("voting");
    const rollBefore = (await app.store.elections.roll(e.id)).sort();
    expect(rollBefore).toHaveLength(3);

    h.clock.set(VOTING);
    await gateway(GatewayDispatchEvents.GuildMemberUpdate, guildMemberUpdate(GUILD, cat, []));
    expect(await roster()).toEqual(["Ana", "Ben"]);
    expect((await app.store.elections.roll(e.id)).sort()).toEqual(rollBefore);
    expect(await say(as(cat), "/vote E1 Ana", VOTING)).toMatch(/^Ballot cast in E1/);
  });

  it("tells every role of the server about one member's roles, and never treats @everyone as a group", () => {
    const events = memberRoleEvents(GUILD.id, ben.id, [YOUTH], [GUILD.id, YOUTH, OTHER]);
    expect(events).toEqual([
      { group: { platform: "discord", workspaceId: GUILD.id, groupId: YOUTH }, change: { kind: "changed", added: [ben.id], removed: [] } },
      { group: { platform: "discord", workspaceId: GUILD.id, groupId: OTHER }, change: { kind: "changed", added: [], removed: [ben.id] } },
    ]);
  });
});

// Discord roles as rosters: a constituency that follows a role (/constituency follow) has the role's members of
// that server on its roster (src/groupRoster.ts decides what that means, a frozen roll included). This file only
// translates: member updates, joins and departures (GUILD_MEMBER_*, the privileged GuildMembers intent) into the
// core's group events, and a role's member list (REST) into the answer a new follow needs.
import { GatewayDispatchEvents, Routes, type APIGuildMember, type APIRole, type GatewayGuildMemberAddDispatchData, type GatewayGuildMemberRemoveDispatchData, type GatewayGuildMemberUpdateDispatchData, type GatewayGuildRoleUpdateDispatchData } from "discord-api-types/v10";
import { DiscordAPIError, type Client } from "discord.js";
import type { GroupEvent } from "../../src/groupRoster.ts";
import type { Logger } from "../../src/logger.ts";
import type { EventHandler, PlatformGroup } from "../../src/platformPort.ts";
import { DISCORD } from "./discordInbound.ts";

/** Discord's page size for List Guild Members. */
const PAGE = 1000;
/** Error codes meaning the role (or the server) does not exist for this bot. */
const UNKNOWN_ROLE = 10011;
const UNKNOWN_GUILD = 10004;

const roleRef = (guildId: string, roleId: string) => ({ platform: DISCORD, workspaceId: guildId, groupId: roleId });

/**
 * What one member's current roles say about every role of the server: in the role (joined, or still there), or
 * not (left, or never in it). Discord sends the new list only, so every role the server has is told; the core
 * ignores roles nobody follows and changes nothing for a member already where they should be. @everyone (the
 * server's own id) is no group.
 */
export function memberRoleEvents(guildId: string, userId: string, roles: readonly string[], serverRoles: Iterable<string>): GroupEvent[] {
  const has = new Set(roles);
  const all = new Set([...serverRoles, ...roles]);
  all.delete(guildId);
  return [...all].map((roleId) => ({ group: roleRef(guildId, roleId), change: has.has(roleId) ? { kind: "changed", added: [userId], removed: [] } : { kind: "changed", added: [], removed: [userId] } }));
}

/** The members of one role, as a constituency starting to follow it needs them. Never throws for Discord's refusal. */
export async function roleMembers(client: Client, guildId: string, roleId: string): Promise<PlatformGroup> {
  try {
    const roles = (await client.rest.get(Routes.guildRoles(guildId))) as APIRole[];
    const role = roles.find((r) => r.id === roleId);
    if (!role || roleId === guildId) return { kind: "unknown" };
    const userIds: string[] = [];
    for (let after = "0"; ; ) {
      const page = (await client.rest.get(Routes.guildMembers(guildId), { query: new URLSearchParams({ limit: String(PAGE), after }) })) as APIGuildMember[];
      for (const m of page) if (m.user && m.roles.includes(roleId)) userIds.push(m.user.id);
      if (page.length < PAGE) break;
      after = page[page.length - 1]!.user!.id;
    }
    return { kind: "found", userIds, name: role.name };
  } catch (e) {
    if (e instanceof DiscordAPIError && (e.code === UNKNOWN_ROLE || e.code === UNKNOWN_GUILD)) return { kind: "unknown" };
    // 403 without the Server Members Intent, 429, 5xx: the organiser is told to try again; nothing changes.
    return { kind: "unavailable", reason: e instanceof DiscordAPIError ? `Discord ${e.status} ${e.code}: ${e.message}`.slice(0, 200) : e instanceof Error ? e.message.slice(0, 200) : String(e) };
  }
}

/**
 * Listens for member updates on the client (before login, so none is missed) and hands them to the core in the
 * order they arrived: an add then a remove of the same member must not be applied the other way round.
 */
export type MemberUpdates = {
  /** Resolves once every update received so far has been applied. */
  idle(): Promise<void>;
  /** Queues a full resync of a server's roles (resyncRoles), behind the updates already received. */
  resync(guildId: string): void;
};

export function followMemberUpdates(client: Client, handler: () => EventHandler | null, log: Logger): MemberUpdates {
  let queue: Promise<unknown> = Promise.resolve();
  const serverRoles = (guildId: string) => client.guilds.cache.get(guildId)?.roles.cache.keys() ?? [];
  const apply = (what: string, events: () => GroupEvent[]) => {
    queue = queue.then(async () => {
      const h = handler();
      if (!h) return;
      for (const event of events()) {
        try {
          const reports = await h.groupChanged(event);
          for (const r of reports) if (r.added.length || r.removed.length) log.info({ what, role: event.group.groupId, added: r.added.length, removed: r.removed.length }, "discord role roster synced");
        } catch (e) {
          log.error({ err: e, what, role: event.group.groupId }, "discord role roster sync failed");
        }
      }
    });
  };
  client.ws.on(GatewayDispatchEvents.GuildMemberUpdate, (d: GatewayGuildMemberUpdateDispatchData) =>
    apply("member update", () => memberRoleEvents(d.guild_id, d.user.id, d.roles, serverRoles(d.guild_id))),
  );
  client.ws.on(GatewayDispatchEvents.GuildMemberAdd, (d: GatewayGuildMemberAddDispatchData) => {
    if (d.user) apply("member joined", () => memberRoleEvents(d.guild_id, d.user!.id, d.roles, []));
  });
  // Leaving the server is leaving every role.
  client.ws.on(GatewayDispatchEvents.GuildMemberRemove, (d: GatewayGuildMemberRemoveDispatchData) =>
    apply("member left", () => memberRoleEvents(d.guild_id, d.user.id, [], serverRoles(d.guild_id))),
  );
  // A renamed role: messages name it as it is now.
  client.ws.on(GatewayDispatchEvents.GuildRoleUpdate, (d: GatewayGuildRoleUpdateDispatchData) =>
    apply("role renamed", () => [{ group: roleRef(d.guild_id, d.role.id), name: d.role.name, change: { kind: "changed", added: [], removed: [] } }]),
  );
  return {
    idle: () => queue.then(() => undefined),
    resync(guildId: string) {
      let events: GroupEvent[] = [];
      queue = queue
        .then(async () => (events = await resyncRoles(client, guildId)))
        .catch((e: unknown) => log.warn({ err: e, guild: guildId }, "discord role rosters could not be brought up to date; the next member update still applies"));
      apply("resync", () => events);
    },
  };
}

/**
 * After a (re)connection: every role's members as they are now, for each server, so what changed while the bot
 * was away reaches the rosters. One member list per server; roles nobody follows cost the core one look-up each.
 */
export async function resyncRoles(client: Client, guildId: string): Promise<GroupEvent[]> {
  const members: APIGuildMember[] = [];
  for (let after = "0"; ; ) {
    const page = (await client.rest.get(Routes.guildMembers(guildId), { query: new URLSearchParams({ limit: String(PAGE), after }) })) as APIGuildMember[];
    members.push(...page);
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.user!.id;
  }
  const roles = [...(client.guilds.cache.get(guildId)?.roles.cache.keys() ?? [])].filter((r) => r !== guildId);
  return roles.map((roleId) => ({ group: roleRef(guildId, roleId), change: { kind: "all", userIds: members.filter((m) => m.user && m.roles.includes(roleId)).map((m) => m.user!.id) } }));
}

// The Discord adapter over the gateway: discord.js receives interactions (the raw payloads, translated by the
// pure functions beside this file) and its REST client sends the answers, DMs and channel posts. The outbox is the
// one retry policy: discord.js retries nothing and turns a rate limit on an outbox route into an error we read.
import { createHash } from "node:crypto";
import { Client, DiscordAPIError, Events, GatewayDispatchEvents, GatewayIntentBits, HTTPError, PermissionFlagsBits, RateLimitError, Routes, type RateLimitData } from "discord.js";
import type { APIChannel, APIGuildMember, APIInteraction } from "discord-api-types/v10";
import type { Logger } from "../../src/logger.ts";
import type { Delivery, DeliveryOutcome, EventHandler, PlatformGroup, PlatformPort, PlatformUser } from "../../src/platformPort.ts";
import { assertNever } from "../../src/assertNever.ts";
import { DISCORD, displayNameOf, interactionGuildId, type InboundContext } from "./discordInbound.ts";
import { loggableError, runInteraction, type InteractionResponder } from "./discordInteraction.ts";
import { inviteUrl } from "./discordInvite.ts";
import { DISCORD_LIMITS } from "./discordLimits.ts";
import { renderMessage, type RenderedMessage } from "./discordRender.ts";
import { followMemberUpdates, roleMembers, type MemberUpdates } from "./discordRoleRosters.ts";

export type DiscordOptions = {
  token: string;
  applicationId: string;
  /** REST base without `/v10` (DISCORD_API_URL); unset: discord.com. The gateway URL comes from GET /gateway/bot. */
  apiUrl?: string;
  log: Logger;
  /** Gateway intents beyond Guilds (e.g. GuildMembers, for roles as rosters). */
  extraIntents?: GatewayIntentBits[];
  /** Roles as rosters (DISCORD_ROLE_ROSTERS): asks the privileged GuildMembers intent, follows member updates
   *  into the rosters of constituencies that follow a role, and answers who has a role (discordRoleRosters.ts). */
  roleRosters?: boolean;
};

export type DiscordAdapter = PlatformPort & {
  /** The running client (after start), for transports and features built on it (role rosters). */
  readonly client: Client | null;
  /** For another transport of interactions (HTTP): answers through REST with the interaction's token, and what
   *  the payload alone does not say (the server's name; Manage Server for a click in a DM). After start. */
  interactionResponder(i: APIInteraction): InteractionResponder;
  interactionContext(i: APIInteraction): Promise<InboundContext>;
  /** Resolves once every member update received so far reached the rosters (roles as rosters; for tests). */
  memberUpdatesApplied(): Promise<void>;
  /** Resolves once every interaction received so far has been answered in full (stop() waits for it too). */
  settled(): Promise<void>;
};

/** Error codes meaning the message will never arrive as addressed (https://discord.com/developers/docs/topics/opcodes-and-status-codes). */
const CANNOT_DM = 50007;
const GONE_CODES = new Set([10003 /* unknown channel */, 10004 /* unknown guild */, 10013 /* unknown user */, 50001 /* missing access */, 50013 /* missing permissions */]);

/** Routes whose requests the outbox (or a look-up that can say "unavailable") owns: a rate limit there is an
 *  outcome, not a wait inside discord.js. Interaction answers still wait, they have a token valid 15 minutes. */
export function outboxOwnsRoute(data: Pick<RateLimitData, "route">): boolean {
  return !data.route.startsWith("/interactions") && !data.route.startsWith("/webhooks");
}

/** What one failed REST call comes to for the outbox. */
export function outcomeOfError(e: unknown): DeliveryOutcome {
  if (e instanceof RateLimitError) return { kind: "retry", reason: `rate limited on ${e.route} (${e.global ? "global" : e.scope})`, retryAfterMs: Math.max(0, Math.ceil(e.retryAfter)) };
  if (e instanceof DiscordAPIError) {
    const reason = `Discord ${e.status} ${e.code}: ${e.message}`.slice(0, 300);
    if (e.code === CANNOT_DM) return { kind: "failed", reason, unreachable: "dm-closed" };
    if (typeof e.code === "number" && GONE_CODES.has(e.code)) return { kind: "failed", reason };
    if (e.status >= 500) return { kind: "retry", reason };
    if (e.status === 429) return { kind: "retry", reason };
    return { kind: "failed", reason };
  }
  if (e instanceof HTTPError) return { kind: "retry", reason: `Discord HTTP ${e.status}` };
  return { kind: "retry", reason: e instanceof Error ? `${e.name}: ${e.message}`.slice(0, 300) : String(e) };
}

/** Discord's message nonce (at most 25 characters) from the outbox key: with enforce_nonce a repeated attempt of
 *  the same message within minutes is not posted twice. */
export const nonceOf = (key: string) => createHash("sha256").update(key).digest("base64url").slice(0, 25);

export function createDiscordAdapter(opts: DiscordOptions): DiscordAdapter {
  const { log } = opts;
  let client: Client | null = null;
  let memberUpdates: MemberUpdates | null = null;
  /** DM channel per user: opening one is idempotent, so a cache only saves a request. */
  const dmChannels = new Map<string, string>();

  const inFlight = new Set<Promise<void>>();
  const workspaceName = (guildId: string) => client?.guilds.cache.get(guildId)?.name ?? guildId;

  async function post(channelId: string, m: RenderedMessage, key: string): Promise<void> {
    await client!.rest.post(Routes.channelMessages(channelId), { body: { ...m.body, nonce: nonceOf(key), enforce_nonce: true }, files: m.files.length ? m.files : undefined });
  }

  async function dmChannel(userId: string): Promise<string> {
    const known = dmChannels.get(userId);
    if (known) return known;
    const ch = (await client!.rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as APIChannel;
    dmChannels.set(userId, ch.id);
    return ch.id;
  }

  /** Manage Server for a member who clicked in a DM (no permissions in the payload): from the server's roles. */
  async function adminInDm(guildId: string, userId: string): Promise<boolean> {
    try {
      const guild = client!.guilds.cache.get(guildId);
      if (!guild) return false;
      const member = await guild.members.fetch(userId);
      return member.permissions.has(PermissionFlagsBits.ManageGuild);
    } catch (e) {
      log.debug(loggableError(e), "discord: member permissions unknown");
      return false;
    }
  }

  async function contextOf(raw: APIInteraction): Promise<InboundContext> {
    const guildId = interactionGuildId(raw);
    return { workspaceName: guildId ? workspaceName(guildId) : "", ...(!raw.member && guildId && raw.user ? { isPlatformAdmin: await adminInDm(guildId, raw.user.id) } : {}) };
  }

  function responderFor(i: APIInteraction): InteractionResponder {
    const rest = client!.rest;
    const original = Routes.webhookMessage(opts.applicationId, i.token, "@original");
    const files = (m: RenderedMessage) => (m.files.length ? m.files : undefined);
    return {
      async respond(response, f) {
        await rest.post(Routes.interactionCallback(i.id, i.token), { body: response, auth: false, files: f?.length ? f : undefined });
      },
      async editOriginal(m) {
        await rest.patch(original, { body: m.body, auth: false, files: files(m) });
      },
      async deleteOriginal() {
        await rest.delete(original, { auth: false });
      },
      async followUp(m) {
        await rest.post(Routes.webhook(opts.applicationId, i.token), { body: m.body, auth: false, files: files(m) });
      },
    };
  }

  const port: DiscordAdapter = {
    platform: DISCORD,
    limits: DISCORD_LIMITS,
    get client() {
      return client;
    },
    interactionResponder: (i) => responderFor(i),
    interactionContext: (i) => contextOf(i),
    async start(handler: EventHandler) {
      const c = new Client({
        intents: [GatewayIntentBits.Guilds, ...(opts.roleRosters ? [GatewayIntentBits.GuildMembers] : []), ...(opts.extraIntents ?? [])],
        rest: { ...(opts.apiUrl ? { api: opts.apiUrl } : {}), retries: 0, rejectOnRateLimit: outboxOwnsRoute },
        // GUILD_CREATE for every server arrives right after READY; nothing here needs to wait for them.
        waitGuildTimeout: 0,
      });
      client = c;
      c.ws.on(GatewayDispatchEvents.InteractionCreate, (raw: APIInteraction) => {
        const run = (async () => {
          await runInteraction(raw, handler, responderFor(raw), await contextOf(raw), log);
        })().catch((e: unknown) => log.error(loggableError(e), "discord interaction failed"));
        inFlight.add(run);
        void run.finally(() => inFlight.delete(run));
      });
      if (opts.roleRosters) {
        const updates = followMemberUpdates(c, () => handler, log);
        memberUpdates = updates;
        // GUILD_CREATE after every new session: what changed while the bot was away is applied.
        c.ws.on(GatewayDispatchEvents.GuildCreate, (g: { id: string }) => updates.resync(g.id));
      }
      c.on(Events.Error, (e) => log.error({ err: e }, "discord client error"));
      const ready = new Promise<void>((resolve) => c.once(Events.ClientReady, () => resolve()));
      await c.login(opts.token);
      await ready;
      log.info({ guilds: c.guilds.cache.size, invite: inviteUrl(opts.applicationId) }, "discord gateway ready");
    },
    connected: () => client?.isReady() === true,
    async groupMembers(workspaceId: string, roleId: string): Promise<PlatformGroup> {
      if (!opts.roleRosters) return { kind: "unavailable", reason: "roles as rosters are off on this bot: whoever runs it turns them on with DISCORD_ROLE_ROSTERS=on" };
      if (!client) return { kind: "unavailable", reason: "Discord is not connected" };
      return roleMembers(client, workspaceId, roleId);
    },
    memberUpdatesApplied: () => memberUpdates?.idle() ?? Promise.resolve(),
    async lookupUser(workspaceId: string, userId: string): Promise<PlatformUser> {
      if (!client) return { kind: "unavailable", reason: "Discord is not connected" };
      try {
        const m = (await client.rest.get(Routes.guildMember(workspaceId, userId))) as APIGuildMember;
        return m.user ? { kind: "found", displayName: displayNameOf(m.user, m.nick) } : { kind: "unknown" };
      } catch (e) {
        if (e instanceof DiscordAPIError && (e.status === 404 || e.code === 10007 || e.code === 10013)) return { kind: "unknown" };
        const o = outcomeOfError(e);
        return { kind: "unavailable", reason: o.kind === "sent" ? "unknown" : o.reason };
      }
    },
    async deliver(d: Delivery, key: string): Promise<DeliveryOutcome> {
      if (!client) return { kind: "retry", reason: "Discord is not connected" };
      try {
        switch (d.kind) {
          case "dm":
            // Buttons in a DM name the server, which a click there does not.
            await post(await dmChannel(d.to.userId), renderMessage(d.message, { scope: { guildId: d.to.workspaceId } }), key);
            break;
          case "post":
            await post(d.channel.channelId, renderMessage(d.message), key);
            break;
          default:
            return assertNever(d, "delivery");
        }
        return { kind: "sent" };
      } catch (e) {
        return outcomeOfError(e);
      }
    },
    async settled() {
      while (inFlight.size) await Promise.all([...inFlight]);
    },
    async stop() {
      // Answers already being worked on go out before the connection closes.
      await port.settled();
      await client?.destroy();
      client = null;
    },
  };
  return port;
}



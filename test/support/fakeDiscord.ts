// A local Discord for end-to-end tests: the REST API under /api/v10 (every call recorded, answers overridable)
// and a gateway (`ws`) that speaks HELLO / IDENTIFY / READY / GUILD_CREATE / heartbeat ACK and dispatches what a
// test asks. The real discord.js client talks to it as to Discord (see ../../shared notes: platform-testing.md).
// Fixtures are typed with discord-api-types `satisfies`, so a field Discord always sends cannot be forgotten.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ChannelType,
  ComponentType,
  GatewayDispatchEvents,
  GatewayOpcodes,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  GuildHubType,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildSystemChannelFlags,
  GuildVerificationLevel,
  InteractionContextType,
  InteractionType,
  Locale,
  MessageType,
  PermissionFlagsBits,
  type APIApplicationCommandAutocompleteGuildInteraction,
  type APIApplicationCommandInteractionDataOption,
  type APIChatInputApplicationCommandGuildInteraction,
  type APIGuildMember,
  type APIInteraction,
  type APIInteractionGuildMember,
  type APIMessage,
  type APIMessageComponentButtonInteraction,
  type APIMessageComponentSelectMenuInteraction,
  type APIModalSubmitGuildInteraction,
  type APIModalSubmissionComponent,
  type APIUser,
  type GatewayGuildCreateDispatchData,
  type GatewayGuildMemberUpdateDispatchData,
  type GatewayReadyDispatchData,
  type APITextChannel,
  type ApplicationFlags,
  type ChannelFlags,
  type GuildMemberFlags,
  type RoleFlags,
} from "discord-api-types/v10";

/** One REST request as the bot sent it. `path` is percent-decoded and without `/api/v10`; `body` is the JSON body
 *  (for multipart, `payload_json`); `files` are multipart file parts. */
export type RecordedCall = {
  method: string;
  path: string;
  query: URLSearchParams;
  auth: string | undefined;
  body: unknown;
  files: { field: string; name: string; content: string; type: string }[];
  at: number;
};

export type FakeAnswer = { status: number; body?: unknown; headers?: Record<string, string> };
/** Answers a call, or returns undefined to let the next route (or the default) answer. */
export type FakeRoute = (call: RecordedCall) => FakeAnswer | undefined;

let nextSnowflake = 1_300_000_000_000_000_000n;
/** A fresh Discord id (a snowflake, as a string). */
export const snowflake = (): string => String(nextSnowflake++);

export const APPLICATION_ID = "1200000000000000001";
export const BOT_USER: APIUser = { id: "1200000000000000001", username: "caucus", discriminator: "0", global_name: null, avatar: null, bot: true };

export function user(id: string, name: string): APIUser {
  return { id, username: name.toLowerCase(), discriminator: "0", global_name: name, avatar: null };
}

/** Permissions of a plain member, and of one with Manage Server. */
export const MEMBER_PERMISSIONS = String(PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.UseApplicationCommands);
export const MANAGER_PERMISSIONS = String(BigInt(MEMBER_PERMISSIONS) | PermissionFlagsBits.ManageGuild);

export function guildMember(u: APIUser, roles: string[] = []): APIGuildMember {
  return { user: u, nick: null, avatar: null, roles, joined_at: "2026-01-01T00:00:00.000Z", premium_since: null, deaf: false, mute: false, flags: 0 as GuildMemberFlags, pending: false };
}

function interactionMember(u: APIUser, permissions: string, roles: string[] = []): APIInteractionGuildMember {
  return { ...guildMember(u, roles), user: u, permissions };
}

export type FakeGuild = { id: string; name: string; channelId: string; ownerId: string };

export function textChannel(guild: FakeGuild): APITextChannel {
  return {
    id: guild.channelId,
    type: ChannelType.GuildText,
    guild_id: guild.id,
    name: "general",
    position: 0,
    permission_overwrites: [],
    nsfw: false,
    parent_id: null,
    topic: null,
    last_message_id: null,
    rate_limit_per_user: 0,
    default_auto_archive_duration: 1440,
    flags: 0 as ChannelFlags,
  };
}

export function guildCreate(guild: FakeGuild, members: APIGuildMember[] = []): GatewayGuildCreateDispatchData {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: GuildVerificationLevel.None,
    default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
    explicit_content_filter: GuildExplicitContentFilter.Disabled,
    roles: [
      {
        id: guild.id,
        name: "@everyone",
        color: 0,
        colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
        hoist: false,
        icon: null,
        unicode_emoji: null,
        position: 0,
        permissions: MEMBER_PERMISSIONS,
        managed: false,
        mentionable: false,
        flags: 0 as RoleFlags,
      },
    ],
    emojis: [],
    features: [],
    mfa_level: GuildMFALevel.None,
    application_id: null,
    system_channel_id: guild.channelId,
    system_channel_flags: GuildSystemChannelFlags.SuppressJoinNotifications,
    rules_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: GuildPremiumTier.None,
    preferred_locale: Locale.EnglishUS,
    public_updates_channel_id: null,
    nsfw_level: GuildNSFWLevel.Default,
    premium_progress_bar_enabled: false,
    hub_type: GuildHubType.Default,
    safety_alerts_channel_id: null,
    incidents_data: null,
    stickers: [],
    joined_at: "2026-01-01T00:00:00.000Z",
    large: false,
    unavailable: false,
    member_count: members.length,
    voice_states: [],
    members,
    channels: [textChannel(guild)],
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  } satisfies GatewayGuildCreateDispatchData;
}

/** What every interaction in a guild carries, as the gateway sends it. */
function guildInteractionBase(guild: FakeGuild, u: APIUser, permissions: string, locale: Locale, roles: string[] = []) {
  return {
    id: snowflake(),
    application_id: APPLICATION_ID,
    token: `tok-${snowflake()}`,
    version: 1 as const,
    guild_id: guild.id,
    guild: { id: guild.id, locale: Locale.EnglishUS, features: [] },
    guild_locale: Locale.EnglishUS,
    channel: textChannel(guild),
    channel_id: guild.channelId,
    member: interactionMember(u, permissions, roles),
    locale,
    app_permissions: MANAGER_PERMISSIONS,
    entitlements: [],
    authorizing_integration_owners: { "0": guild.id },
    context: InteractionContextType.Guild,
    attachment_size_limit: 10 * 1024 * 1024,
  };
}

export type Who = { user: APIUser; permissions?: string; locale?: Locale; roles?: string[] };

/** A chat-input command as Discord sends it: `options` already nested (subcommand groups, subcommands). */
export function chatInput(guild: FakeGuild, who: Who, name: string, options: APIApplicationCommandInteractionDataOption[] = []) {
  return {
    ...guildInteractionBase(guild, who.user, who.permissions ?? MEMBER_PERMISSIONS, who.locale ?? Locale.EnglishUS, who.roles),
    type: InteractionType.ApplicationCommand,
    data: { id: snowflake(), name, type: ApplicationCommandType.ChatInput, options, resolved: {} },
  } satisfies APIChatInputApplicationCommandGuildInteraction;
}

/** `/name sub a:1 b:x` as nested options; `sub` may be "group action". Values typed: numbers → integer,
 *  booleans → boolean, `{ user }` → a user option (resolved). */
export function commandOptions(sub: string, values: Record<string, string | number | boolean | { user: APIUser }>): APIApplicationCommandInteractionDataOption[] {
  const leaf = Object.entries(values).map(([name, v]): APIApplicationCommandInteractionDataOption => {
    if (typeof v === "number") return { name, type: ApplicationCommandOptionType.Integer, value: v };
    if (typeof v === "boolean") return { name, type: ApplicationCommandOptionType.Boolean, value: v };
    if (typeof v === "object") return { name, type: ApplicationCommandOptionType.User, value: v.user.id };
    return { name, type: ApplicationCommandOptionType.String, value: v };
  });
  if (!sub) return leaf;
  const [first, second] = sub.split(" ");
  const subcommand: APIApplicationCommandInteractionDataOption = { name: second ?? first!, type: ApplicationCommandOptionType.Subcommand, options: leaf as never };
  return second ? [{ name: first!, type: ApplicationCommandOptionType.SubcommandGroup, options: [subcommand as never] }] : [subcommand];
}

/** Users named in `values`, for `data.resolved.users`/`members` as Discord sends them with user options. */
export function withResolvedUsers<T extends { data: { resolved?: unknown } }>(interaction: T, users: APIUser[]): T {
  const resolved = {
    users: Object.fromEntries(users.map((u) => [u.id, u])),
    members: Object.fromEntries(users.map((u) => [u.id, { ...guildMember(u), permissions: MEMBER_PERMISSIONS, user: undefined }])),
  };
  return { ...interaction, data: { ...interaction.data, resolved } };
}

/** An autocomplete request: `focused` names the option being typed. */
export function autocompleteInteraction(guild: FakeGuild, who: Who, name: string, sub: string, values: Record<string, string>, focused: string) {
  const options = commandOptions(sub, values);
  const mark = (opts: APIApplicationCommandInteractionDataOption[]): APIApplicationCommandInteractionDataOption[] =>
    opts.map((o) =>
      "options" in o && o.options
        ? ({ ...o, options: mark(o.options as APIApplicationCommandInteractionDataOption[]) } as never)
        : o.name === focused
          ? ({ ...o, focused: true } as never)
          : o,
    );
  return {
    ...guildInteractionBase(guild, who.user, who.permissions ?? MEMBER_PERMISSIONS, who.locale ?? Locale.EnglishUS, who.roles),
    type: InteractionType.ApplicationCommandAutocomplete,
    data: { id: snowflake(), name, type: ApplicationCommandType.ChatInput, options: mark(options) as never },
  } satisfies APIApplicationCommandAutocompleteGuildInteraction;
}

/** The message a component sits on, as the interaction carries it. */
export function botMessage(guild: FakeGuild, components: APIMessage["components"] = []): APIMessage {
  return {
    id: snowflake(),
    channel_id: guild.channelId,
    author: BOT_USER,
    content: "",
    timestamp: "2026-04-01T08:00:00.000Z",
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    pinned: false,
    type: MessageType.Default,
    components,
  };
}

export function buttonInteraction(guild: FakeGuild, who: Who, customId: string, message: APIMessage = botMessage(guild)) {
  return {
    ...guildInteractionBase(guild, who.user, who.permissions ?? MEMBER_PERMISSIONS, who.locale ?? Locale.EnglishUS, who.roles),
    type: InteractionType.MessageComponent,
    data: { custom_id: customId, component_type: ComponentType.Button },
    message,
  } satisfies APIMessageComponentButtonInteraction;
}

/** A button clicked in the bot's DM (a nomination request): no guild, no member permissions, the user instead. */
export function dmButtonInteraction(who: Who, customId: string, dmChannelId = `9${who.user.id.slice(1)}`) {
  const channel = { id: dmChannelId, type: ChannelType.DM as const, last_message_id: null, recipients: [who.user], flags: 0 as ChannelFlags };
  return {
    id: snowflake(),
    application_id: APPLICATION_ID,
    token: `tok-${snowflake()}`,
    version: 1 as const,
    type: InteractionType.MessageComponent,
    channel,
    channel_id: dmChannelId,
    user: who.user,
    locale: who.locale ?? Locale.EnglishUS,
    app_permissions: MEMBER_PERMISSIONS,
    entitlements: [],
    authorizing_integration_owners: { "1": who.user.id },
    context: InteractionContextType.BotDM,
    attachment_size_limit: 10 * 1024 * 1024,
    data: { custom_id: customId, component_type: ComponentType.Button },
    message: { ...botMessage({ id: "", name: "", channelId: dmChannelId, ownerId: "" }) },
  } satisfies APIMessageComponentButtonInteraction;
}

export function selectInteraction(guild: FakeGuild, who: Who, customId: string, values: string[], message: APIMessage = botMessage(guild)) {
  return {
    ...guildInteractionBase(guild, who.user, who.permissions ?? MEMBER_PERMISSIONS, who.locale ?? Locale.EnglishUS, who.roles),
    type: InteractionType.MessageComponent,
    data: { custom_id: customId, component_type: ComponentType.StringSelect, values },
    message,
  } satisfies APIMessageComponentSelectMenuInteraction;
}

/** A modal submitted: `fields` by custom_id, a string for a text input, an array for a select in a label. */
export function modalSubmit(guild: FakeGuild, who: Who, customId: string, fields: Record<string, string | string[]>) {
  const components = Object.entries(fields).map(
    ([id, v], i): APIModalSubmissionComponent =>
      typeof v === "string"
        ? { type: ComponentType.Label, id: i + 1, component: { type: ComponentType.TextInput, custom_id: id, value: v, id: i + 100 } }
        : { type: ComponentType.Label, id: i + 1, component: { type: ComponentType.StringSelect, custom_id: id, values: v, id: i + 100 } },
  );
  return {
    ...guildInteractionBase(guild, who.user, who.permissions ?? MEMBER_PERMISSIONS, who.locale ?? Locale.EnglishUS, who.roles),
    type: InteractionType.ModalSubmit,
    data: { custom_id: customId, components },
  } satisfies APIModalSubmitGuildInteraction;
}

export function guildMemberUpdate(guild: FakeGuild, u: APIUser, roles: string[]): GatewayGuildMemberUpdateDispatchData {
  return { guild_id: guild.id, user: u, roles, nick: null, avatar: null, banner: null, joined_at: "2026-01-01T00:00:00.000Z", premium_since: null, deaf: false, mute: false, pending: false, flags: 0 as GuildMemberFlags } satisfies GatewayGuildMemberUpdateDispatchData;
}

export type FakeDiscord = {
  /** For discord.js `rest.api` (and DISCORD_API_URL): no `/v10`, discord.js appends it. */
  apiUrl: string;
  gatewayUrl: string;
  calls: RecordedCall[];
  /** Routes tried newest first before the defaults; the returned function removes it. */
  route(r: FakeRoute): () => void;
  /** Resolves with the first recorded call (past or future) that matches. */
  waitForCall(match: (c: RecordedCall) => boolean, timeoutMs?: number): Promise<RecordedCall>;
  /** Members GET /guilds/{id}/members/{user} finds. */
  members: Map<string, APIGuildMember>;
  /** Sends a dispatch on every open gateway connection. */
  dispatch(t: GatewayDispatchEvents, d: unknown): void;
  /** Dispatches INTERACTION_CREATE and resolves with the bot's callback POST for it. */
  interact(i: APIInteraction, timeoutMs?: number): Promise<RecordedCall>;
  /** Resolves once a client has identified and been sent READY and every GUILD_CREATE. */
  ready(): Promise<void>;
  identifies: number;
  close(): Promise<void>;
};

const decode = (p: string) => p.split("/").map((s) => decodeURIComponent(s)).join("/");

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export async function startFakeDiscord(opts: { guilds: FakeGuild[]; members?: APIGuildMember[] }): Promise<FakeDiscord> {
  const calls: RecordedCall[] = [];
  const routes: FakeRoute[] = [];
  const waiters: { match: (c: RecordedCall) => boolean; resolve: (c: RecordedCall) => void }[] = [];
  const members = new Map<string, APIGuildMember>();
  for (const m of opts.members ?? []) for (const g of opts.guilds) members.set(`${g.id}/${m.user.id}`, m);
  const sockets = new Set<WebSocket>();
  let seq = 0;
  let readyResolve: () => void = () => {};
  let readyPromise = new Promise<void>((r) => (readyResolve = r));
  let identifies = 0;

  const message = (channelId: string, body: Record<string, unknown>): APIMessage => ({ ...botMessage({ id: "", name: "", channelId, ownerId: "" }), content: String(body.content ?? ""), embeds: (body.embeds as never) ?? [] });

  function defaults(c: RecordedCall): FakeAnswer {
    const p = c.path;
    let m: RegExpExecArray | null;
    if (c.method === "GET" && p === "/gateway/bot")
      return { status: 200, body: { url: gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 86_400_000, max_concurrency: 1 } } };
    if (c.method === "POST" && /^\/interactions\/[^/]+\/[^/]+\/callback$/.test(p)) return { status: 204 };
    if ((m = /^\/webhooks\/([^/]+)\/([^/]+)\/messages\/(@original|\d+)$/.exec(p)) && c.method === "PATCH") return { status: 200, body: message("0", c.body as never) };
    if ((m = /^\/webhooks\/([^/]+)\/([^/]+)$/.exec(p)) && c.method === "POST") return { status: 200, body: message("0", c.body as never) };
    if (c.method === "POST" && p === "/users/@me/channels") {
      const recipient = String((c.body as { recipient_id?: string }).recipient_id);
      return { status: 200, body: { id: `9${recipient.slice(1)}`, type: ChannelType.DM, last_message_id: null, recipients: [user(recipient, recipient)] } };
    }
    if ((m = /^\/channels\/([^/]+)\/messages$/.exec(p)) && c.method === "POST") return { status: 200, body: message(m[1]!, c.body as never) };
    if ((m = /^\/guilds\/([^/]+)\/members\/([^/]+)$/.exec(p)) && c.method === "GET") {
      const member = members.get(`${m[1]}/${m[2]}`);
      return member ? { status: 200, body: member } : { status: 404, body: { message: "Unknown Member", code: 10007 } };
    }
    if ((m = /^\/applications\/([^/]+)(?:\/guilds\/([^/]+))?\/commands$/.exec(p)) && c.method === "PUT")
      return { status: 200, body: (c.body as object[]).map((cmd) => ({ ...cmd, id: snowflake(), application_id: m![1], version: snowflake(), guild_id: m![2] })) };
    return { status: 404, body: { message: "404: Not Found", code: 0 } };
  }

  const http: Server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const url = new URL(req.url ?? "/", "http://fake");
    const path = decode(url.pathname.replace(/^\/api\/v10/, ""));
    const type = String(req.headers["content-type"] ?? "");
    let body: unknown = undefined;
    const files: RecordedCall["files"] = [];
    if (type.startsWith("multipart/form-data")) {
      const form = await new Request("http://fake", { method: "POST", headers: { "content-type": type }, body: raw }).formData();
      for (const [field, v] of form.entries()) {
        if (typeof v === "string") {
          if (field === "payload_json") body = JSON.parse(v);
        } else files.push({ field, name: v.name, type: v.type, content: await v.text() });
      }
    } else if (raw.length) body = type.includes("json") ? JSON.parse(raw.toString("utf8")) : raw.toString("utf8");
    const call: RecordedCall = { method: req.method ?? "GET", path, query: url.searchParams, auth: req.headers.authorization, body, files, at: performance.now() };
    calls.push(call);
    for (const w of [...waiters]) if (w.match(call)) (waiters.splice(waiters.indexOf(w), 1), w.resolve(call));
    let answer: FakeAnswer | undefined;
    for (const r of [...routes].reverse()) if ((answer = r(call))) break;
    answer ??= defaults(call);
    const headers: Record<string, string> = { ...answer.headers };
    if (answer.body !== undefined) headers["content-type"] = "application/json";
    res.writeHead(answer.status, headers);
    res.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
  });
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
  const apiUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}/api`;

  const wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  await new Promise<void>((r) => wss.once("listening", r));
  const gatewayUrl = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
  const send = (ws: WebSocket, payload: unknown) => ws.send(JSON.stringify(payload));
  const sendDispatch = (ws: WebSocket, t: string, d: unknown) => send(ws, { op: GatewayOpcodes.Dispatch, t, s: ++seq, d });
  wss.on("connection", (ws) => {
    sockets.add(ws);
    ws.on("close", () => sockets.delete(ws));
    send(ws, { op: GatewayOpcodes.Hello, d: { heartbeat_interval: 41_250 } });
    ws.on("message", (data) => {
      const frame = JSON.parse(String(data)) as { op: number; d: unknown };
      if (frame.op === GatewayOpcodes.Heartbeat) send(ws, { op: GatewayOpcodes.HeartbeatAck });
      if (frame.op === GatewayOpcodes.Identify) {
        identifies++;
        const ready: GatewayReadyDispatchData = {
          v: 10,
          user: { ...BOT_USER },
          guilds: opts.guilds.map((g) => ({ id: g.id, unavailable: true })),
          session_id: `session-${identifies}`,
          resume_gateway_url: gatewayUrl,
          application: { id: APPLICATION_ID, flags: 0 as ApplicationFlags, flags_new: "0" },
        };
        sendDispatch(ws, GatewayDispatchEvents.Ready, ready);
        for (const g of opts.guilds) sendDispatch(ws, GatewayDispatchEvents.GuildCreate, guildCreate(g, [...members.values()]));
        readyResolve();
      }
    });
  });

  function waitForCall(match: (c: RecordedCall) => boolean, timeoutMs = 3000): Promise<RecordedCall> {
    const seen = calls.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const w = { match, resolve: (c: RecordedCall) => (clearTimeout(timer), resolve(c)) };
      const timer = setTimeout(() => {
        waiters.splice(waiters.indexOf(w), 1);
        reject(new Error(`fake Discord: no matching call within ${timeoutMs} ms; calls: ${calls.map((c) => `${c.method} ${c.path}`).join(", ")}`));
      }, timeoutMs);
      waiters.push(w);
    });
  }

  return {
    apiUrl,
    gatewayUrl,
    calls,
    members,
    route(r) {
      routes.push(r);
      return () => void routes.splice(routes.indexOf(r), 1);
    },
    waitForCall,
    dispatch(t, d) {
      for (const ws of sockets) sendDispatch(ws, t, d);
    },
    async interact(i, timeoutMs) {
      const callback = waitForCall((c) => c.method === "POST" && c.path === `/interactions/${i.id}/${i.token}/callback`, timeoutMs);
      for (const ws of sockets) sendDispatch(ws, GatewayDispatchEvents.InteractionCreate, i);
      return callback;
    },
    ready: () => readyPromise,
    get identifies() {
      return identifies;
    },
    async close() {
      for (const ws of sockets) ws.terminate();
      await new Promise<void>((r) => wss.close(() => r()));
      http.closeAllConnections();
      await new Promise<void>((r) => http.close(() => r()));
      readyPromise = new Promise<void>((r) => (readyResolve = r));
    },
  };
}

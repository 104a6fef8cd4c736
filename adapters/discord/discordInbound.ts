// A Discord interaction as the core's input: pure functions from discord-api-types payloads to InboundEvent or an
// autocomplete request, shared by the gateway transport and HTTP interactions.
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ComponentType,
  InteractionType,
  PermissionFlagsBits,
  type APIApplicationCommandInteractionDataOption,
  type APIInteraction,
  type APIModalSubmissionComponent,
  type APIUser,
} from "discord-api-types/v10";
import type { AutocompleteRequest } from "../../src/autocomplete.ts";
import type { Actor, FormValue, InboundEvent } from "../../src/event.ts";
import type { ChannelRef } from "../../src/message.ts";
import { decodeCustomId } from "./discordRender.ts";

export const DISCORD = "discord";

export type DiscordInbound =
  | { kind: "event"; event: InboundEvent }
  | { kind: "autocomplete"; request: Omit<AutocompleteRequest, "now"> }
  /** Nothing for the core: a ping, a command outside a server, a component this bot did not make. `reply` is what
   *  the member is told, if anything. */
  | { kind: "ignored"; reason: string; reply?: string };

/** What the transport knows beyond the payload: the server's name, and for a click in a DM (which carries no
 *  member permissions) whether the member has Manage Server there. */
export type InboundContext = { workspaceName: string; isPlatformAdmin?: boolean };

const ADMIN_BITS = PermissionFlagsBits.ManageGuild | PermissionFlagsBits.Administrator;

/** Whether a permissions bitfield (as Discord sends it, a decimal string) includes Manage Server. */
export function hasManageServer(permissions: string | undefined): boolean {
  if (!permissions || !/^\d+$/.test(permissions)) return false;
  return (BigInt(permissions) & ADMIN_BITS) !== 0n;
}

export const displayNameOf = (u: APIUser, nick?: string | null): string => nick || u.global_name || u.username;

/** The server an interaction is about: its guild, or for a click in a DM the server named in the component id. */
export function interactionGuildId(i: APIInteraction): string | null {
  if (i.guild_id) return i.guild_id;
  const id = i.type === InteractionType.MessageComponent || i.type === InteractionType.ModalSubmit ? i.data.custom_id : undefined;
  return (id && decodeCustomId(id)?.guildId) || null;
}

function actorOf(i: Exclude<APIInteraction, { type: InteractionType.Ping }>, guildId: string, ctx: InboundContext): Actor | null {
  const u = i.member?.user ?? i.user;
  if (!u) return null;
  return {
    platform: DISCORD,
    workspaceId: guildId,
    workspaceName: ctx.workspaceName,
    userId: u.id,
    displayName: displayNameOf(u, i.member?.nick),
    isPlatformAdmin: i.member ? hasManageServer(i.member.permissions) : ctx.isPlatformAdmin === true,
    ...(i.locale ? { locale: i.locale } : {}),
  };
}

function channelOf(i: APIInteraction, guildId: string): ChannelRef {
  const ch = i.channel;
  const name = ch && "name" in ch && typeof ch.name === "string" ? ch.name : undefined;
  return { platform: DISCORD, workspaceId: guildId, channelId: ch?.id ?? i.channel_id ?? "", ...(name ? { name } : {}) };
}

type Flat = { subcommand: string; values: Record<string, string | number | boolean>; focused?: { name: string; value: string } };

/** Options as the core reads them: the subcommand path ("group action") and each value; a user as `<@id>`. */
export function flattenOptions(options: readonly APIApplicationCommandInteractionDataOption[] = []): Flat {
  const path: string[] = [];
  let leaf = options;
  for (;;) {
    const head = leaf[0];
    if (head && (head.type === ApplicationCommandOptionType.SubcommandGroup || head.type === ApplicationCommandOptionType.Subcommand)) {
      path.push(head.name);
      leaf = (head.options ?? []) as readonly APIApplicationCommandInteractionDataOption[];
      continue;
    }
    break;
  }
  const values: Record<string, string | number | boolean> = {};
  let focused: Flat["focused"];
  for (const o of leaf) {
    if (!("value" in o)) continue;
    const v = o.type === ApplicationCommandOptionType.User || o.type === ApplicationCommandOptionType.Mentionable ? `<@${o.value}>` : o.value;
    if ("focused" in o && o.focused) focused = { name: o.name, value: String(o.value) };
    else values[o.name] = v;
  }
  return { subcommand: path.join(" "), values, ...(focused ? { focused } : {}) };
}

/** Values of a submitted modal by field id: a text input's text, a select's chosen values. */
export function modalValues(components: readonly APIModalSubmissionComponent[]): Record<string, FormValue> {
  const out: Record<string, FormValue> = {};
  for (const c of components) {
    if (c.type === ComponentType.Label) {
      const inner = c.component;
      if ("values" in inner) out[inner.custom_id] = [...inner.values];
      else if ("value" in inner && typeof inner.value === "string") out[inner.custom_id] = inner.value;
    } else if (c.type === ComponentType.ActionRow) for (const t of c.components) out[t.custom_id] = t.value;
  }
  return out;
}

const STALE = "That button or menu is no longer supported. Run the command again.";

/** An interaction as the core's input. `ctx` comes from the transport (see InboundContext). */
export function translateInteraction(i: APIInteraction, ctx: InboundContext): DiscordInbound {
  if (i.type === InteractionType.Ping) return { kind: "ignored", reason: "ping" };
  const guildId = interactionGuildId(i);
  if (!guildId) return { kind: "ignored", reason: "no server", reply: "Caucus works inside a server: use its commands there." };
  const actor = actorOf(i, guildId, ctx);
  if (!actor) return { kind: "ignored", reason: "no user" };
  const channel = channelOf(i, guildId);
  switch (i.type) {
    case InteractionType.ApplicationCommand: {
      if (i.data.type !== ApplicationCommandType.ChatInput) return { kind: "ignored", reason: "not a chat-input command" };
      const flat = flattenOptions(i.data.options);
      // The text is for logs only and stays empty: options may be ballot contents.
      return { kind: "event", event: { kind: "command", actor, channel, name: i.data.name, text: "", options: { subcommand: flat.subcommand, values: flat.values } } };
    }
    case InteractionType.ApplicationCommandAutocomplete: {
      const flat = flattenOptions(i.data.options);
      if (!flat.focused) return { kind: "ignored", reason: "no focused option" };
      return { kind: "autocomplete", request: { actor, command: i.data.name, subcommand: flat.subcommand, option: flat.focused.name, query: flat.focused.value, values: flat.values } };
    }
    case InteractionType.MessageComponent: {
      const id = decodeCustomId(i.data.custom_id);
      if (i.data.component_type === ComponentType.Button && id?.kind === "button")
        return { kind: "event", event: { kind: "action", actor, channel, actionId: id.actionId, value: id.value } };
      if (i.data.component_type === ComponentType.StringSelect && id?.kind === "select") {
        const value = i.data.values[0];
        if (value === undefined) return { kind: "ignored", reason: "empty select" };
        return { kind: "event", event: { kind: "action", actor, channel, actionId: id.actionId, value } };
      }
      return { kind: "ignored", reason: `unknown component ${i.data.custom_id.slice(0, 40)}`, reply: STALE };
    }
    case InteractionType.ModalSubmit: {
      const id = decodeCustomId(i.data.custom_id);
      if (id?.kind !== "modal") return { kind: "ignored", reason: "unknown modal", reply: STALE };
      return { kind: "event", event: { kind: "formSubmit", actor, channel, formId: id.formId, context: id.context, values: modalValues(i.data.components) } };
    }
  }
}

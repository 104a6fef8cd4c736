// The core's answers as Discord payloads: pure functions from Message / Form / Acknowledgement to the bodies
// Discord takes (discord-api-types), shared by the gateway transport and HTTP interactions. Component ids carry
// the core's action id and value (and, in a DM, the server it is about), so a click decodes back to an action.
import {
  AllowedMentionsTypes,
  ButtonStyle,
  ComponentType,
  InteractionResponseType,
  MessageFlags,
  TextInputStyle,
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type APIInteractionResponse,
  type APILabelComponent,
  type APIModalInteractionResponseCallbackData,
  type RESTPostAPIChannelMessageJSONBody,
} from "discord-api-types/v10";
import { assertNever } from "../../src/assertNever.ts";
import type { Acknowledgement } from "../../src/bot.ts";
import { componentRows } from "../../src/fitMessage.ts";
import { formatInstant } from "../../src/formatInstant.ts";
import type { Card, Component, Form, FormField, Inline, Message } from "../../src/message.ts";
import { DISCORD_MESSAGE } from "./discordLimits.ts";

const unix = (at: Date) => Math.floor(at.getTime() / 1000);

/** An instant as Discord shows it in each reader's zone; a `fixed` one (the UTC line) as plain text. `relative`
 *  adds "in 3 days" where the text does not already say how far off it is (card fields). */
export function renderInline(part: Inline, relative = false): string {
  if (typeof part === "string") return part;
  if (part.fixed) return formatInstant(part.at, part.zone);
  return relative ? `<t:${unix(part.at)}:F> (<t:${unix(part.at)}:R>)` : `<t:${unix(part.at)}:F>`;
}

const renderLine = (parts: readonly Inline[], relative = false) => parts.map((p) => renderInline(p, relative)).join("");

/** Cuts to `max` characters (code points), ending with "…" when it had to. */
export function clip(s: string, max: number): string {
  const chars = [...s];
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join("")}…`;
}

/** A field value cut to Discord's 1,024 characters; a code block cut inside stays closed. The text below the
 *  embed still holds everything. */
function clipField(value: string): string {
  if ([...value].length <= DISCORD_MESSAGE.embedFieldValueChars) return value;
  const fenced = value.startsWith("```") && value.endsWith("```");
  return fenced ? `${clip(value.slice(0, -3), DISCORD_MESSAGE.embedFieldValueChars - 4)}\n\`\`\`` : clip(value, DISCORD_MESSAGE.embedFieldValueChars);
}

const FLAG_COLOUR = 0xe67e22;
const CARD_COLOUR = 0x5865f2;

export function renderCard(card: Card): APIEmbed {
  const embed: APIEmbed = {
    title: clip(renderLine(card.title), DISCORD_MESSAGE.embedTitleChars),
    color: card.flag ? FLAG_COLOUR : CARD_COLOUR,
    fields: card.fields.slice(0, DISCORD_MESSAGE.embedFieldsPerEmbed).map((f) => {
      const value = renderLine(f.value, true);
      // A short fact sits beside the others; a table (several lines) gets the embed's width.
      return { name: clip(f.label, DISCORD_MESSAGE.embedFieldNameChars), value: clipField(value) || "-", inline: !value.includes("\n") };
    }),
  };
  if (card.flag) embed.description = clip(`⚠️ ${card.flag}`, DISCORD_MESSAGE.embedDescriptionChars);
  // Discord refuses an embed url that is not http(s); another link stays readable as a field.
  if (card.url && /^https?:\/\/\S+$/i.test(card.url)) embed.url = card.url;
  else if (card.url) embed.fields!.push({ name: "Link", value: clip(card.url, DISCORD_MESSAGE.embedFieldValueChars) });
  return embed;
}

// Custom ids: `<k>[.<server>]|<actionId>|<value>` for a button, `<k>[.<server>]|<actionId>` for a select (its
// value comes with the click). `k` (one base-36 digit) is the component's place in its message, so selects that
// fitMessage split from one keep distinct ids; the server id is added in DMs, where a click names none.
// Modals: `M[.<server>]|<formId>|<context>` (upper case: no place digit is).
const SEP = "|";

export type ComponentScope = { guildId?: string };

function prefix(head: string, scope: ComponentScope): string {
  return scope.guildId ? `${head}.${scope.guildId}` : head;
}

function checkId(id: string, what: string): string {
  if (id.length > DISCORD_MESSAGE.customIdChars) throw new Error(`Discord ${what} id is ${id.length} characters, over Discord's ${DISCORD_MESSAGE.customIdChars}: ${id.slice(0, 60)}…`);
  return id;
}

function checkActionId(actionId: string): void {
  // The core's ids are words and colons; a separator inside one would decode wrongly, so it is a bug.
  if (actionId.includes(SEP)) throw new Error(`A core action or form id may not contain "${SEP}": ${actionId}`);
}

export function encodeComponentId(c: Component, index: number, scope: ComponentScope): string {
  checkActionId(c.actionId);
  const head = prefix(index.toString(36), scope);
  switch (c.kind) {
    case "button":
      return checkId(`${head}${SEP}${c.actionId}${SEP}${c.value}`, "button");
    case "select":
      return checkId(`${head}${SEP}${c.actionId}`, "select");
    default:
      return assertNever(c, "component");
  }
}

export function encodeModalId(form: Pick<Form, "formId" | "context">, scope: ComponentScope): string {
  checkActionId(form.formId);
  return checkId(`${prefix("M", scope)}${SEP}${form.formId}${SEP}${form.context}`, "modal");
}

export type DecodedId =
  | { kind: "button"; guildId?: string; actionId: string; value: string }
  | { kind: "select"; guildId?: string; actionId: string }
  | { kind: "modal"; guildId?: string; formId: string; context: string };

/** The core's ids back from a custom_id this renderer made; null for anything else (an old or forged id). */
export function decodeCustomId(id: string): DecodedId | null {
  const m = /^([0-9a-z]|M)(?:\.(\d{1,20}))?\|([^|]+)(?:\|([\s\S]*))?$/.exec(id);
  if (!m) return null;
  const [, head, guildId, core, rest] = m;
  const scope = guildId ? { guildId } : {};
  if (head === "M") return rest === undefined ? null : { kind: "modal", ...scope, formId: core!, context: rest };
  return rest === undefined ? { kind: "select", ...scope, actionId: core! } : { kind: "button", ...scope, actionId: core!, value: rest };
}

export function renderComponents(components: readonly Component[], scope: ComponentScope): APIActionRowComponent<APIComponentInMessageActionRow>[] {
  let index = 0;
  // The rows are fitMessage's layout, so what the core measured is what Discord gets.
  return componentRows(components, { buttonsPerRow: DISCORD_MESSAGE.buttonsPerRow } as never).map((row) => ({
    type: ComponentType.ActionRow,
    components: row.map((c): APIComponentInMessageActionRow => {
      const custom_id = encodeComponentId(c, index++, scope);
      switch (c.kind) {
        case "button":
          return {
            type: ComponentType.Button,
            style: c.style === "primary" ? ButtonStyle.Primary : c.style === "danger" ? ButtonStyle.Danger : ButtonStyle.Secondary,
            label: clip(c.label, DISCORD_MESSAGE.buttonLabelChars),
            custom_id,
          };
        case "select":
          return {
            type: ComponentType.StringSelect,
            custom_id,
            placeholder: clip(c.placeholder, DISCORD_MESSAGE.placeholderChars),
            options: c.options.map((o) => ({ label: clip(o.label, DISCORD_MESSAGE.selectLabelChars), value: o.value })),
            min_values: 1,
            max_values: 1,
          };
        default:
          return assertNever(c, "component");
      }
    }),
  }));
}

/** A file to send with a message (multipart `files[n]`), in @discordjs/rest's RawFile shape. */
export type DiscordFile = { name: string; data: Buffer; contentType: string };

/** A message body Discord takes for a channel post, a DM, a webhook follow-up or an edit of the original reply. */
export type RenderedMessage = { body: RESTPostAPIChannelMessageJSONBody; files: DiscordFile[] };

/**
 * A core message as one Discord message: text as content (already fitted to 2,000 by fitMessage), the card as an
 * embed, components in rows, an attachment as a file. Mentions never ping @everyone or roles. `ephemeral` marks a
 * follow-up only the member sees.
 */
export function renderMessage(message: Message, opts: { scope?: ComponentScope; ephemeral?: boolean } = {}): RenderedMessage {
  const content = message.text.map((l) => renderLine(l)).join("\n");
  const body: RESTPostAPIChannelMessageJSONBody = {
    // fitMessage measured each instant at its longest; a fixed one that exceeds that is cut, never refused.
    content: clip(content, DISCORD_MESSAGE.contentChars),
    allowed_mentions: { parse: [AllowedMentionsTypes.User] },
  };
  if (message.card) body.embeds = [renderCard(message.card)];
  if (message.components?.length) body.components = renderComponents(message.components, opts.scope ?? {});
  if (opts.ephemeral) body.flags = MessageFlags.Ephemeral;
  const files: DiscordFile[] = [];
  if (message.attachment) {
    const a = message.attachment;
    files.push({ name: a.filename, data: Buffer.from(a.content, "utf8"), contentType: a.mediaType });
    body.attachments = [{ id: 0, filename: a.filename }];
  }
  return { body, files };
}

/** The first answer to an interaction that is not a form: "thinking…", private or in the channel. */
export function renderDefer(ack: Extract<Acknowledgement, { kind: "defer" }>): APIInteractionResponse {
  return ack.visibility === "private"
    ? { type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: MessageFlags.Ephemeral } }
    : { type: InteractionResponseType.DeferredChannelMessageWithSource };
}

/** Whether a form fits one Discord modal: at most 5 fields, each choice at most 25 options. */
export function fitsModal(form: Form): boolean {
  return form.fields.length <= DISCORD_MESSAGE.modalComponents && form.fields.every((f) => f.kind !== "choice" || f.options.length <= DISCORD_MESSAGE.optionsPerSelect);
}

/**
 * The form as one modal can hold it: every required field and every text field, then optional choice fields in
 * order while places remain (a ranked ballot's later ranks). What is left out is said on the last choice kept, with
 * `more` (how to give it otherwise). Null when even that does not fit (a required choice of more than 25 options,
 * or more than 5 fields that cannot be left out).
 */
export function modalForm(form: Form, more: string): Form | null {
  if (form.fields.some((f) => f.kind === "choice" && f.options.length > DISCORD_MESSAGE.optionsPerSelect && f.required)) return null;
  const usable = form.fields.filter((f) => f.kind !== "choice" || f.options.length <= DISCORD_MESSAGE.optionsPerSelect);
  const keep = new Set(usable.filter((f) => f.required || f.kind === "text"));
  if (keep.size > DISCORD_MESSAGE.modalComponents) return null;
  for (const f of usable) if (keep.size < DISCORD_MESSAGE.modalComponents) keep.add(f);
  const fields = form.fields.filter((f) => keep.has(f));
  if (fields.length === form.fields.length) return form;
  const last = fields.findLastIndex((f) => f.kind === "choice");
  return { ...form, fields: fields.map((f, i) => (i === last ? { ...f, hint: more } : f)) };
}

function modalField(f: FormField & { hint?: string }): APILabelComponent {
  const label = clip(f.label, DISCORD_MESSAGE.labelChars);
  // A label too long for Discord's 45 characters goes on in the description below it, as does a hint.
  const long = [...f.label].length > DISCORD_MESSAGE.labelChars ? f.label : undefined;
  const described = [long, f.hint].filter(Boolean).join(" ");
  const description = described ? clip(described, 100) : undefined;
  switch (f.kind) {
    case "text":
      return {
        type: ComponentType.Label,
        label,
        ...(description ? { description } : {}),
        component: {
          type: ComponentType.TextInput,
          custom_id: f.id,
          style: f.multiline ? TextInputStyle.Paragraph : TextInputStyle.Short,
          required: f.required,
          max_length: Math.min(f.maxLength, DISCORD_MESSAGE.textInputChars),
          ...(f.initial ? { value: clip(f.initial, Math.min(f.maxLength, DISCORD_MESSAGE.textInputChars)) } : {}),
        },
      };
    case "choice": {
      const initial = new Set(f.initial ?? []);
      return {
        type: ComponentType.Label,
        label,
        ...(description ? { description } : {}),
        component: {
          type: ComponentType.StringSelect,
          custom_id: f.id,
          required: f.required,
          min_values: f.required ? 1 : 0,
          max_values: f.multiple ? f.options.length : 1,
          options: f.options.map((o) => ({ label: clip(o.label, DISCORD_MESSAGE.selectLabelChars), value: o.value, ...(initial.has(o.value) ? { default: true } : {}) })),
        },
      };
    }
    default:
      return assertNever(f, "form field");
  }
}

/** A form as a Discord modal (labels holding text inputs and selects). Call only when `fitsModal(form)`. */
export function renderModal(form: Form, scope: ComponentScope = {}): APIModalInteractionResponseCallbackData {
  if (!fitsModal(form)) throw new Error(`form ${form.formId} does not fit a Discord modal`);
  return { custom_id: encodeModalId(form, scope), title: clip(form.title, DISCORD_MESSAGE.modalTitleChars), components: form.fields.map(modalField) };
}

/** The modal as the first answer to an interaction. */
export function renderModalResponse(form: Form, scope: ComponentScope = {}): APIInteractionResponse {
  return { type: InteractionResponseType.Modal, data: renderModal(form, scope) };
}

/** Where a modal cannot hold a form, or the core refused one per field: what the member reads instead. */
export function formErrorsMessage(errors: Record<string, string>): Message {
  return { text: [["⚠️ Not accepted:"], ...Object.values(errors).map((e) => [`• ${e}`]), ["Nothing was recorded: run the command again to fix it."]] };
}

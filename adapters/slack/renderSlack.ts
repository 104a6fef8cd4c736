// The core's messages and forms as Block Kit, within Slack's limits (slackLimits.ts). Pure: no Web API here.
// Messages arrive already fitted (src/fitMessage.ts with SLACK_LIMITS); this only lays each one out.
import type { types } from "@slack/bolt";
import { assertNever } from "../../src/assertNever.ts";
import { componentRows, textBlocks } from "../../src/fitMessage.ts";
import { formatInstant } from "../../src/formatInstant.ts";
import type { Card, Component, Form, FormField, Inline, InstantSpan, Message, RichText } from "../../src/message.ts";
import { BLOCK_KIT, SLACK_LIMITS } from "./slackLimits.ts";

type KnownBlock = types.KnownBlock;
type ModalView = types.ModalView;
type PlainTextOption = types.PlainTextOption;
type SectionBlock = types.SectionBlock;
type View = types.View;

/** Slack's three control characters in text (docs.slack.dev/messaging/formatting-message-text#escaping). */
export const escapeSlack = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

const clip = (s: string, n: number): string => (s.length <= n ? s : s.slice(0, n - 1) + "…");

/**
 * An instant every reader sees in their own zone: `<!date^UNIX^{date_long_pretty} {time}|fallback>`; the fallback
 * (old clients, notifications) states it in UTC and in the span's zone. A `fixed` span is plain text in its zone.
 */
export function renderInstant(span: InstantSpan): string {
  if (span.fixed) return escapeSlack(formatInstant(span.at, span.zone));
  const utc = formatInstant(span.at, "UTC");
  const fallback = span.zone === "UTC" || span.zone === "Etc/UTC" ? utc : `${utc} / ${formatInstant(span.at, span.zone)}`;
  return `<!date^${Math.floor(span.at.getTime() / 1000)}^{date_long_pretty} {time}|${escapeSlack(fallback)}>`;
}

export const renderInline = (part: Inline): string => (typeof part === "string" ? escapeSlack(part) : renderInstant(part));
export const renderLine = (line: readonly Inline[]): string => line.map(renderInline).join("");
/** Plain text with instants as UTC (notification text, modal titles): no mrkdwn, no tokens. */
export const plainLine = (line: readonly Inline[]): string => line.map((p) => (typeof p === "string" ? p : formatInstant(p.at, p.fixed ? p.zone : "UTC"))).join("");

const mrkdwn = (text: string) => ({ type: "mrkdwn" as const, text, verbatim: true });
const plain = (text: string) => ({ type: "plain_text" as const, text, emoji: true });

/** Section text of at most 3,000 characters: escaping may lengthen a block the core measured unescaped, so a
 *  rendered block that grew past the limit is cut again at line breaks (or hard, never inside a date token). */
function sections(text: RichText): SectionBlock[] {
  const out: SectionBlock[] = [];
  for (const block of textBlocks(text, SLACK_LIMITS)) {
    let cur = "";
    const flush = () => {
      if (cur) out.push({ type: "section", text: mrkdwn(cur) });
      cur = "";
    };
    for (const line of block) {
      let rendered = renderLine(line) || " ";
      if (cur && cur.length + 1 + rendered.length > BLOCK_KIT.sectionText) flush();
      while (rendered.length > BLOCK_KIT.sectionText) {
        let cut: number = BLOCK_KIT.sectionText;
        // Not inside an entity (&amp;) or a <!date…> token.
        const open = rendered.lastIndexOf("<", cut);
        if (open > 0 && rendered.indexOf(">", open) >= cut) cut = open;
        const amp = rendered.lastIndexOf("&", cut);
        if (amp > cut - 5 && amp > 0) cut = amp;
        flush();
        cur = rendered.slice(0, cut);
        flush();
        rendered = rendered.slice(cut);
      }
      cur = cur ? `${cur}\n${rendered}` : rendered;
    }
    flush();
  }
  return out;
}

export function renderCard(card: Card): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  const fields = card.fields.slice(0, BLOCK_KIT.sectionFields).map((f) => mrkdwn(clip(`*${escapeSlack(f.label)}*\n${renderLine(f.value)}`, BLOCK_KIT.fieldText)));
  blocks.push({ type: "section", text: mrkdwn(clip(`*${renderLine(card.title)}*`, BLOCK_KIT.sectionText)), ...(fields.length ? { fields } : {}) });
  const context = [
    ...(card.flag ? [mrkdwn(`:warning: *${escapeSlack(card.flag)}*`)] : []),
    // Slack links are <url|label>; a URL holding | or > cannot be written inside one, so it goes as text.
    ...(card.url ? [mrkdwn(/[|<>\s]/.test(card.url) ? escapeSlack(card.url) : `<${card.url}|${escapeSlack(clip(card.url, 80))}>`)] : []),
  ];
  if (context.length) blocks.push({ type: "context", elements: context });
  return blocks;
}

/** action_id must be unique in a message; repeats (one select split in pages) get `~n`, which `baseActionId` drops. */
const ACTION_SUFFIX = /~\d+$/;
export const baseActionId = (id: string): string => id.replace(ACTION_SUFFIX, "");

function renderComponents(components: readonly Component[]): KnownBlock[] {
  const used = new Map<string, number>();
  const uniqueId = (id: string) => {
    const n = used.get(id) ?? 0;
    used.set(id, n + 1);
    return n ? `${id}~${n}` : id;
  };
  return componentRows(components, SLACK_LIMITS).map((row) => ({
    type: "actions",
    elements: row.map((c) => {
      switch (c.kind) {
        case "button":
          return { type: "button", action_id: uniqueId(c.actionId), text: plain(clip(c.label, BLOCK_KIT.buttonText)), value: c.value, ...(c.style ? { style: c.style } : {}) };
        case "select":
          return {
            type: "static_select",
            action_id: uniqueId(c.actionId),
            placeholder: plain(clip(c.placeholder, BLOCK_KIT.placeholder)),
            options: c.options.map((o): PlainTextOption => ({ text: plain(clip(o.label, BLOCK_KIT.optionText)), value: o.value })),
          };
        default:
          return assertNever(c, "component");
      }
    }),
  })) as KnownBlock[];
}

export type SlackMessage = { text: string; blocks: KnownBlock[] };

/** One fitted message as Block Kit: the card, the text as sections, the components as actions rows. `text` is the
 *  notification fallback Slack shows where blocks cannot be (push notifications, search). */
export function renderMessage(message: Message): SlackMessage {
  const blocks: KnownBlock[] = [...(message.card ? renderCard(message.card) : []), ...sections(message.text), ...renderComponents(message.components ?? [])];
  const first = message.card ? plainLine(message.card.title) : plainLine(message.text[0] ?? []);
  const text = clip([first, ...message.text.slice(message.card ? 0 : 1, 4).map(plainLine)].filter(Boolean).join("\n"), BLOCK_KIT.sectionText);
  if (blocks.length > BLOCK_KIT.blocksPerMessage) {
    // Not reached with fitted messages (40 text blocks + card + 5 rows); kept so an oversized one still goes.
    blocks.splice(BLOCK_KIT.blocksPerMessage - 1, blocks.length, { type: "context", elements: [mrkdwn("(cut: too long for one Slack message)")] });
  }
  return { text: text || " ", blocks };
}

/** What a modal carries back on submit besides the values: the core's form context and where it was opened. */
export type FormMetadata = { context: string; channelId: string };

function choiceElement(f: Extract<FormField, { kind: "choice" }>) {
  const option = (o: { label: string; value: string }): PlainTextOption => ({ text: plain(clip(o.label, BLOCK_KIT.optionText)), value: o.value });
  const initial = f.options.filter((o) => f.initial?.includes(o.value)).map(option);
  const many = f.options.length > SLACK_LIMITS.optionsPerSelect;
  // More than 100 options: option groups of 100 (a select takes up to 100 groups).
  const choices = many
    ? {
        option_groups: Array.from({ length: Math.ceil(f.options.length / 100) }, (_, g) => ({
          label: plain(`${g * 100 + 1}–${Math.min(f.options.length, (g + 1) * 100)}`),
          options: f.options.slice(g * 100, (g + 1) * 100).map(option),
        })),
      }
    : { options: f.options.map(option) };
  if (f.multiple && f.options.length <= BLOCK_KIT.checkboxOptions) return { type: "checkboxes", action_id: f.id, options: f.options.map(option), ...(initial.length ? { initial_options: initial } : {}) };
  if (f.multiple) return { type: "multi_static_select", action_id: f.id, placeholder: plain("Choose"), ...choices, ...(initial.length ? { initial_options: initial } : {}) };
  return { type: "static_select", action_id: f.id, placeholder: plain("Choose"), ...choices, ...(initial[0] ? { initial_option: initial[0] } : {}) };
}

/** A core Form as a modal: each field an input block whose block_id and action_id are the field id. */
export function renderForm(form: Form, channelId: string): ModalView {
  const meta: FormMetadata = { context: form.context, channelId };
  const privateMetadata = JSON.stringify(meta);
  if (privateMetadata.length > BLOCK_KIT.privateMetadata) throw new Error(`form ${form.formId}: its context is too long for a Slack modal (${privateMetadata.length} > 3000)`);
  return {
    type: "modal",
    callback_id: form.formId,
    private_metadata: privateMetadata,
    title: plain(clip(form.title, BLOCK_KIT.modalTitle)),
    submit: plain(clip(form.submitLabel, BLOCK_KIT.modalButton)),
    close: plain("Cancel"),
    blocks: form.fields.slice(0, BLOCK_KIT.blocksPerModal).map((f): KnownBlock => {
      switch (f.kind) {
        case "text":
          return {
            type: "input",
            block_id: f.id,
            optional: !f.required,
            label: plain(clip(f.label, BLOCK_KIT.inputLabel)),
            element: { type: "plain_text_input", action_id: f.id, multiline: f.multiline, max_length: f.maxLength, ...(f.initial ? { initial_value: f.initial } : {}) },
          };
        case "choice":
          return { type: "input", block_id: f.id, optional: !f.required, label: plain(clip(f.label, BLOCK_KIT.inputLabel)), element: choiceElement(f) } as KnownBlock;
        default:
          return assertNever(f, "form field");
      }
    }),
  };
}

/** A modal showing private answers in place of the form (after a submit): the text, and a Close button. */
export function resultView(title: string, messages: readonly Message[]): View {
  const blocks = messages.flatMap((m) => renderMessage({ ...m, components: [] }).blocks).slice(0, BLOCK_KIT.blocksPerModal);
  return { type: "modal", title: plain(clip(title, BLOCK_KIT.modalTitle)), close: plain("Close"), blocks };
}

type StateValue = {
  type: string;
  value?: string | null;
  selected_option?: { value: string } | null;
  selected_options?: { value: string }[];
};

/** The submitted values by field id: text as typed, choices as arrays of chosen values (empty when none). */
export function readViewState(values: Record<string, Record<string, StateValue>>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [blockId, byAction] of Object.entries(values)) {
    for (const v of Object.values(byAction)) {
      switch (v.type) {
        case "plain_text_input":
          out[blockId] = v.value ?? "";
          break;
        case "static_select":
        case "external_select":
          out[blockId] = v.selected_option ? [v.selected_option.value] : [];
          break;
        case "checkboxes":
        case "multi_static_select":
        case "multi_external_select":
          out[blockId] = (v.selected_options ?? []).map((o) => o.value);
          break;
        default:
          // An element the core never renders: ignored, so a forged field cannot reach a handler.
          break;
      }
    }
  }
  return out;
}

// Inbound Slack payloads with the fields Slack really sends (values shaped after slackapi/bolt-python
// tests/scenario_tests and java-slack-sdk json-logs/samples), typed with Bolt's own payload types.
import { randomBytes } from "node:crypto";
import type { BlockAction, SlashCommand, ViewSubmitAction } from "@slack/bolt";
import { FAKE_BOT, FAKE_TEAM, signSlackRequest, type FakeSlack } from "./fakeSlack.ts";

export type SlackPerson = { id: string; name: string };
export const GENERAL = { id: "C0GENERAL1", name: "general" } as const;

const triggerId = () => `${Date.now() % 1e10}.${Math.floor(Math.random() * 1e12)}.${randomBytes(16).toString("hex")}`;
/** Slack's (deprecated) verification token: present in every payload, never used for trust. */
const VERIFICATION_TOKEN = "gIkuvaNzQIHg97ATvDxqgjtO";

export function slashCommand(fake: FakeSlack, who: SlackPerson, command: string, text: string, channel: { id: string; name: string } = GENERAL): SlashCommand {
  return {
    token: VERIFICATION_TOKEN,
    team_id: FAKE_TEAM.id,
    team_domain: FAKE_TEAM.domain,
    channel_id: channel.id,
    channel_name: channel.name,
    user_id: who.id,
    user_name: who.name,
    command,
    text,
    api_app_id: FAKE_BOT.appId,
    is_enterprise_install: "false",
    response_url: fake.responseUrl(),
    trigger_id: triggerId(),
  };
}

/** A slash command as Slack posts it: form-encoded. */
export const formEncoded = (fields: Record<string, string | undefined>): string =>
  new URLSearchParams(Object.entries(fields).filter((e): e is [string, string] => e[1] !== undefined)).toString();

/** An interaction (block_actions, view_submission) as Slack posts it: `payload=<json>`, form-encoded. */
export const interactionBody = (payload: object): string => new URLSearchParams({ payload: JSON.stringify(payload) }).toString();

/** A button click in a message the bot sent (a DM when `channel` is a D… id). */
export function buttonClick(fake: FakeSlack, who: SlackPerson, action: { actionId: string; value: string; text?: string }, channel: { id: string; name: string } = GENERAL): BlockAction {
  const ts = `${Math.floor(Date.now() / 1000)}.000200`;
  return {
    type: "block_actions",
    user: { id: who.id, username: who.name, name: who.name, team_id: FAKE_TEAM.id },
    api_app_id: FAKE_BOT.appId,
    token: VERIFICATION_TOKEN,
    container: { type: "message", message_ts: ts, channel_id: channel.id, is_ephemeral: false },
    trigger_id: triggerId(),
    team: { id: FAKE_TEAM.id, domain: FAKE_TEAM.domain },
    enterprise: undefined,
    is_enterprise_install: false,
    channel,
    message: { type: "message", subtype: "bot_message", text: "…", ts, bot_id: FAKE_BOT.botId, user: FAKE_BOT.userId, blocks: [] },
    state: { values: {} },
    response_url: fake.responseUrl(),
    actions: [
      {
        type: "button",
        action_id: action.actionId,
        block_id: "b1",
        text: { type: "plain_text", text: action.text ?? "Accept", emoji: true },
        value: action.value,
        action_ts: `${Date.now() / 1000}`,
      },
    ],
  };
}

type StateValue =
  | { type: "plain_text_input"; value: string | null }
  | { type: "static_select"; selected_option: { text: { type: "plain_text"; text: string; emoji: boolean }; value: string } | null }
  | { type: "checkboxes" | "multi_static_select"; selected_options: { text: { type: "plain_text"; text: string; emoji: boolean }; value: string }[] };

export const textValue = (value: string | null): StateValue => ({ type: "plain_text_input", value });
export const selectValue = (value: string | null): StateValue => ({ type: "static_select", selected_option: value === null ? null : { text: { type: "plain_text", text: value, emoji: true }, value } });
export const checkedValues = (values: string[], type: "checkboxes" | "multi_static_select" = "checkboxes"): StateValue => ({
  type,
  selected_options: values.map((v) => ({ text: { type: "plain_text", text: v, emoji: true }, value: v })),
});

/** The submission of a modal the bot opened (`opened`: the view as views.open sent it). */
export function viewSubmission(who: SlackPerson, opened: { callback_id: string; private_metadata: string; title?: unknown; blocks?: unknown[] }, values: Record<string, StateValue>): ViewSubmitAction {
  const state: Record<string, Record<string, StateValue>> = {};
  for (const [field, v] of Object.entries(values)) state[field] = { [field]: v };
  return {
    type: "view_submission",
    team: { id: FAKE_TEAM.id, domain: FAKE_TEAM.domain },
    user: { id: who.id, username: who.name, name: who.name, team_id: FAKE_TEAM.id },
    api_app_id: FAKE_BOT.appId,
    token: VERIFICATION_TOKEN,
    trigger_id: triggerId(),
    view: {
      id: "V0MODAL0001",
      team_id: FAKE_TEAM.id,
      type: "modal",
      blocks: (opened.blocks ?? []) as never,
      private_metadata: opened.private_metadata,
      callback_id: opened.callback_id,
      state: { values: state as never },
      hash: `${Math.floor(Date.now() / 1000)}.Ax3jb2X7`,
      title: (opened.title as { type: "plain_text"; text: string }) ?? { type: "plain_text", text: "Form" },
      clear_on_close: false,
      notify_on_close: false,
      close: null,
      submit: { type: "plain_text", text: "Submit" },
      root_view_id: "V0MODAL0001",
      previous_view_id: null,
      app_id: FAKE_BOT.appId,
      external_id: "",
      app_installed_team_id: FAKE_TEAM.id,
      bot_id: FAKE_BOT.botId,
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  } as unknown as ViewSubmitAction;
}

/** An Events API callback (user_change, app_home_opened…) as Slack posts it: JSON. */
export function eventCallback(event: Record<string, unknown>): Record<string, unknown> {
  return {
    token: VERIFICATION_TOKEN,
    team_id: FAKE_TEAM.id,
    context_team_id: FAKE_TEAM.id,
    context_enterprise_id: null,
    api_app_id: FAKE_BOT.appId,
    event: { ...event, event_ts: `${Date.now() / 1000}` },
    type: "event_callback",
    event_id: `Ev${randomBytes(5).toString("hex").toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: FAKE_TEAM.id, user_id: FAKE_BOT.userId, is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  };
}

export type SlackHttpAnswer = { status: number; text: string; json(): unknown; ms: number };

/** Posts a body to the bot as Slack does, signed with `secret` at `ts` (seconds; now by default). */
export async function postToBot(url: string, body: string, secret: string, opts: { ts?: number; contentType?: string; headers?: Record<string, string> } = {}): Promise<SlackHttpAnswer> {
  const t0 = performance.now();
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": opts.contentType ?? "application/x-www-form-urlencoded", ...signSlackRequest(secret, body, opts.ts), ...opts.headers },
    body,
  });
  const text = await res.text();
  return { status: res.status, text, json: () => JSON.parse(text), ms: performance.now() - t0 };
}

// Slack as a platform: slash commands, buttons, selects and modals in; answers through response_url and modals;
// DMs and channel posts out through the Web API for the outbox. Translation only: every rule is in src/.
import type { Store } from "../../src/store.ts";
import type { App, BlockAction, RespondFn, SlashCommand, ViewSubmitAction } from "@slack/bolt";
import type { types } from "@slack/bolt";
import { assertNever } from "../../src/assertNever.ts";
import type { Actor, InboundEvent } from "../../src/event.ts";
import { fitMessage } from "../../src/fitMessage.ts";
import type { Logger } from "../../src/logger.ts";
import type { Attachment, ChannelRef, Message, Send } from "../../src/message.ts";
import type { Delivery, DeliveryOutcome, EventHandler, PlatformPort, PlatformUser } from "../../src/platformPort.ts";
import type { Route } from "../http/startHttpServer.ts";
import { createSlackApp, scrubSecrets, type SlackAppOptions } from "./createSlackApp.ts";
import { baseActionId, readViewState, renderForm, renderMessage, resultView, type FormMetadata } from "./renderSlack.ts";
import { SLACK_LIMITS } from "./slackLimits.ts";
import { outcomeOf, platformErrorCode } from "./slackOutcome.ts";
import { createSlackUsers, type SlackUsers } from "./slackUsers.ts";
import { slackGroupMembers } from "./slackGroups.ts";

export const SLACK = "slack";

export type SlackAdapterOptions = Omit<SlackAppOptions, "log"> & {
  log: Logger;
  /** The bot token for a workspace's outbound calls (outbox, user look-ups). Default: the single `botToken`. */
  botTokenFor?: (workspaceId: string) => Promise<string | undefined>;
  /** A view_submission is answered (errors in the modal, or the answers in its place) if the core is done within
   *  this; otherwise the modal closes and the answers come as a DM. Slack waits 3 s. */
  formAnswerMs?: number;
  /** The database's record of requests seen, so a replay is refused by every instance sharing it. */
  firstSighting: Store["firstSighting"];
};

/** Slack's signed timestamps pass for 5 minutes either way: a request id is remembered for twice that. */
const REPLAY_MEMORY_MS = 2 * 5 * 60_000;

/** What a module adding Bolt listeners (App Home, user groups) may use. */
export type SlackExtension = {
  app: App;
  users: SlackUsers;
  /** The core's handler once the adapter is started (null before). */
  handler(): EventHandler | null;
  /** The actor for a user of a workspace, with their profile zone and admin flag from users.info. */
  actorFor(workspaceId: string, workspaceName: string, userId: string, fallbackName: string): Promise<Actor>;
  /** The bot token for a workspace (see SlackAdapterOptions.botTokenFor). */
  tokenFor(workspaceId: string): Promise<string | undefined>;
  log: Logger;
};

export type SlackAdapter = PlatformPort & {
  readonly app: App;
  /** HTTP mode: mount these on the shared HTTP server (POST /slack/events, OAuth paths). Empty in Socket Mode. */
  readonly routes: Route[];
  readonly users: SlackUsers;
  /** Registers further Bolt listeners (events, actions, views) from another module; call before start(). */
  extend(register: (ext: SlackExtension) => void): void;
};

type CodedError = { code?: string };
const USER_GONE = new Set(["user_not_found", "users_not_found", "user_not_visible", "account_inactive"]);

/** Slack's answer to a Web API call, narrowed to what the adapter reads. */
type OpenAnswer = { channel?: { id?: string } };

export async function createSlackAdapter(o: SlackAdapterOptions): Promise<SlackAdapter> {
  const { log } = o;
  const secrets = [o.botToken, o.signingSecret, o.appToken].filter((s): s is string => !!s);
  const { app, routes, socket } = await createSlackApp(o);
  const tokenFor = o.botTokenFor ?? (async () => o.botToken);
  let handler: EventHandler | null = null;
  let up = false;

  const users = createSlackUsers({
    fetch: async (workspaceId, userId) => app.client.users.info({ token: await tokenFor(workspaceId), user: userId }),
    classify: (e) => {
      const code = platformErrorCode(e);
      if (code && USER_GONE.has(code)) return "unknown";
      return { reason: outcomeOf(e).kind === "retry" ? "Slack is not answering just now" : `Slack: ${code ?? "error"}` };
    },
    nowMs: () => o.now().getTime(),
  });

  async function actorFor(workspaceId: string, workspaceName: string, userId: string, fallbackName: string): Promise<Actor> {
    const u = await users.get(workspaceId, userId);
    const p = u.kind === "found" ? u.profile : null;
    return {
      platform: SLACK,
      workspaceId,
      workspaceName,
      userId,
      displayName: p?.displayName ?? fallbackName,
      isPlatformAdmin: p?.isAdmin ?? false,
      ...(p?.tz ? { platformZone: p.tz } : {}),
      ...(p?.locale ? { locale: p.locale } : {}),
    };
  }

  /** The actor as the request itself tells it: enough for the acknowledgement, which reads no profile. */
  const quickActor = (workspaceId: string, workspaceName: string, userId: string, name: string): Actor => ({
    platform: SLACK,
    workspaceId,
    workspaceName,
    userId,
    displayName: name,
    isPlatformAdmin: false,
  });

  // ---- sending ----

  async function upload(workspaceId: string, channelId: string, file: Attachment, comment?: string): Promise<void> {
    // files.uploadV2: files.getUploadURLExternal, the upload itself, files.completeUploadExternal into the channel.
    await app.client.files.uploadV2({
      token: await tokenFor(workspaceId),
      channel_id: channelId,
      filename: file.filename,
      title: file.filename,
      content: file.content,
      ...(comment ? { initial_comment: comment } : {}),
    });
  }

  async function dmChannel(workspaceId: string, userId: string): Promise<string> {
    const r = (await app.client.conversations.open({ token: await tokenFor(workspaceId), users: userId })) as OpenAnswer;
    if (!r.channel?.id) throw new Error("conversations.open answered without a channel");
    return r.channel.id;
  }

  /** Posts a message (a user id as `channel` posts to the app's DM with them) and its file, if any. */
  async function postMessage(workspaceId: string, channel: string, message: Message, userId?: string): Promise<void> {
    const token = await tokenFor(workspaceId);
    const { attachment, ...rest } = message;
    const rendered = renderMessage(rest);
    await app.client.chat.postMessage({ token, channel, text: rendered.text, blocks: rendered.blocks, unfurl_links: false, unfurl_media: false });
    if (attachment) await upload(workspaceId, userId ? await dmChannel(workspaceId, userId) : channel, attachment);
  }

  async function deliver(d: Delivery): Promise<DeliveryOutcome> {
    try {
      // Deliveries come from the outbox unfitted; most are one part. A retry after a later part failed repeats the
      // earlier parts: Slack has no idempotency key for chat.postMessage.
      switch (d.kind) {
        case "dm":
          for (const part of fitMessage(d.message, SLACK_LIMITS)) await postMessage(d.to.workspaceId, d.to.userId, part, d.to.userId);
          return { kind: "sent" };
        case "post":
          for (const part of fitMessage(d.message, SLACK_LIMITS)) await postMessage(d.channel.workspaceId, d.channel.channelId, part);
          return { kind: "sent" };
        default:
          return assertNever(d, "delivery");
      }
    } catch (e) {
      return outcomeOf(e);
    }
  }

  /** Where the answers to one event go. `respond` is Bolt's response_url poster (none for modals). */
  type AnswerContext = { actor: Actor; channel: ChannelRef; respond?: RespondFn; triggerId?: string };

  async function answer(sends: readonly Send[], at: AnswerContext): Promise<void> {
    const ws = at.actor.workspaceId;
    let responses = 0;
    const replyPrivately = async (message: Message) => {
      const { attachment, ...rest } = message;
      // response_url takes five answers in 30 minutes; past that, or where there is none, the app's DM.
      if (at.respond && responses < 5) {
        responses++;
        await at.respond({ response_type: "ephemeral", replace_original: false, ...renderMessage(rest) });
      } else await postMessage(ws, at.actor.userId, rest);
      if (attachment) await upload(ws, await dmChannel(ws, at.actor.userId), attachment, `${attachment.filename}, as asked in #${at.channel.name ?? at.channel.channelId}.`);
    };
    for (const s of sends) {
      try {
        switch (s.kind) {
          case "reply":
            if (s.visibility === "private") await replyPrivately(s.message);
            else {
              const { attachment, ...rest } = s.message;
              if (at.respond && responses < 5) {
                responses++;
                await at.respond({ response_type: "in_channel", replace_original: false, ...renderMessage(rest) });
              } else await postMessage(ws, at.channel.channelId, rest);
              if (attachment) await upload(ws, at.channel.channelId, attachment);
            }
            break;
          case "form":
            if (!at.triggerId) {
              await replyPrivately({ text: [[`${s.form.title}: this needs a form, which Slack can only open from a command or a button. Run the command again.`]] });
              break;
            }
            await app.client.views.open({ token: await tokenFor(ws), trigger_id: at.triggerId, view: renderForm(s.form, at.channel.channelId) });
            break;
          case "formErrors":
            // Outside a modal (the form was answered late): the errors as a private reply.
            await replyPrivately({ text: Object.values(s.errors).map((e) => [`⚠️ ${e}`]) });
            break;
          case "dm":
          case "post":
            // The core sends these through the outbox; one arriving here is delivered at once rather than lost.
            log.warn({ kind: s.kind }, "Slack: a delivery came back as an answer; delivering it now");
            await deliver(s);
            break;
          default:
            assertNever(s, "send");
        }
      } catch (e) {
        // The member may miss this answer, but the work is done and committed: log it, go on with the others.
        log.error({ err: scrubSecrets(e instanceof Error ? e.message : String(e), secrets), code: (e as CodedError).code, kind: s.kind }, "Slack: an answer could not be sent");
      }
    }
  }

  /**
   * The same request again, within the window its signature passes, is a replay (or Slack redelivering what it
   * thinks was lost): commands, buttons and forms by trigger_id, events by event_id. Refused on every instance
   * that shares the database, after the acknowledgement, so Slack's 3 s never wait on it.
   */
  async function firstTime(id: string | undefined): Promise<boolean> {
    if (!id) return true;
    const now = o.now();
    let first: boolean;
    try {
      first = await o.firstSighting(`slack:${id}`, new Date(now.getTime() + REPLAY_MEMORY_MS), now);
    } catch (e) {
      log.error({ err: scrubSecrets(e instanceof Error ? e.message : String(e), secrets) }, "slack: the replay check failed; the request is not run");
      return false;
    }
    if (!first) log.info({ refusal: "replayed" }, "slack request refused");
    return first;
  }

  const needHandler = (): EventHandler => {
    if (!handler) throw new Error("the Slack adapter received an event before start()");
    return handler;
  };

  // ---- inbound ----

  app.command(/^\/.+/, async ({ command, ack, respond }) => {
    const h = needHandler();
    const c: SlashCommand = command;
    const channel: ChannelRef = { platform: SLACK, workspaceId: c.team_id, channelId: c.channel_id, name: c.channel_name };
    const quick: InboundEvent = { kind: "command", actor: quickActor(c.team_id, c.team_domain, c.user_id, c.user_name), channel, name: c.command.replace(/^\//, ""), text: c.text };
    const first = h.acknowledge(quick);
    // Within Slack's 3 s, before any database or Web API call: the acknowledgement reads only the definitions.
    if (first.kind === "defer" && first.visibility === "public") await ack({ response_type: "in_channel" });
    else await ack();
    if (!(await firstTime(c.trigger_id))) return;
    const actor = await actorFor(c.team_id, c.team_domain, c.user_id, c.user_name);
    const sends = await h.handle({ ...quick, actor });
    await answer(sends, { actor, channel, respond, triggerId: c.trigger_id });
  });

  app.action(/.+/, async ({ ack, body, action, respond }) => {
    await ack();
    const h = needHandler();
    const b = body as BlockAction;
    if (!(await firstTime(b.trigger_id))) return;
    const a = action as types.Block & { type: string; action_id: string; value?: string; selected_option?: { value: string } | null };
    const value = a.type === "button" ? (a.value ?? "") : a.type === "static_select" ? (a.selected_option?.value ?? "") : null;
    // Inputs inside modals report here too (dispatch_action); the core hears only buttons and selects.
    if (value === null) return;
    const team = b.team?.id ?? b.user.team_id ?? "";
    const actor = await actorFor(team, b.team?.domain ?? team, b.user.id, b.user.username ?? b.user.name ?? b.user.id);
    const channel: ChannelRef = { platform: SLACK, workspaceId: team, channelId: b.channel?.id ?? b.user.id, ...(b.channel?.name ? { name: b.channel.name } : {}) };
    const sends = await h.handle({ kind: "action", actor, channel, actionId: baseActionId(a.action_id), value });
    await answer(sends, { actor, channel, ...(b.response_url ? { respond } : {}), triggerId: b.trigger_id });
  });

  app.view(/.+/, async ({ ack, body, view }) => {
    const h = needHandler();
    const b = body as ViewSubmitAction;
    // The modal's answer must come within 3 s of now: errors shown in it, or the private answers in its place.
    // A form's answer is its acknowledgement, so the replay check is part of the work the deadline covers.
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<"late">((r) => (timer = setTimeout(() => r("late"), o.formAnswerMs ?? 2_500)));
    const team = b.team?.id ?? b.user.team_id ?? "";
    let meta: FormMetadata;
    try {
      meta = JSON.parse(view.private_metadata) as FormMetadata;
    } catch {
      clearTimeout(timer);
      await ack();
      return;
    }
    const channel: ChannelRef = { platform: SLACK, workspaceId: team, channelId: meta.channelId || b.user.id };
    const values = readViewState(view.state.values as never);
    const work = (async () => {
      // A replay, or a check that failed (logged): nothing runs.
      if (!(await firstTime(b.trigger_id))) return null;
      const actor = await actorFor(team, b.team?.domain ?? team, b.user.id, b.user.name ?? b.user.id);
      return { actor, sends: await h.handle({ kind: "formSubmit", actor, channel, formId: view.callback_id, context: meta.context, values }) };
    })();
    const first = await Promise.race([work, late]).finally(() => clearTimeout(timer));
    if (first === "late" || first === null) {
      await ack();
      const done = first === "late" ? await work : null;
      if (done) await answer(done.sends, { actor: done.actor, channel });
      return;
    }
    const { actor, sends } = first;
    const errors = sends.find((s) => s.kind === "formErrors");
    if (errors?.kind === "formErrors") {
      await ack({ response_action: "errors", errors: errors.errors });
      return;
    }
    const privately = sends.filter((s): s is Extract<Send, { kind: "reply" }> => s.kind === "reply" && s.visibility === "private" && !s.message.attachment);
    if (privately.length) await ack({ response_action: "update", view: resultView(view.title.text, privately.map((s) => s.message)) });
    else await ack();
    await answer(
      sends.filter((s) => !privately.includes(s as never)),
      { actor, channel },
    );
  });

  app.event("user_change", async ({ event, body }) => {
    users.changed((body as { team_id?: string }).team_id ?? "", event.user);
  });

  app.error(async (e) => {
    log.error({ err: scrubSecrets(e instanceof Error ? e.message : String(e), secrets), code: (e as CodedError).code }, "Slack: a listener failed");
  });

  return {
    platform: SLACK,
    limits: SLACK_LIMITS,
    app,
    routes,
    users,
    extend(register) {
      register({ app, users, handler: () => handler, actorFor, tokenFor, log });
    },
    async start(h) {
      handler = h;
      // Events (acknowledged by Bolt before any middleware runs) are checked here. Added at start, after any
      // middleware registered since construction, which then sees this check as part of the event's work.
      app.use(async ({ body, next }) => {
        const eventId = (body as { event_id?: unknown }).event_id;
        if (typeof eventId === "string" && !(await firstTime(eventId))) return;
        await next();
      });
      if (socket) {
        socket.client.on("connected", () => (up = true));
        socket.client.on("disconnected", () => (up = false));
        await app.start();
      }
      up = true;
    },
    connected: () => up,
    lookupUser: (workspaceId: string, userId: string): Promise<PlatformUser> => users.asPlatformUser(workspaceId, userId),
    groupMembers: async (workspaceId: string, groupId: string) => slackGroupMembers(app, await tokenFor(workspaceId), groupId),
    deliver,
    async stop() {
      if (!socket) {
        up = false;
        return;
      }
      // app.stop() resolves before the close handshake ends: wait for the client to say it is disconnected.
      const gone = new Promise<void>((r) => {
        if (!up) return r();
        socket.client.once("disconnected", () => r());
        setTimeout(r, 2_000).unref();
      });
      await app.stop();
      await gone;
      up = false;
    },
  };
}

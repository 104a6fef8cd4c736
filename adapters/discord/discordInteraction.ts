// One interaction, from payload to answers, whatever carried it (gateway or HTTP): acknowledge within Discord's
// 3 seconds (defer, or a modal as the first answer), then let the core handle it and edit the reply or follow up.
// The transport supplies the responder: over the gateway every call is REST; over HTTP the first answer is the
// response body.
import { InteractionResponseType, MessageFlags, type APIInteraction, type APIInteractionResponse } from "discord-api-types/v10";
import type { Acknowledgement } from "../../src/bot.ts";
import type { Logger } from "../../src/logger.ts";
import type { Send } from "../../src/message.ts";
import type { EventHandler } from "../../src/platformPort.ts";
import { translateInteraction, type InboundContext } from "./discordInbound.ts";
import { DISCORD_MESSAGE } from "./discordLimits.ts";
import { clip, formErrorsMessage, modalForm, renderDefer, renderMessage, renderModalResponse, type ComponentScope, type RenderedMessage } from "./discordRender.ts";

/** How long a click waits for the core before deferring: a click may open a form, which must be the first
 *  response, and Discord allows 3 s for it. */
export const CLICK_WAIT_MS = 1500;
const MORE = "More than fits here? Type the command with its options.";

export type InteractionResponder = {
  /** The first answer (at most once, within 3 s of the interaction). */
  respond(response: APIInteractionResponse, files?: RenderedMessage["files"]): Promise<void>;
  /** Replaces the deferred "thinking…" message. */
  editOriginal(message: RenderedMessage): Promise<void>;
  deleteOriginal(): Promise<void>;
  followUp(message: RenderedMessage): Promise<void>;
};

type Reply = Extract<Send, { kind: "reply" }>;

/** An answer as a message the member reads (a form where none can open, refusals per field). */
function asReply(s: Send): Reply | null {
  switch (s.kind) {
    case "reply":
      return s;
    case "formErrors":
      return { kind: "reply", visibility: "private", message: formErrorsMessage(s.errors) };
    case "form":
      return { kind: "reply", visibility: "private", message: { text: [[`${s.form.title}: this form cannot open here. Use the command with its options instead (/caucus help).`]] } };
    default:
      // DMs and posts never come back as answers: they went to the outbox.
      return null;
  }
}

const rendered = (r: Reply, scope: ComponentScope) => renderMessage(r.message, { scope, ephemeral: r.visibility === "private" });

/** Sends the answers after a defer: the first of the deferred visibility replaces "thinking…", others follow. */
async function answerDeferred(ack: Extract<Acknowledgement, { kind: "defer" }>, answers: Send[], responder: InteractionResponder, scope: ComponentScope): Promise<void> {
  const replies = answers.map(asReply).filter((r): r is Reply => r !== null);
  const first = replies.findIndex((r) => r.visibility === ack.visibility);
  if (first < 0) await responder.deleteOriginal();
  else await responder.editOriginal(renderMessage(replies[first]!.message, { scope }));
  for (const [k, r] of replies.entries()) if (k !== first) await responder.followUp(rendered(r, scope));
}

/** Answers when the first response had to wait for the core (a form): the modal, or the reply in its place. */
async function answerImmediately(answers: Send[], responder: InteractionResponder, scope: ComponentScope): Promise<void> {
  const form = answers.find((s) => s.kind === "form");
  const modal = form ? modalForm(form.form, MORE) : null;
  if (form && modal) {
    await responder.respond(renderModalResponse(modal, scope));
    for (const r of answers.filter((s) => s !== form).map(asReply)) if (r) await responder.followUp(rendered(r, scope));
    return;
  }
  const replies = answers.map(asReply).filter((r): r is Reply => r !== null);
  const [head, ...rest] = replies.length ? replies : [{ kind: "reply", visibility: "private", message: { text: [["Done."]] } } satisfies Reply];
  const m = rendered(head!, scope);
  await responder.respond({ type: InteractionResponseType.ChannelMessageWithSource, data: m.body as never }, m.files);
  for (const r of rest) await responder.followUp(rendered(r, scope));
}

/**
 * What a failure may log: a REST error carries the request's URL (the interaction token) and body (a receipt, a
 * ballot), so only its kind, status and Discord code are kept; any other error (a bug) as it is.
 */
export function loggableError(e: unknown): Record<string, unknown> {
  if (e && typeof e === "object" && "requestBody" in e) {
    const r = e as { name?: string; status?: number; code?: unknown; method?: string };
    return { error: { name: r.name, status: r.status, code: r.code, method: r.method } };
  }
  return { err: e };
}

/**
 * Runs one interaction through the core. Never throws: a failure to answer is logged (the member sees Discord's
 * "did not respond"), and the core itself never throws for bad input.
 */
export async function runInteraction(i: APIInteraction, handler: EventHandler, responder: InteractionResponder, ctx: InboundContext, log: Logger): Promise<void> {
  try {
    const inbound = translateInteraction(i, ctx);
    switch (inbound.kind) {
      case "ignored":
        log.debug({ reason: inbound.reason }, "discord interaction ignored");
        if (inbound.reply) await responder.respond({ type: InteractionResponseType.ChannelMessageWithSource, data: { content: inbound.reply, flags: MessageFlags.Ephemeral } });
        return;
      case "autocomplete": {
        const suggestions = await handler.autocomplete(inbound.request);
        await responder.respond({
          type: InteractionResponseType.ApplicationCommandAutocompleteResult,
          data: {
            choices: suggestions
              .slice(0, DISCORD_MESSAGE.autocompleteChoices)
              .map((s) => ({ name: clip(s.label, DISCORD_MESSAGE.selectLabelChars), value: clip(s.value, DISCORD_MESSAGE.selectValueChars) })),
          },
        });
        return;
      }
      case "event": {
        // A component in a DM names its server; its answers keep naming it, so their buttons work there too.
        const scope: ComponentScope = i.guild_id ? {} : { guildId: inbound.event.actor.workspaceId };
        const ack = handler.acknowledge(inbound.event);
        if (ack.kind === "form") return await answerImmediately(await handler.handle(inbound.event), responder, scope);
        if (inbound.event.kind === "action") {
          const work = handler.handle(inbound.event);
          let timer: NodeJS.Timeout | undefined;
          const quick = await Promise.race([work, new Promise<null>((r) => (timer = setTimeout(() => r(null), CLICK_WAIT_MS)))]);
          clearTimeout(timer);
          if (quick) return await answerImmediately(quick, responder, scope);
          await responder.respond(renderDefer(ack));
          return await answerDeferred(ack, await work, responder, scope);
        }
        await responder.respond(renderDefer(ack));
        return await answerDeferred(ack, await handler.handle(inbound.event), responder, scope);
      }
    }
  } catch (e) {
    log.error({ ...loggableError(e), interaction: i.id, type: i.type }, "discord interaction failed");
  }
}

// Discord interactions over HTTP (the application's Interactions Endpoint URL), for servers that prefer a webhook
// to the gateway: `POST /discord/interactions` on the bot's HTTP server. Every request is verified first
// (Ed25519 with DISCORD_PUBLIC_KEY, ±5 min), then runs through the same translation and rendering as the gateway
// path (runInteraction); only the first answer differs: it is this HTTP response's body, not a REST callback.
// Later edits and follow-ups go through REST webhooks with the interaction token, as over the gateway.
import type { Store } from "../../src/store.ts";
import type http from "node:http";
import type { KeyObject } from "node:crypto";
import { InteractionResponseType, InteractionType, MessageFlags, type APIInteraction, type APIInteractionResponse } from "discord-api-types/v10";
import { z } from "zod";
import type { Logger } from "../../src/logger.ts";
import type { EventHandler } from "../../src/platformPort.ts";
import { sendJson, type Route } from "../http/startHttpServer.ts";
import type { DiscordAdapter } from "./discordAdapter.ts";
import { runInteraction, type InteractionResponder } from "./discordInteraction.ts";
import type { RenderedMessage } from "./discordRender.ts";
import { discordPublicKey, TIMESTAMP_WINDOW_S, verifyDiscordRequest } from "./verifyDiscordRequest.ts";

export const DISCORD_INTERACTIONS_PATH = "/discord/interactions";

/** Interactions are small (a modal of five fields is a few KB); anything far larger is not one. */
const MAX_BODY_BYTES = 256 * 1024;
/** Discord waits 3 s for the first answer; past this we defer ourselves and the core's answer becomes an edit. */
const FIRST_ANSWER_MS = 2_500;

/** The fields read before handing the payload on; Discord signed the rest, so its shape is Discord's. */
const envelopeSchema = z.looseObject({ id: z.string().min(1), application_id: z.string().min(1), type: z.number().int(), token: z.string().min(1) });

export type HttpInteractionsDeps = {
  publicKey: KeyObject;
  applicationId: string;
  /** Runs one verified interaction as the gateway path does (the adapter's runInteraction with its handler). */
  run(i: APIInteraction, responder: InteractionResponder): Promise<void>;
  /** Edits and follow-ups of an interaction, through REST webhooks with its token. */
  webhooks(i: APIInteraction): Omit<InteractionResponder, "respond">;
  /** Milliseconds since the epoch: the timestamp window's clock. */
  now(): number;
  /** The database's record of requests seen, so a replay is refused by every instance sharing it. */
  firstSighting: Store["firstSighting"];
  log: Logger;
  firstAnswerMs?: number;
};

class TooLarge extends Error {}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > MAX_BODY_BYTES) throw new TooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > MAX_BODY_BYTES) throw new TooLarge();
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

const header = (req: http.IncomingMessage, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/** What to answer when the core said nothing in time, by interaction type. */
function fallbackAnswer(type: number): APIInteractionResponse {
  if (type === InteractionType.ApplicationCommandAutocomplete) return { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: [] } };
  return { type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: MessageFlags.Ephemeral } };
}

export function discordInteractionsRoute(deps: HttpInteractionsDeps): Route {
  const { log } = deps;
  const firstAnswerMs = deps.firstAnswerMs ?? FIRST_ANSWER_MS;
  return {
    method: "POST",
    path: DISCORD_INTERACTIONS_PATH,
    async handle(req, res) {
      let raw: Buffer;
      try {
        raw = await readBody(req);
      } catch (e) {
        if (e instanceof TooLarge) return sendJson(res, 413, { error: "request too large" });
        throw e;
      }
      // Nothing of an unverified request is logged or parsed: it may be anyone's.
      const verdict = verifyDiscordRequest(deps.publicKey, { signature: header(req, "x-signature-ed25519"), timestamp: header(req, "x-signature-timestamp") }, raw, deps.now());
      if (!verdict.ok) {
        log.info({ refusal: verdict.refusal }, "discord interaction refused");
        return sendJson(res, 401, { error: "invalid request signature" });
      }
      let json: unknown;
      try {
        json = JSON.parse(raw.toString("utf8"));
      } catch {
        return sendJson(res, 400, { error: "body is not JSON" });
      }
      const envelope = envelopeSchema.safeParse(json);
      if (!envelope.success) return sendJson(res, 400, { error: "not an interaction" });
      if (envelope.data.application_id !== deps.applicationId) {
        log.warn({ application: envelope.data.application_id }, "discord interaction for another application");
        return sendJson(res, 400, { error: "interaction for another application" });
      }
      if (envelope.data.type === InteractionType.Ping) return sendJson(res, 200, { type: InteractionResponseType.Pong });
      const interaction = json as APIInteraction;
      // An edit or follow-up must not overtake the response it edits: each waits until the body is written.
      const written = new Promise<void>((resolve) => res.once("finish", () => resolve()).once("close", () => resolve()));
      const rest = deps.webhooks(interaction);
      const webhooks: Omit<InteractionResponder, "respond"> = {
        editOriginal: async (m) => written.then(() => rest.editOriginal(m)),
        deleteOriginal: async () => written.then(() => rest.deleteOriginal()),
        followUp: async (m) => written.then(() => rest.followUp(m)),
      };

      let answered = false;
      let answer!: (r: APIInteractionResponse) => void;
      const first = new Promise<APIInteractionResponse>((resolve) => (answer = resolve));
      const answerOnce = (r: APIInteractionResponse) => {
        answered = true;
        answer(r);
      };
      const responder: InteractionResponder = {
        ...webhooks,
        async respond(response, files) {
          const message = response.type === InteractionResponseType.ChannelMessageWithSource ? response.data : undefined;
          if (!answered) {
            // A JSON response body carries no file: defer, then the message with its file replaces "thinking…".
            if (!files?.length) return answerOnce(response);
            answerOnce({ type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: (message?.flags ?? 0) & MessageFlags.Ephemeral } });
          }
          // Answered already (by the line above, or by our own defer when the core was slow): a message becomes the
          // edit of the deferred reply; a defer has happened; a modal or suggestions can no longer be shown.
          if (message) return webhooks.editOriginal({ body: message as RenderedMessage["body"], files: files ?? [] });
          if (response.type !== InteractionResponseType.DeferredChannelMessageWithSource) {
            log.warn({ interaction: interaction.id, type: response.type }, "discord answer came after the HTTP response; dropped");
            if (response.type === InteractionResponseType.Modal) {
              await webhooks.editOriginal({ body: { content: "That took too long to open its form: please run the command again." }, files: [] });
            }
          }
        },
      };
      const timer = setTimeout(() => {
        if (!answered) {
          log.warn({ interaction: interaction.id, type: interaction.type }, "discord interaction not answered in time; deferred");
          answerOnce(fallbackAnswer(interaction.type));
        }
      }, firstAnswerMs);
      // Discord never sends an interaction twice: the same id again, signed and in the window, is a replay. Each
      // id is kept until its signed timestamp can no longer pass the window, from either side. The check is a
      // database call, so it runs inside the deadline above: a slow database gets the fallback answer in time.
      const now = deps.now();
      const sighted = deps.firstSighting(`discord:${interaction.id}`, new Date(now + 2 * TIMESTAMP_WINDOW_S * 1000), new Date(now)).catch((e: unknown) => {
        log.error({ err: e, interaction: interaction.id }, "discord interaction: the replay check failed; not run");
        return "failed" as const;
      });
      const sighting = await Promise.race([sighted, first.then(() => "late" as const)]);
      if (sighting === false || sighting === "failed") {
        clearTimeout(timer);
        if (sighting === "failed") return sendJson(res, 503, { error: "cannot check this interaction now" });
        log.info({ refusal: "replayed" }, "discord interaction refused");
        return sendJson(res, 401, { error: "invalid request signature" });
      }
      const run = (): Promise<void> =>
        deps.run(interaction, responder).then(
          () => {
            // Handled, and nothing was said (an interaction the core ignores): Discord still needs an answer.
            if (!answered) answerOnce(interaction.type === InteractionType.ApplicationCommandAutocomplete ? fallbackAnswer(interaction.type) : { type: InteractionResponseType.DeferredMessageUpdate });
          },
          (e: unknown) => {
            log.error({ err: e, interaction: interaction.id }, "discord interaction failed");
            if (!answered) answerOnce(fallbackAnswer(interaction.type));
          },
        );
      // Deferred before the check answered: run it only once the database says it is a first sighting.
      const done =
        sighting === true
          ? run()
          : sighted.then(async (s) => {
              if (s === true) return run();
              if (s === false) return log.info({ refusal: "replayed" }, "discord interaction refused");
              // The member sees "thinking…" on their deferred reply: say why nothing follows.
              await webhooks
                .editOriginal({ body: { content: "Caucus could not take this just now (its database did not answer in time): please run it again." }, files: [] })
                .catch((e: unknown) => log.error({ err: e, interaction: interaction.id }, "discord: could not say the interaction was not run"));
            });
      try {
        sendJson(res, 200, await first);
      } finally {
        clearTimeout(timer);
      }
      await done;
    },
  };
}

/**
 * The route for a started Discord adapter: interactions arriving over HTTP run through the same translation
 * (runInteraction) and the same REST client as over the gateway. `publicKey` is DISCORD_PUBLIC_KEY.
 */
export function discordHttpRoute(
  adapter: DiscordAdapter,
  handler: EventHandler,
  o: { publicKey: string; applicationId: string; now: () => number; log: Logger; firstSighting: HttpInteractionsDeps["firstSighting"] },
): Route {
  return discordInteractionsRoute({
    publicKey: discordPublicKey(o.publicKey),
    applicationId: o.applicationId,
    run: async (i, responder) => runInteraction(i, handler, responder, await adapter.interactionContext(i), o.log),
    webhooks: (i) => adapter.interactionResponder(i),
    now: o.now,
    firstSighting: o.firstSighting,
    log: o.log,
  });
}

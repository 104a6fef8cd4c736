import { randomUUID } from "node:crypto";
import { distance } from "fastest-levenshtein";
import { assertNever } from "./assertNever.ts";
import { autocomplete, type AutocompleteRequest, type Suggestion } from "./autocomplete.ts";
import { cleanText } from "./cleanText.ts";
import type { CommandContext, Random } from "./command.ts";
import { privateReply } from "./command.ts";
import type { CommandDefinition } from "./commandDefinition.ts";
import { effectiveZone } from "./effectiveZone.ts";
import { enqueueCommandSends } from "./enqueueDeliveries.ts";
import { onNewMember } from "./deadlineRegistry.ts";
import type { Actor, FormValue, InboundEvent } from "./event.ts";
import { loadMemberHome, memberHome, type MemberHome } from "./memberHome.ts";
import type { Logger } from "./logger.ts";
import { textMessage, type Send } from "./message.ts";
import { parseCommandOptions, parseCommandText, subcommandNamed, type ParsedCommand } from "./parseCommandInput.ts";
import { err, type Result } from "./result.ts";
import { syncGroup, type GroupEvent, type GroupSyncReport } from "./groupRoster.ts";
import type { Store } from "./store.ts";
import { NO_DIRECTORY, type UserDirectory } from "./userDirectory.ts";

/** How an adapter answers first, before any slow work: decided from the definitions alone, no database.
 *  `form`: the first answer must be a modal (Slack's trigger_id and Discord's showModal allow nothing else). */
export type Acknowledgement = { kind: "defer"; visibility: "private" | "public" } | { kind: "form" };

export type Bot = {
  /** Phase one: how to acknowledge this event, within the platform's 3 seconds. Pure and fast. */
  acknowledge(event: InboundEvent): Acknowledgement;
  /** Phase two: handles one inbound event at `now`; returns the answers (DMs and posts wait in the outbox,
   *  written in the same transaction). Never throws for bad input. */
  handle(event: InboundEvent, now: Date): Promise<Send[]>;
  /** Suggestions for an option being typed (Discord autocomplete): at most 25. Never throws. */
  autocomplete(request: AutocompleteRequest): Promise<Suggestion[]>;
  /** A platform group changed (see src/groupRoster.ts): the rosters following it are brought in step; their DMs
   *  wait in the outbox. Never throws: a failure is logged and the group's next change tries again. */
  groupChanged(event: GroupEvent, now: Date): Promise<GroupSyncReport[]>;
  /** The actor's own page (Slack App Home): deadlines, elections to act in, nominations, mandates. Reads, except
   *  that someone opening it first is met, as by any first command. */
  home(actor: Actor, now: Date): Promise<MemberHome>;
  definitions: readonly CommandDefinition[];
};

/** Thrown inside a transaction to roll back when a command returns a user mistake after writing. */
class Rollback {
  constructor(readonly error: string) {}
}

const errorReply = (text: string): Send[] => [privateReply(textMessage(`⚠️ ${text}`))];

export function createBot(deps: { store: Store; commands: readonly CommandDefinition[]; log: Logger; random: Random; directory?: UserDirectory }): Bot {
  const byName = new Map(deps.commands.map((c) => [c.name, c]));
  const commandName = (name: string) => name.replace(/^\//, "").toLowerCase();

  function unknownCommand(name: string): Send[] {
    const names = [...byName.keys()];
    const near = names.filter((n) => distance(n, name) <= 2);
    const hint = near.length ? ` Did you mean ${near.map((n) => `/${n}`).join(" or ")}?` : "";
    return errorReply(`/${name} is not a Caucus command.${hint} Type /caucus help for the list.`);
  }

  function parse(event: Extract<InboundEvent, { kind: "command" }>, def: CommandDefinition, text: string): Result<ParsedCommand> {
    const scope = { platform: event.actor.platform, workspaceId: event.actor.workspaceId };
    return event.options ? parseCommandOptions(def, event.options, scope) : parseCommandText(def, text, scope);
  }

  function acknowledge(event: InboundEvent): Acknowledgement {
    if (event.kind !== "command") return { kind: "defer", visibility: "private" };
    const def = byName.get(commandName(event.name));
    if (!def) return { kind: "defer", visibility: "private" };
    if (event.options) {
      const parsed = parse(event, def, "");
      if (!parsed.ok) return { kind: "defer", visibility: "private" };
      if (parsed.value.sub.form?.when(parsed.value.args as never)) return { kind: "form" };
      return { kind: "defer", visibility: parsed.value.sub.answer };
    }
    const text = cleanText(event.text);
    const parsed = text.ok ? parse(event, def, text.value) : null;
    if (parsed?.ok && parsed.value.sub.form?.when(parsed.value.args as never)) return { kind: "form" };
    // A refusal is private even where the command would have answered in public.
    const sub = parsed?.ok ? parsed.value.sub : text.ok ? subcommandNamed(def, text.value) : null;
    return { kind: "defer", visibility: parsed?.ok && sub ? sub.answer : "private" };
  }

  async function dispatch(event: InboundEvent, now: Date, def: CommandDefinition, run: (ctx: CommandContext) => Promise<Result<Send[]>>): Promise<Send[]> {
    const { network, member, created } = await deps.store.resolveActor(event.actor);
    let sends: Send[];
    try {
      sends = await deps.store.transaction(async (store) => {
        const ctx: CommandContext = {
          store,
          network,
          member,
          actor: event.actor,
          channel: event.channel,
          now,
          zone: effectiveZone(member, network),
          random: deps.random,
          directory: deps.directory ?? NO_DIRECTORY,
        };
        const r = await run(ctx);
        if (!r.ok) throw new Rollback(r.error);
        // DMs and posts go to the outbox in this transaction; only the answers travel back.
        return enqueueCommandSends(store, network.id, now, deps.random, r.value);
      });
    } catch (e) {
      if (!(e instanceof Rollback)) throw e;
      sends = errorReply(e.error);
    }
    // Someone Caucus meets for the first time hears of the network-wide deadlines ahead, whatever their
    // first command did: there is no second first time.
    if (created) {
      sends.push(...(await deps.store.transaction(async (store) => enqueueCommandSends(store, network.id, now, deps.random, await onNewMember(store, network, member, now)))));
    }
    // One nudge per member who has no zone from anywhere: until they set one, they see UTC.
    if (def.name !== "timezone" && member.zone === null && member.platformZone === null && member.zonePromptedAt === null) {
      await deps.store.updateMember(member.id, { zonePromptedAt: now });
      sends.push(
        privateReply(
          textMessage(
            `Tip: you have not set your time zone, so I show times in ${network.defaultZone}. ` +
              "Set yours with /timezone <zone>, for example /timezone Europe/Paris.",
          ),
        ),
      );
    }
    return sends;
  }

  async function handle(event: InboundEvent, now: Date): Promise<Send[]> {
    try {
      switch (event.kind) {
        case "command": {
          const name = commandName(event.name);
          const def = byName.get(name);
          if (!def) return unknownCommand(name);
          const text = cleanText(event.text);
          if (!text.ok) return errorReply(text.error);
          const parsed = parse(event, def, text.value);
          // A refused first command still meets the member (and tells them of the deadlines ahead), as any refusal does.
          if (!parsed.ok) {
            const refusal = parsed.error;
            return await dispatch(event, now, def, async () => err(refusal));
          }
          const { sub, args } = parsed.value;
          deps.log.debug({ command: name, subcommand: sub.name, platform: event.actor.platform }, "command");
          if (sub.form?.when(args as never)) {
            const form = sub.form;
            return await dispatch(event, now, def, async (ctx) => {
              const f = await form.build(ctx, args as never);
              return f.ok ? { ok: true, value: [{ kind: "form", form: f.value }] } : f;
            });
          }
          return await dispatch(event, now, def, (ctx) => sub.run(ctx, args as never));
        }
        case "action": {
          const def = byName.get(event.actionId.split(":")[0] ?? "");
          if (!def?.onAction) return errorReply("That button is no longer supported. Run the command again.");
          return await dispatch(event, now, def, (ctx) => def.onAction!(ctx, event.actionId, event.value));
        }
        case "formSubmit": {
          const def = byName.get(event.formId.split(":")[0] ?? "");
          if (!def?.onForm) return errorReply("That form is no longer supported. Run the command again.");
          const values: Record<string, FormValue> = {};
          for (const [k, v] of Object.entries(event.values)) {
            const cleaned: string[] = [];
            for (const one of typeof v === "string" ? [v] : v) {
              const c = cleanText(one);
              if (!c.ok) return errorReply(`${k}: ${c.error}`);
              cleaned.push(c.value);
            }
            values[k] = typeof v === "string" ? cleaned[0]! : cleaned;
          }
          return await dispatch(event, now, def, (ctx) => def.onForm!(ctx, event.formId, event.context, values));
        }
        default:
          return assertNever(event, "event");
      }
    } catch (e) {
      // A bug, not a user mistake: the transaction rolled back; tell the member and keep running.
      const ref = randomUUID().slice(0, 8);
      deps.log.error({ err: e, ref, kind: event.kind }, "handler failed");
      return errorReply(`Something went wrong on our side and nothing was changed (reference ${ref}). Please try again; if it keeps happening, tell an organiser.`);
    }
  }

  async function complete(request: AutocompleteRequest): Promise<Suggestion[]> {
    try {
      const def = byName.get(commandName(request.command));
      if (!def) return [];
      return await autocomplete(deps.store, def, request);
    } catch (e) {
      deps.log.error({ err: e, command: request.command }, "autocomplete failed");
      return [];
    }
  }

  async function groupChanged(event: GroupEvent, now: Date): Promise<GroupSyncReport[]> {
    try {
      return await syncGroup({ store: deps.store, directory: deps.directory ?? NO_DIRECTORY, random: deps.random }, event, now);
    } catch (e) {
      deps.log.error({ err: e, platform: event.group.platform, groupId: event.group.groupId }, "group sync failed");
      return [];
    }
  }

  async function home(actor: Actor, now: Date): Promise<MemberHome> {
    const { network, member, created } = await deps.store.resolveActor(actor);
    if (created) {
      await deps.store.transaction(async (store) => enqueueCommandSends(store, network.id, now, deps.random, await onNewMember(store, network, member, now)));
    }
    return memberHome(await loadMemberHome(deps.store, network, member, effectiveZone(member, network), now), now);
  }

  return { acknowledge, handle, autocomplete: complete, groupChanged, home, definitions: deps.commands };
}

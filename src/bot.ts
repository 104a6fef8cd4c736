import { randomUUID } from "node:crypto";
import { distance } from "fastest-levenshtein";
import { assertNever } from "./assertNever.ts";
import { cleanText } from "./cleanText.ts";
import type { Command, CommandContext, Random } from "./command.ts";
import { privateReply } from "./command.ts";
import { effectiveZone } from "./effectiveZone.ts";
import { enqueueCommandSends } from "./enqueueDeliveries.ts";
import { onNewMember } from "./deadlineRegistry.ts";
import type { InboundEvent } from "./event.ts";
import type { Logger } from "./logger.ts";
import { textMessage, type Send } from "./message.ts";
import type { Result } from "./result.ts";
import type { Store } from "./store.ts";
import { tokenize } from "./tokenize.ts";

export type Bot = {
  /** Handles one inbound event at `now`; returns the answers (DMs and posts wait in the outbox). Never throws for bad input. */
  handle(event: InboundEvent, now: Date): Promise<Send[]>;
  commands: readonly Command[];
};

/** Thrown inside a transaction to roll back when a command returns a user mistake after writing. */
class Rollback {
  constructor(readonly error: string) {}
}

const errorReply = (text: string): Send[] => [privateReply(textMessage(`⚠️ ${text}`))];

export function createBot(deps: { store: Store; commands: readonly Command[]; log: Logger; random: Random }): Bot {
  const byName = new Map(deps.commands.map((c) => [c.name, c]));

  function unknownCommand(name: string): Send[] {
    const names = [...byName.keys()];
    const near = names.filter((n) => distance(n, name) <= 2);
    const hint = near.length ? ` Did you mean ${near.map((n) => `/${n}`).join(" or ")}?` : "";
    return errorReply(`/${name} is not a Caucus command.${hint} Type /caucus help for the list.`);
  }

  async function dispatch(
    event: InboundEvent,
    now: Date,
    command: Command,
    run: (ctx: CommandContext) => Promise<Result<Send[]>>,
  ): Promise<Send[]> {
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
    if (command.name !== "timezone" && member.zone === null && member.platformZone === null && member.zonePromptedAt === null) {
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
          const name = event.name.replace(/^\//, "").toLowerCase();
          const command = byName.get(name);
          if (!command) return unknownCommand(name);
          const text = cleanText(event.text);
          if (!text.ok) return errorReply(text.error);
          const args = tokenize(text.value);
          if (!args.ok) return errorReply(args.error);
          deps.log.debug({ command: name, platform: event.actor.platform }, "command");
          return await dispatch(event, now, command, (ctx) => command.run(ctx, args.value));
        }
        case "action": {
          const command = byName.get(event.actionId.split(":")[0] ?? "");
          if (!command?.onAction) return errorReply("That button is no longer supported. Run the command again.");
          return await dispatch(event, now, command, (ctx) => command.onAction!(ctx, event.actionId, event.value));
        }
        case "formSubmit": {
          const command = byName.get(event.formId.split(":")[0] ?? "");
          if (!command?.onForm) return errorReply("That form is no longer supported. Run the command again.");
          const values: Record<string, string> = {};
          for (const [k, v] of Object.entries(event.values)) {
            const c = cleanText(v);
            if (!c.ok) return errorReply(`${k}: ${c.error}`);
            values[k] = c.value;
          }
          return await dispatch(event, now, command, (ctx) => command.onForm!(ctx, event.formId, event.context, values));
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

  return { handle, commands: deps.commands };
}

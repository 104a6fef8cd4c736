import type { CommandContext } from "./command.ts";
import type { Send } from "./message.ts";
import type { Constituency, Member } from "./store.ts";
import { onJoinConstituency, onLeaveConstituency } from "./deadlineRegistry.ts";

/** A member joined a roster: they are told about its upcoming deadlines and get the remaining reminders. */
export async function onRosterJoin(ctx: CommandContext, c: Constituency, m: Member): Promise<Send[]> {
  return onJoinConstituency(ctx.store, ctx.network, c, m, ctx.now);
}

/** A member left a roster: their pending reminders for its deadlines are dropped. */
export async function onRosterLeave(ctx: CommandContext, c: Constituency, m: Member): Promise<Send[]> {
  await onLeaveConstituency(ctx.store, c, m, ctx.now);
  return [];
}

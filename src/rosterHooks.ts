import type { CommandContext } from "./command.ts";
import type { Send } from "./message.ts";
import type { Constituency, Member } from "./store.ts";
import { onJoinConstituency, onLeaveConstituency } from "./deadlineRegistry.ts";
import { electionRosterJoin, electionRosterLeave } from "./elections/electionRosterChange.ts";
import { rollExclusion } from "./elections/rollExclusion.ts";

/** A member joined a roster: they are told about its upcoming deadlines and get the remaining reminders (none for
 *  a vote whose roll froze before they joined); an election taking nominations logs the join. */
export async function onRosterJoin(ctx: CommandContext, c: Constituency, m: Member): Promise<Send[]> {
  await electionRosterJoin(ctx.store, c, m, ctx.now);
  return onJoinConstituency(ctx.store, ctx.network, c, m, ctx.now, rollExclusion);
}

/** A member left a roster: their pending reminders for its deadlines are dropped; their candidacies are withdrawn
 *  and their mandates from it end (see electionRosterLeave). */
export async function onRosterLeave(ctx: CommandContext, c: Constituency, m: Member): Promise<Send[]> {
  await onLeaveConstituency(ctx.store, c, m, ctx.now);
  return electionRosterLeave(ctx.store, c, m, ctx.now);
}

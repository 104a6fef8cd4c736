import type { CommandContext } from "./command.ts";
import type { Send } from "./message.ts";
import type { Constituency, Member } from "./store.ts";
import { onJoinConstituency, onLeaveConstituency } from "./deadlineRegistry.ts";
import { electionRosterJoin, electionRosterLeave } from "./elections/electionRosterChange.ts";
import { rollExclusion } from "./elections/rollExclusion.ts";

/** What a roster change needs: a command's context, or a group sync's (which has no acting member). */
export type RosterScope = Pick<CommandContext, "store" | "network" | "now">;

/** A member joined a roster: they are told about its upcoming deadlines and get the remaining reminders (none for
 *  a vote whose roll froze before they joined); an election taking nominations logs the join. */
export async function onRosterJoin(ctx: RosterScope, c: Constituency, m: Member): Promise<Send[]> {
  await electionRosterJoin(ctx.store, c, m, ctx.now);
  return onJoinConstituency(ctx.store, ctx.network, c, m, ctx.now, rollExclusion);
}

/** A member left a roster: their pending reminders for its deadlines are dropped; their candidacies are withdrawn
 *  and their mandates from it end (see electionRosterLeave). */
export async function onRosterLeave(ctx: RosterScope, c: Constituency, m: Member): Promise<Send[]> {
  await onLeaveConstituency(ctx.store, c, m, ctx.now);
  return electionRosterLeave(ctx.store, c, m, ctx.now);
}

import type { CommandContext } from "./command.ts";
import type { Send } from "./message.ts";
import type { Constituency, Member } from "./store.ts";

/** What follows a member joining a roster (deadline hooks are wired in by the deadline registry). */
export async function onRosterJoin(_ctx: CommandContext, _c: Constituency, _m: Member): Promise<Send[]> {
  return [];
}

/** What follows a member leaving a roster. */
export async function onRosterLeave(_ctx: CommandContext, _c: Constituency, _m: Member): Promise<Send[]> {
  return [];
}

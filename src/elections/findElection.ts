import type { CommandContext } from "../command.ts";
import { err, ok, type Result } from "../result.ts";
import type { Election } from "./electionStore.ts";

/** Reads an election id as typed (E3, e3, 3) and finds it in the acting member's network. */
export async function findElection(ctx: Pick<CommandContext, "store" | "network">, token: string): Promise<Result<Election>> {
  const m = /^e?(\d{1,9})$/i.exec(token.trim());
  if (!m) return err(`"${token}" is not an election id: ids look like E1 (see /election list).`);
  const e = await ctx.store.elections.find(ctx.network.id, Number(m[1]));
  return e ? ok(e) : err(`There is no election E${Number(m[1])} in this network. /election list shows them.`);
}

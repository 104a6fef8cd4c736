import type { CommandContext } from "./command.ts";
import { err, ok, type Result } from "./result.ts";

export function requireOrganiser(ctx: Pick<CommandContext, "member">, doing: string): Result<true> {
  return ctx.member.isOrganiser
    ? ok(true)
    : err(`Only network organisers can ${doing}. Admins of the workspace that founded the network are organisers by right; an organiser can make you one with /caucus organiser add <member>.`);
}

/** Organisers, or coordinators of the constituency. */
export async function requireCoordinator(ctx: Pick<CommandContext, "store" | "member">, constituency: { id: string; name: string }, doing: string): Promise<Result<true>> {
  if (ctx.member.isOrganiser) return ok(true);
  if ((await ctx.store.membership(constituency.id, ctx.member.id)) === "coordinator") return ok(true);
  return err(`Only network organisers and coordinators of ${constituency.name} can ${doing}.`);
}

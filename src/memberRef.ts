import type { Member, MemberRef } from "./store.ts";
import type { CommandContext } from "./command.ts";
import { err, ok, type Result } from "./result.ts";

/** Reads a member as typed: a Slack mention `<@U123|ana>`, a Discord mention `<@123>` / `<@!123>`, `@ana` or `ana`. */
export function parseMemberRef(token: string, platform: string, workspaceId: string): MemberRef {
  const mention = /^<@!?([A-Za-z0-9]+)(?:\|[^>]*)?>$/.exec(token);
  if (mention) return { kind: "mention", platform, workspaceId, userId: mention[1]! };
  return { kind: "name", name: token.replace(/^@/, "") };
}

/** Finds the member a command names; mentions of people Caucus has not met yet create them. */
export async function resolveMember(ctx: CommandContext, token: string): Promise<Result<Member>> {
  return resolveMemberRef(ctx, parseMemberRef(token, ctx.actor.platform, ctx.actor.workspaceId));
}

/** Finds the member a parsed option names (see `member` options in src/commandDefinition.ts). */
export async function resolveMemberRef(ctx: CommandContext, ref: MemberRef): Promise<Result<Member>> {
  if (ref.kind === "mention") return ok(await ctx.store.memberFromMention(ctx.network.id, ref));
  const found = await ctx.store.findMember(ctx.network.id, ref);
  if (found.length === 1) return ok(found[0]!);
  if (found.length > 1) return err(`${found.length} members are called "${ref.name}": mention the one you mean with @.`);
  return err(`No member called "${ref.name}" in this network. Check the spelling, or mention them with @ (members appear once they have used Caucus).`);
}

/** Resolves several members, failing on the first one that does not resolve so nothing is half-applied. */
export async function resolveMembers(ctx: CommandContext, refs: readonly (string | MemberRef)[]): Promise<Result<Member[]>> {
  const out: Member[] = [];
  for (const t of refs) {
    const r = typeof t === "string" ? await resolveMember(ctx, t) : await resolveMemberRef(ctx, t);
    if (!r.ok) return r;
    if (!out.some((m) => m.id === r.value.id)) out.push(r.value);
  }
  return ok(out);
}

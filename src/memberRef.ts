import type { Member, MemberRef } from "./store.ts";
import type { CommandContext } from "./command.ts";
import { cleanDisplayName } from "./cleanText.ts";
import { alikeTo } from "./looksAlike.ts";
import { err, ok, type Result } from "./result.ts";

/** Reads a member as typed: a Slack mention `<@U123|ana>`, a Discord mention `<@123>` / `<@!123>`, `@ana` or `ana`. */
export function parseMemberRef(token: string, platform: string, workspaceId: string): MemberRef {
  const mention = /^<@!?([A-Za-z0-9]+)(?:\|[^>]*)?>$/.exec(token);
  if (mention) return { kind: "mention", platform, workspaceId, userId: mention[1]! };
  return { kind: "name", name: token.replace(/^@/, "") };
}

/**
 * Whether a command may meet someone through it: only a change that needs the person on a roster (or made an
 * organiser) may, and only once their platform confirms they exist. Everything else, and every read-only
 * command, finds members Caucus already knows and creates nobody.
 */
export type Meeting = "known-only" | "may-meet";

/** Finds the member a command names. */
export async function resolveMember(ctx: CommandContext, token: string, meeting: Meeting = "known-only"): Promise<Result<Member>> {
  return resolveMemberRef(ctx, parseMemberRef(token, ctx.actor.platform, ctx.actor.workspaceId), meeting);
}

/** Finds the member a parsed option names (see `member` options in src/commandDefinition.ts). */
export async function resolveMemberRef(ctx: CommandContext, ref: MemberRef, meeting: Meeting = "known-only"): Promise<Result<Member>> {
  if (ref.kind === "mention") return resolveMention(ctx, ref, meeting);
  const found = await ctx.store.findMember(ctx.network.id, ref);
  // Names are matched exactly, but a name that looks like someone else's ("ana" and "аna" with a Cyrillic а)
  // could be either: the coordinator must mention the one they mean.
  const alikeTyped = alikeTo(ref.name);
  const alike = (await ctx.store.listMembers(ctx.network.id)).filter((m) => alikeTyped(m.displayName));
  if (found.length === 1 && alike.length <= 1) return ok(found[0]!);
  if (found.length > 1) return err(`${found.length} members are called "${ref.name}": mention the one you mean with @.`);
  if (alike.length > 1) return err(`${alike.length} members have names that look like "${ref.name}" (${alike.map((m) => m.displayName).join(", ")}), spelled with different characters: mention the one you mean with @.`);
  if (alike.length === 1) return err(`No member is called "${ref.name}" exactly. "${alike[0]!.displayName}" looks like it but is spelled with different characters: mention them with @ if you mean them.`);
  return err(`No member called "${ref.name}" in this network. Check the spelling, or mention them with @ (members appear once they have used Caucus).`);
}

async function resolveMention(ctx: CommandContext, ref: Extract<MemberRef, { kind: "mention" }>, meeting: Meeting): Promise<Result<Member>> {
  const [known] = await ctx.store.findMember(ctx.network.id, ref);
  if (known) return ok(known);
  const who = `<@${ref.userId}>`;
  if (meeting === "known-only") return err(`${who} has not used Caucus in this network, so there is nothing to show for them.`);
  const answer = await ctx.directory.lookup(ref.platform, ref.workspaceId, ref.userId);
  switch (answer.kind) {
    case "found":
      return ok(await ctx.store.memberFromMention(ctx.network.id, ref, cleanDisplayName(answer.displayName, ref.userId)));
    case "unknown":
      return err(`${ref.platform} knows no user ${who} in this workspace: check the mention (pick the person from the list as you type @).`);
    case "unavailable":
      return err(`Caucus could not ask ${ref.platform} who ${who} is just now (${answer.reason}). Try again in a minute.`);
    case "unsupported":
      return err(`${who} has not used Caucus yet, and ${ref.platform} cannot be asked who they are: they appear once they run a Caucus command themselves.`);
  }
}

/** Resolves several members, failing on the first one that does not resolve so nothing is half-applied. */
export async function resolveMembers(ctx: CommandContext, refs: readonly (string | MemberRef)[], meeting: Meeting = "known-only"): Promise<Result<Member[]>> {
  const out: Member[] = [];
  for (const t of refs) {
    const r = typeof t === "string" ? await resolveMember(ctx, t, meeting) : await resolveMemberRef(ctx, t, meeting);
    if (!r.ok) return r;
    if (!out.some((m) => m.id === r.value.id)) out.push(r.value);
  }
  return ok(out);
}

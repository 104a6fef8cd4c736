import { privateReply, type Command } from "../src/command.ts";
import { localInstant } from "../src/message.ts";
import type { Inline } from "../src/message.ts";
import { resolveMember } from "../src/memberRef.ts";
import { ok } from "../src/result.ts";

export const mandate: Command = {
  name: "mandate",
  summary: "Whom a member speaks for, and on what vote.",
  help: [{ usage: "/mandate [<member>]", summary: "A member's mandates (yours without a name).", example: "/mandate @amina" }],
  async run(ctx, args) {
    const m = args.length ? await resolveMember(ctx, args.join(" ")) : ok(ctx.member);
    if (!m.ok) return m;
    const mandates = await ctx.store.elections.mandatesOf(m.value.id);
    if (!mandates.length) return ok([privateReply({ text: [[`${m.value.displayName} holds no mandate from a Caucus election.`]] })]);
    const lines: Inline[][] = [[`${m.value.displayName} speaks for:`]];
    for (const x of mandates) {
      lines.push([
        `• ${x.constituency}: elected `,
        localInstant(x.electedAt, ctx.zone),
        ` in E${x.electionNumber} ${x.electionTitle} (${x.method}, ${x.seats} seat${x.seats === 1 ? "" : "s"}), with ${x.votes} in round ${x.round}; turnout ${x.turnout}. Check: /election results E${x.electionNumber}`,
      ]);
    }
    return ok([privateReply({ text: lines })]);
  },
};

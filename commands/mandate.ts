import { privateReply } from "../src/command.ts";
import { defineCommand, subcommand } from "../src/commandDefinition.ts";
import { localInstant, type Inline } from "../src/message.ts";
import { resolveMemberRef } from "../src/memberRef.ts";
import { ok } from "../src/result.ts";

export const mandate = defineCommand({
  name: "mandate",
  description: "Whom a member speaks for, and on what vote.",
  subcommands: [
    subcommand({
      name: "",
      description: "A member's mandates (yours without a name).",
      options: [{ name: "member", type: "member", description: "The member: a mention, or a name; yourself when left out.", greedy: true }],
      examples: ["/mandate @amina", "/mandate"],
      answer: "private",
      async run(ctx, args) {
        const m = args.member ? await resolveMemberRef(ctx, args.member) : ok(ctx.member);
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
    }),
  ],
});

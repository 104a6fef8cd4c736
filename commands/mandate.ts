import { privateReply } from "../src/command.ts";
import { defineCommand, subcommand } from "../src/commandDefinition.ts";
import { localInstant, type Inline } from "../src/message.ts";
import { resolveMemberRef } from "../src/memberRef.ts";
import { ok } from "../src/result.ts";
import type { MandateView } from "../src/elections/electionStore.ts";

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
        const all = await ctx.store.elections.mandatesOf(m.value.id);
        const name = m.value.displayName;
        if (!all.length) return ok([privateReply({ text: [[`${name} holds no mandate from a Caucus election.`]] })]);
        const line = (x: MandateView): Inline[] => [
          `• ${x.constituency}: elected `,
          localInstant(x.electedAt, ctx.zone),
          ` in E${x.electionNumber} ${x.electionTitle} (${x.method}, ${x.seats} seat${x.seats === 1 ? "" : "s"}), with ${x.votes} in round ${x.round}; turnout ${x.turnout}.`,
          ...(x.endedAt ? [" Ended ", localInstant(x.endedAt, ctx.zone), `, when ${name} left ${x.constituency}.`] : []),
          ` Check: /election results E${x.electionNumber}`,
        ];
        const current = all.filter((x) => !x.endedAt);
        const ended = all.filter((x) => x.endedAt);
        const lines: Inline[][] = current.length ? [[`${name} speaks for:`], ...current.map(line)] : [[`${name} holds no current mandate.`]];
        if (ended.length) lines.push([`Ended mandates (${name} no longer speaks for these):`], ...ended.map(line));
        return ok([privateReply({ text: lines })]);
      },
    }),
  ],
});

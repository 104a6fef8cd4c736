import { privateReply } from "../src/command.ts";
import { defineCommand, subcommand } from "../src/commandDefinition.ts";
import { electionLabel } from "../src/elections/electionFlow.ts";
import { findElection } from "../src/elections/findElection.ts";
import { nominate as nominateMember } from "../src/elections/nominate.ts";
import { resolveMemberRef } from "../src/memberRef.ts";
import { ok } from "../src/result.ts";
import { electionOption } from "./electionOption.ts";

export const nominate = defineCommand({
  name: "nominate",
  description: "Nominate a member of the constituency (or yourself) as a candidate.",
  subcommands: [
    subcommand({
      name: "",
      description: "Nominate; the nominee is asked to accept. Self-nomination counts as accepted.",
      options: [electionOption, { name: "member", type: "member", description: "The nominee: a mention or a name, yourself too.", required: true }],
      examples: ["/nominate E1 @amina", "/nominate E1 amina"],
      answer: "private",
      async run(ctx, args) {
        const f = await findElection(ctx, args.election);
        if (!f.ok) return f;
        const nominee = await resolveMemberRef(ctx, args.member);
        if (!nominee.ok) return nominee;
        const done = await nominateMember(ctx.store, { election: f.value, by: ctx.member, nominee: nominee.value }, ctx.now);
        if (!done.ok) return done;
        const label = electionLabel(f.value);
        return ok([
          privateReply({ text: [[done.value.self ? `You stand in ${label}.` : `You nominated ${nominee.value.displayName}; they are asked to accept.`]] }),
          ...done.value.deliveries,
        ]);
      },
    }),
  ],
});

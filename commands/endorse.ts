import { privateReply } from "../src/command.ts";
import { defineCommand, subcommand } from "../src/commandDefinition.ts";
import { electionLabel } from "../src/elections/electionFlow.ts";
import { endorse as endorseNominee } from "../src/elections/endorse.ts";
import { findElection } from "../src/elections/findElection.ts";
import { resolveMemberRef } from "../src/memberRef.ts";
import { ok } from "../src/result.ts";
import { electionOption } from "./electionOption.ts";

export const endorse = defineCommand({
  name: "endorse",
  description: "Endorse a nominee, where the election asks for endorsements.",
  subcommands: [
    subcommand({
      name: "",
      description: "Endorse a nominee (each member once per nominee; not yourself).",
      options: [electionOption, { name: "candidate", type: "candidate", description: "The nominee: a mention, or a name.", required: true }],
      examples: ["/endorse E1 @amina", "/endorse E1 amina"],
      answer: "private",
      async run(ctx, args) {
        const f = await findElection(ctx, args.election);
        if (!f.ok) return f;
        const candidate = await resolveMemberRef(ctx, args.candidate);
        if (!candidate.ok) return candidate;
        const done = await endorseNominee(ctx.store, { election: f.value, by: ctx.member, candidate: candidate.value }, ctx.now);
        if (!done.ok) return done;
        const { count, needed } = done.value;
        return ok([privateReply({ text: [[`You endorsed ${candidate.value.displayName} in ${electionLabel(f.value)}: ${count} of ${needed} needed.`]] }), ...done.value.deliveries]);
      },
    }),
  ],
});

import { privateReply } from "../src/command.ts";
import { defineCommand, subcommand } from "../src/commandDefinition.ts";
import { castVote } from "../src/elections/castVote.ts";
import { electionLabel } from "../src/elections/electionFlow.ts";
import { findElection } from "../src/elections/findElection.ts";
import { localInstant } from "../src/message.ts";
import { ok } from "../src/result.ts";
import { electionOption } from "./electionOption.ts";

export const vote = defineCommand({
  name: "vote",
  description: "Cast (or replace) your ballot.",
  subcommands: [
    subcommand({
      name: "",
      description: "Ranked methods: your candidates in order of preference. Approval: every candidate you approve.",
      options: [
        electionOption,
        // Not required: with none named, the refusal lists the candidates.
        // 23: Discord allows 25 options in all; the election and the receipt are two.
        { name: "candidate", type: "candidate", description: "A candidate: your first choice, then the next…", variadic: true, maxItems: 23 },
        // Caucus keeps no link from a member to their ballot: a revote finds it by the receipt alone.
        { name: "receipt", type: "text", keyword: "receipt", maxLength: 40, description: "To replace your ballot: the receipt you were shown when you voted." },
      ],
      examples: ["/vote E1 amina luis", "/vote E1 @amina", "/vote E1 luis amina receipt 3F2A-09BC-77D1-E4A0"],
      answer: "private",
      async run(ctx, args) {
        const f = await findElection(ctx, args.election);
        if (!f.ok) return f;
        const cast = await castVote(ctx.store, { election: f.value, voter: ctx.member, choices: args.candidate, receipt: args.receipt }, ctx.now, ctx.random);
        if (!cast.ok) return cast;
        const { election: e, outcome, ballot: names, ranked, receipt } = cast.value;
        const ballot = ranked ? names.map((n, i) => `${i + 1}. ${n}`).join("  ") : `approved: ${names.join(", ")}`;
        return ok([
          privateReply({
            text: [
              [`${outcome === "cast" ? "Ballot cast" : "Ballot replaced"} in ${electionLabel(e)}: ${ballot}`],
              [`Receipt: ${receipt}. Keep it, and keep it to yourself: its SHA-256 appears in /election audit ${electionLabel(e)}, showing your vote was recorded, and it is the only way to replace this ballot until `, localInstant(e.votingCloseAt, ctx.zone), `: /vote ${electionLabel(e)} <candidates> receipt ${receipt}. Caucus does not store it and cannot show it again.`],
            ],
          }),
          ...cast.value.deliveries,
        ]);
      },
    }),
  ],
});

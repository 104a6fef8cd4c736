import { privateReply, type Command } from "../src/command.ts";
import { localInstant } from "../src/message.ts";
import { castVote } from "../src/elections/castVote.ts";
import { electionLabel } from "../src/elections/electionFlow.ts";
import { findElection } from "../src/elections/findElection.ts";
import { parseMemberRef } from "../src/memberRef.ts";
import { ok } from "../src/result.ts";

const USAGE = "/vote <election> <candidate> [<candidate> ...]";

export const vote: Command = {
  name: "vote",
  summary: "Cast (or replace) your ballot.",
  help: [{ usage: USAGE, summary: "Ranked methods: your candidates in order of preference. Approval: every candidate you approve.", example: "/vote E1 amina luis" }],
  async run(ctx, args) {
    const [id, ...tokens] = args;
    const f = await findElection(ctx, id, USAGE);
    if (!f.ok) return f;
    const choices = tokens.map((text) => ({ text, ref: parseMemberRef(text, ctx.actor.platform, ctx.actor.workspaceId) }));
    const cast = await castVote(ctx.store, { election: f.value, voter: ctx.member, choices }, ctx.now, ctx.random);
    if (!cast.ok) return cast;
    const { election: e, outcome, ballot: names, ranked, receipt } = cast.value;
    const ballot = ranked ? names.map((n, i) => `${i + 1}. ${n}`).join("  ") : `approved: ${names.join(", ")}`;
    return ok([
      privateReply({
        text: [
          [`${outcome === "cast" ? "Ballot cast" : "Ballot replaced"} in ${electionLabel(e)}: ${ballot}`],
          [`Receipt: ${receipt}. Keep it: its SHA-256 appears in /election audit ${electionLabel(e)}, showing your vote was recorded. Voting again replaces this ballot until `, localInstant(e.votingCloseAt, ctx.zone), "."],
        ],
      }),
      ...cast.value.deliveries,
    ]);
  },
};

import { privateReply, type Command } from "../src/command.ts";
import { electionLabel } from "../src/elections/electionFlow.ts";
import { findElection } from "../src/elections/findElection.ts";
import { nominate as nominateMember } from "../src/elections/nominate.ts";
import { resolveMember } from "../src/memberRef.ts";
import { err, ok } from "../src/result.ts";

const USAGE = "/nominate <election> <member>";

export const nominate: Command = {
  name: "nominate",
  summary: "Nominate a member of the constituency (or yourself) as a candidate.",
  help: [{ usage: USAGE, summary: "Nominate; the nominee is asked to accept. Self-nomination counts as accepted.", example: "/nominate E1 @amina" }],
  async run(ctx, args) {
    const [id, who, ...extra] = args;
    const f = await findElection(ctx, id, USAGE);
    if (!f.ok) return f;
    if (!who || extra.length) return err(`Name one member. Usage: ${USAGE}`);
    const nominee = await resolveMember(ctx, who);
    if (!nominee.ok) return nominee;
    const done = await nominateMember(ctx.store, { election: f.value, by: ctx.member, nominee: nominee.value }, ctx.now);
    if (!done.ok) return done;
    const label = electionLabel(f.value);
    return ok([
      privateReply({ text: [[done.value.self ? `You stand in ${label}.` : `You nominated ${nominee.value.displayName}; they are asked to accept.`]] }),
      ...done.value.deliveries,
    ]);
  },
};

import { privateReply, type Command } from "../src/command.ts";
import { electionLabel } from "../src/elections/electionFlow.ts";
import { endorse as endorseNominee } from "../src/elections/endorse.ts";
import { findElection } from "../src/elections/findElection.ts";
import { resolveMember } from "../src/memberRef.ts";
import { err, ok } from "../src/result.ts";

const USAGE = "/endorse <election> <candidate>";

export const endorse: Command = {
  name: "endorse",
  summary: "Endorse a nominee, where the election asks for endorsements.",
  help: [{ usage: USAGE, summary: "Endorse a nominee (each member once per nominee; not yourself).", example: "/endorse E1 @amina" }],
  async run(ctx, args) {
    const [id, who, ...extra] = args;
    const f = await findElection(ctx, id, USAGE);
    if (!f.ok) return f;
    if (!who || extra.length) return err(`Name one nominee. Usage: ${USAGE}`);
    const candidate = await resolveMember(ctx, who);
    if (!candidate.ok) return candidate;
    const done = await endorseNominee(ctx.store, { election: f.value, by: ctx.member, candidate: candidate.value }, ctx.now);
    if (!done.ok) return done;
    const { count, needed } = done.value;
    return ok([privateReply({ text: [[`You endorsed ${candidate.value.displayName} in ${electionLabel(f.value)}: ${count} of ${needed} needed.`]] }), ...done.value.deliveries]);
  },
};

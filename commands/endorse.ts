import { privateReply, type Command } from "../src/command.ts";
import { electionLabel, logEvent } from "../src/elections/electionFlow.ts";
import { findElection, requireRoster } from "../src/elections/findElection.ts";
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
    const e = f.value;
    if (!who || extra.length) return err(`Name one nominee. Usage: ${USAGE}`);
    if (e.endorsementsNeeded === 0) return err(`${electionLabel(e)} needs no endorsements: accepted nominees stand as they are.`);
    if (e.status !== "nominations" || ctx.now >= e.nominationsCloseAt) return err(`Endorsements for ${electionLabel(e)} are closed.`);
    const me = await requireRoster(ctx, e, ctx.member.id, "You", "endorse");
    if (!me.ok) return me;
    const c = await resolveMember(ctx, who);
    if (!c.ok) return c;
    const n = (await ctx.store.elections.nominations(e.id)).find((x) => x.memberId === c.value.id);
    if (!n || n.status === "declined") return err(`${c.value.displayName} is not a nominee in ${electionLabel(e)}.`);
    if (c.value.id === ctx.member.id) return err("You cannot endorse yourself: endorsements come from other members.");
    if ((await ctx.store.elections.addEndorsement(e.id, c.value.id, ctx.member.id, ctx.now)) === "exists") return err(`You have already endorsed ${c.value.displayName}.`);
    await logEvent(ctx.store, e, "endorsed", ctx.now, { candidate: c.value.displayName, by: ctx.member.displayName });
    const count = new Set((await ctx.store.elections.endorsements(e.id)).filter((x) => x.candidateId === c.value.id).map((x) => x.endorserId)).size;
    return ok([privateReply({ text: [[`You endorsed ${c.value.displayName} in ${electionLabel(e)}: ${count} of ${e.endorsementsNeeded} needed.`]] })]);
  },
};

import { privateReply, type Command, type CommandContext } from "../src/command.ts";
import { electionLabel, logEvent } from "../src/elections/electionFlow.ts";
import { findElection } from "../src/elections/findElection.ts";
import type { Send } from "../src/message.ts";
import { err, ok, type Result } from "../src/result.ts";

const USAGE = "/nomination accept|decline <election>";

async function answer(ctx: CommandContext, decision: string | undefined, id: string | undefined): Promise<Result<Send[]>> {
  if (decision !== "accept" && decision !== "decline") return err(`Say accept or decline. Usage: ${USAGE}`);
  const f = await findElection(ctx, id, USAGE);
  if (!f.ok) return f;
  const e = f.value;
  if (e.status !== "nominations" || ctx.now >= e.nominationsCloseAt) return err(`Nominations for ${electionLabel(e)} are closed.`);
  const mine = (await ctx.store.elections.nominations(e.id)).find((n) => n.memberId === ctx.member.id);
  if (!mine) return err(`Nobody has nominated you in ${electionLabel(e)}.`);
  const status = decision === "accept" ? "accepted" : "declined";
  if (mine.status === status) return err(`You have already ${status} your nomination in ${electionLabel(e)}.`);
  await ctx.store.elections.setNominationStatus(e.id, ctx.member.id, status);
  await logEvent(ctx.store, e, status, ctx.now, { candidate: ctx.member.displayName });
  const needs = e.endorsementsNeeded ? ` You need ${e.endorsementsNeeded} endorsement${e.endorsementsNeeded === 1 ? "" : "s"} (/endorse ${electionLabel(e)} ${ctx.member.displayName}) to stand.` : "";
  const sends: Send[] = [privateReply({ text: [[status === "accepted" ? `You accepted: you stand in ${electionLabel(e)}.${needs}` : `You declined the nomination in ${electionLabel(e)}.`]] })];
  if (e.channel) sends.push({ kind: "post", channel: e.channel, message: { text: [[`🗳️ ${electionLabel(e)}: ${ctx.member.displayName} ${status} their nomination.`]] } });
  return ok(sends);
}

export const nomination: Command = {
  name: "nomination",
  summary: "Accept or decline a nomination.",
  help: [{ usage: USAGE, summary: "Answer a nomination (also the buttons in the nomination message).", example: "/nomination accept E1" }],
  run: (ctx, args) => answer(ctx, args[0]?.toLowerCase(), args[1]),
  onAction: (ctx, actionId, value) => answer(ctx, actionId.split(":")[1], value),
};

import { privateReply, type Command, type CommandContext } from "../src/command.ts";
import { answerNomination } from "../src/elections/answerNomination.ts";
import { electionLabel } from "../src/elections/electionFlow.ts";
import { findElection } from "../src/elections/findElection.ts";
import type { Send } from "../src/message.ts";
import { err, ok, type Result } from "../src/result.ts";

const USAGE = "/nomination accept|decline <election>";

async function answer(ctx: CommandContext, decision: string | undefined, id: string | undefined): Promise<Result<Send[]>> {
  if (decision !== "accept" && decision !== "decline") return err(`Say accept or decline. Usage: ${USAGE}`);
  const f = await findElection(ctx, id, USAGE);
  if (!f.ok) return f;
  const done = await answerNomination(ctx.store, { election: f.value, member: ctx.member, decision }, ctx.now);
  if (!done.ok) return done;
  const label = electionLabel(f.value);
  const k = done.value.endorsementsNeeded;
  const needs = k ? ` You need ${k} endorsement${k === 1 ? "" : "s"} (/endorse ${label} ${ctx.member.displayName}) to stand.` : "";
  const text = done.value.status === "accepted" ? `You accepted: you stand in ${label}.${needs}` : `You declined the nomination in ${label}.`;
  return ok([privateReply({ text: [[text]] }), ...done.value.deliveries]);
}

export const nomination: Command = {
  name: "nomination",
  summary: "Accept or decline a nomination.",
  help: [{ usage: USAGE, summary: "Answer a nomination (also the buttons in the nomination message).", example: "/nomination accept E1" }],
  run: (ctx, args) => answer(ctx, args[0]?.toLowerCase(), args[1]),
  onAction: (ctx, actionId, value) => answer(ctx, actionId.split(":")[1], value),
};

import { privateReply, type CommandContext } from "../src/command.ts";
import { defineCommand, subcommand } from "../src/commandDefinition.ts";
import { answerNomination, type NominationDecision } from "../src/elections/answerNomination.ts";
import { electionLabel } from "../src/elections/electionFlow.ts";
import { findElection } from "../src/elections/findElection.ts";
import { withdrawCandidate } from "../src/elections/withdrawCandidate.ts";
import type { Send } from "../src/message.ts";
import { err, ok, type Result } from "../src/result.ts";
import { electionOption } from "./electionOption.ts";

async function answer(ctx: CommandContext, decision: NominationDecision, id: string): Promise<Result<Send[]>> {
  const f = await findElection(ctx, id);
  if (!f.ok) return f;
  const done = await answerNomination(ctx.store, { election: f.value, member: ctx.member, decision }, ctx.now);
  if (!done.ok) return done;
  const label = electionLabel(f.value);
  const k = done.value.endorsementsNeeded;
  const needs = k ? ` You need ${k} endorsement${k === 1 ? "" : "s"} (/endorse ${label} ${ctx.member.displayName}) to stand.` : "";
  const text = done.value.status === "accepted" ? `You accepted: you stand in ${label}.${needs}` : `You declined the nomination in ${label}.`;
  return ok([privateReply({ text: [[text]] }), ...done.value.deliveries]);
}

async function withdraw(ctx: CommandContext, id: string): Promise<Result<Send[]>> {
  const f = await findElection(ctx, id);
  if (!f.ok) return f;
  const done = await withdrawCandidate(ctx.store, { election: f.value, member: ctx.member, reason: "withdrew" }, ctx.now);
  if (!done.ok) return done;
  const label = electionLabel(f.value);
  const text =
    done.value.phase === "nominations"
      ? `You withdrew your nomination in ${label}: you will not stand. While nominations are open, /nomination accept ${label} stands again.`
      : `You withdrew from ${label}: the count strikes you off every ballot, and the roll has been told. This cannot be undone.`;
  return ok([privateReply({ text: [[text]] }), ...done.value.deliveries]);
}

export const nomination = defineCommand({
  name: "nomination",
  description: "Accept, decline or withdraw a nomination (also the buttons in the nomination message).",
  subcommands: [
    ...(["accept", "decline"] as const).map((decision) =>
      subcommand({
        name: decision,
        description: decision === "accept" ? "Accept your nomination: you stand." : "Decline your nomination.",
        options: [electionOption],
        examples: [`/nomination ${decision} E1`],
        answer: "private",
        run: (ctx, args) => answer(ctx, decision, args.election),
      }),
    ),
    subcommand({
      name: "withdraw",
      description: "Withdraw as a nominee or candidate, until the close.",
      options: [electionOption],
      examples: ["/nomination withdraw E1"],
      answer: "private",
      run: (ctx, args) => withdraw(ctx, args.election),
    }),
  ],
  // The Accept and Decline buttons of the nomination DM: actionId nomination:accept|decline, value the election.
  async onAction(ctx, actionId, value) {
    const decision = actionId.split(":")[1];
    if (decision !== "accept" && decision !== "decline") return err("That button is no longer supported. Run /nomination accept|decline <election>.");
    return answer(ctx, decision, value);
  },
});

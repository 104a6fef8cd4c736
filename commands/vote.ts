import { privateReply, type CommandContext } from "../src/command.ts";
import { defineCommand, subcommand } from "../src/commandDefinition.ts";
import { ballotForm, BALLOT_FORM_ID, choicesFromBallot } from "../src/elections/ballotForm.ts";
import { castVoteOrRefuse, type BallotChoice } from "../src/elections/castVote.ts";
import { electionLabel } from "../src/elections/electionFlow.ts";
import type { Election } from "../src/elections/electionStore.ts";
import { findElection } from "../src/elections/findElection.ts";
import type { FormValue } from "../src/event.ts";
import { localInstant, type Send } from "../src/message.ts";
import { err, ok, type Result } from "../src/result.ts";
import { electionOption } from "./electionOption.ts";

/** One vote, typed or from the ballot form: the same rules (castVote), the same answer. `fieldOf` names the form
 *  field a refusal is about, so the form can mark it; without it (typed) a refusal is a private reply. */
async function cast(
  ctx: CommandContext,
  election: Election,
  choices: readonly BallotChoice[],
  receipt: string | undefined,
  fieldOf?: (about: { kind: "choice"; index: number } | { kind: "receipt" }) => string,
): Promise<Result<Send[]>> {
  const r = await castVoteOrRefuse(ctx.store, { election, voter: ctx.member, choices, receipt }, ctx.now, ctx.random);
  if (!r.ok) {
    if (fieldOf && r.error.about) return ok([{ kind: "formErrors", errors: { [fieldOf(r.error.about)]: r.error.message } }]);
    return err(r.error.message);
  }
  const { election: e, outcome, ballot: names, ranked, receipt: issued } = r.value;
  const ballot = ranked ? names.map((n, i) => `${i + 1}. ${n}`).join("  ") : `approved: ${names.join(", ")}`;
  return ok([
    privateReply({
      text: [
        [`${outcome === "cast" ? "Ballot cast" : "Ballot replaced"} in ${electionLabel(e)}: ${ballot}`],
        [`Receipt: ${issued}. Keep it, and keep it to yourself: its SHA-256 appears in /election audit ${electionLabel(e)}, showing your vote was recorded, and it is the only way to replace this ballot until `, localInstant(e.votingCloseAt, ctx.zone), `: /vote ${electionLabel(e)} <candidates> receipt ${issued}. Caucus does not store it and cannot show it again.`],
      ],
    }),
    ...r.value.deliveries,
  ]);
}

export const vote = defineCommand({
  name: "vote",
  description: "Cast (or replace) your ballot.",
  subcommands: [
    subcommand({
      name: "",
      description: "Ranked methods: your candidates in order of preference. Approval: every candidate you approve.",
      options: [
        electionOption,
        // Not required: with none named, platforms with forms open the ballot; elsewhere the refusal lists the candidates.
        // 23: Discord allows 25 options in all; the election and the receipt are two.
        { name: "candidate", type: "candidate", description: "A candidate: your first choice, then the next…", variadic: true, maxItems: 23 },
        // Caucus keeps no link from a member to their ballot: a revote finds it by the receipt alone.
        { name: "receipt", type: "text", keyword: "receipt", maxLength: 40, description: "To replace your ballot: the receipt you were shown when you voted." },
      ],
      examples: ["/vote E1 amina luis", "/vote E1 @amina", "/vote E1 luis amina receipt 3F2A-09BC-77D1-E4A0", "/vote E1"],
      answer: "private",
      // `/vote E1` alone opens the ballot (Slack and Discord modals); the console shows how to type it instead.
      form: {
        when: (args) => args.candidate.length === 0,
        async build(ctx, args) {
          const f = await findElection(ctx, args.election);
          if (!f.ok) return f;
          return ballotForm(ctx.store, f.value, ctx.member, ctx.now, args.receipt);
        },
      },
      async run(ctx, args) {
        const f = await findElection(ctx, args.election);
        if (!f.ok) return f;
        return cast(ctx, f.value, args.candidate, args.receipt);
      },
    }),
  ],
  // The ballot form: choice fields (checkboxes for approval, one select per rank), and the receipt to replace a ballot.
  async onForm(ctx, formId, context, values: Record<string, FormValue>) {
    if (formId !== BALLOT_FORM_ID) return err("That form is no longer supported. Run /vote <election> again.");
    const f = await findElection(ctx, context);
    if (!f.ok) return f;
    const read = choicesFromBallot(f.value, values);
    if (!read.ok) return ok([{ kind: "formErrors", errors: read.error }]);
    const { choices, fields, receipt } = read.value;
    return cast(ctx, f.value, choices, receipt, (about) => (about.kind === "receipt" ? "receipt" : fields[about.index]!));
  },
  // The "Vote" button of the voting-open message: opens the same ballot.
  async onAction(ctx, actionId, value) {
    if (actionId !== "vote:ballot") return err("That button is no longer supported. Run /vote <election>.");
    const f = await findElection(ctx, value);
    if (!f.ok) return f;
    const form = await ballotForm(ctx.store, f.value, ctx.member, ctx.now, undefined);
    return form.ok ? ok([{ kind: "form", form: form.value }]) : form;
  },
});

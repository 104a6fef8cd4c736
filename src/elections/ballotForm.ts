// The ballot as a form (Slack and Discord modals): which fields, and how the submitted values become the choices
// castVote checks. Only the form's shape is here; every voting rule stays in castVote.
import type { FormValue } from "../event.ts";
import type { Form, FormField } from "../message.ts";
import { err, ok, type Result } from "../result.ts";
import type { Member, Store } from "../store.ts";
import { votingRefusal, type BallotChoice } from "./castVote.ts";
import { electionLabel, frozenCandidates, withdrawnCandidates } from "./electionFlow.ts";
import { ELECTION_METHODS } from "./electionMethod.ts";
import type { Election } from "./electionStore.ts";

export const BALLOT_FORM_ID = "vote:ballot";
/** Ranks offered on a ranked ballot form: a longer ranking is typed (`/vote E1 a b c …`). */
export const MAX_FORM_RANKS = 10;
const rankField = (n: number) => `rank${n}`;

/** The ballot for `election`, or why it cannot be filled in now (the same refusals a typed vote gets first). */
export async function ballotForm(store: Store, e: Election, voter: Member, now: Date, receipt: string | undefined): Promise<Result<Form>> {
  const label = electionLabel(e);
  const closed = await votingRefusal(store, e, voter, now);
  if (closed) return err(closed);
  const gone = await withdrawnCandidates(store, e);
  const options = (await frozenCandidates(store, e)).filter((c) => !gone.has(c.memberId)).map((c) => ({ label: c.name, value: c.memberId }));
  if (!options.length) return err(`Every candidate in ${label} has withdrawn: there is no one to vote for.`);
  const ranked = ELECTION_METHODS[e.method].ranked;
  const choiceFields: FormField[] = ranked
    ? Array.from({ length: Math.min(options.length, MAX_FORM_RANKS) }, (_, i) => ({
        kind: "choice",
        id: rankField(i + 1),
        label: i === 0 ? "1st choice" : `${i + 1}${["nd", "rd"][i - 1] ?? "th"} choice (optional)`,
        required: i === 0,
        multiple: false,
        options,
      }))
    : [{ kind: "choice", id: "approve", label: "Every candidate you approve", required: true, multiple: true, options }];
  return ok({
    formId: BALLOT_FORM_ID,
    title: `Ballot ${label}`,
    submitLabel: "Cast ballot",
    context: label,
    fields: [
      ...choiceFields,
      { kind: "text", id: "receipt", label: "Receipt (only to replace a ballot you cast)", multiline: false, required: false, maxLength: 40, ...(receipt ? { initial: receipt } : {}) },
    ],
  });
}

export type BallotRead = { choices: BallotChoice[]; fields: string[]; receipt: string | undefined };

/** The submitted ballot as castVote's choices in order (ranks top down, gaps skipped), each with the field it came
 *  from. Refused per field only where the form itself was misused (a field that is not this ballot's). */
export function choicesFromBallot(e: Election, values: Record<string, FormValue>): Result<BallotRead, Record<string, string>> {
  const ranked = ELECTION_METHODS[e.method].ranked;
  const list = (v: FormValue | undefined): readonly string[] => (v === undefined ? [] : typeof v === "string" ? (v ? [v] : []) : v);
  const choices: BallotChoice[] = [];
  const fields: string[] = [];
  if (ranked) {
    for (let n = 1; n <= MAX_FORM_RANKS; n++) {
      const picked = list(values[rankField(n)]);
      if (picked.length > 1) return err({ [rankField(n)]: "Choose one candidate per rank." });
      if (picked[0]) {
        choices.push({ kind: "candidate", memberId: picked[0] });
        fields.push(rankField(n));
      }
    }
  } else {
    for (const id of list(values.approve)) {
      choices.push({ kind: "candidate", memberId: id });
      fields.push("approve");
    }
  }
  if (!choices.length) return err({ [ranked ? rankField(1) : "approve"]: "Choose at least one candidate." });
  const receipt = typeof values.receipt === "string" && values.receipt.trim() ? values.receipt.trim() : undefined;
  return ok({ choices, fields, receipt });
}

import type { z } from "zod";
import type { ElectionInput } from "./electionInput.ts";
import { electionInputSchema } from "./electionInput.ts";
import type { Method } from "./method.ts";
import { assertNever } from "../assertNever.ts";
import { err, ok, type Result } from "../result.ts";

/**
 * Validates untrusted election data for a method. Anything wrong here is the user's mistake,
 * so it comes back as a message; `tally` itself treats invalid input as a bug.
 */
export function checkElection(input: unknown, method: Method): Result<ElectionInput, string> {
  const parsed = parseElection(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
    return err(`invalid election: ${where}${issue?.message ?? "unknown problem"}`);
  }
  const election = parsed.data;
  switch (method) {
    case "irv":
      if (election.seats !== 1) {
        return err(`irv fills exactly one seat, but this election has ${election.seats} seats; use an STV method or set seats to 1`);
      }
      return ok(election);
    case "scottish-stv":
    case "meek":
    case "approval":
    case "schulze":
      return ok(election);
    default:
      return assertNever(method, "method");
  }
}

/**
 * The schema's verdict, without walking a million ballots through zod: the ballots are checked in one loop
 * and zod parses the rest. Whenever the loop finds anything amiss, zod parses the whole input, so every
 * message (and every decision) is still the schema's; the loop only ever has to be the stricter of the two.
 */
function parseElection(input: unknown): { success: true; data: ElectionInput } | { success: false; error: z.ZodError } {
  if (typeof input === "object" && input !== null && "ballots" in input && "candidates" in input) {
    const { ballots, candidates } = input;
    if (Array.isArray(ballots) && Array.isArray(candidates) && ballotsLookValid(ballots, candidates.length)) {
      const rest = electionInputSchema.safeParse({ ...input, ballots: [] });
      if (rest.success) return { success: true, data: { ...rest.data, ballots: ballots as ElectionInput["ballots"] } };
    }
  }
  return electionInputSchema.safeParse(input);
}

/** Every ballot a positive safe-integer weight and distinct in-range candidate numbers, as the schema asks. */
export function ballotsLookValid(ballots: readonly unknown[], candidates: number): boolean {
  const seenOn = new Float64Array(candidates); // the 1-based ballot number a candidate was last seen on
  for (let b = 0; b < ballots.length; b++) {
    const ballot = ballots[b];
    if (typeof ballot !== "object" || ballot === null) return false;
    const { weight, prefs } = ballot as { weight?: unknown; prefs?: unknown };
    if (typeof weight !== "number" || !Number.isSafeInteger(weight) || weight < 1 || !Array.isArray(prefs)) return false;
    for (let p = 0; p < prefs.length; p++) {
      const c: unknown = prefs[p];
      if (typeof c !== "number" || !Number.isInteger(c) || c < 0 || c >= candidates || seenOn[c] === b + 1) return false;
      seenOn[c] = b + 1;
    }
  }
  return true;
}

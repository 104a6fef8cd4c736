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
  const parsed = electionInputSchema.safeParse(input);
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

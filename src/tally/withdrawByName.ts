import type { ElectionInput } from "./electionInput.ts";
import { err, ok, type Result } from "../result.ts";

/**
 * Withdraws candidates named by the person recounting (on top of any the file withdraws): they are struck
 * from every ballot, as if never on the paper. Refuses a name that is not a candidate, and withdrawing
 * everyone, which would leave a count that elects nobody looking like a result.
 */
export function withdrawByName(election: ElectionInput, names: readonly string[]): Result<ElectionInput, string> {
  if (names.length === 0) return ok(election);
  const withdrawn = new Set(election.withdrawn ?? []);
  for (const name of names) {
    const c = election.candidates.indexOf(name);
    if (c < 0) return err(`"${name}" is not a candidate; the candidates are ${election.candidates.map((n) => `"${n}"`).join(", ")}`);
    withdrawn.add(c);
  }
  if (withdrawn.size === election.candidates.length) return err(`every candidate is withdrawn, so there is nobody to elect`);
  return ok({ ...election, withdrawn: [...withdrawn] });
}

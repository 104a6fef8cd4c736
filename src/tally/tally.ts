import type { ElectionInput } from "./electionInput.ts";
import type { Method } from "./method.ts";
import type { TallyResult } from "./tallyResult.ts";
import { approval } from "./approval.ts";
import { checkElection } from "./checkElection.ts";
import { irv } from "./irv.ts";
import { meek } from "./meek.ts";
import { schulze } from "./schulze.ts";
import { scottishStv } from "./scottishStv.ts";
import { assertNever } from "../assertNever.ts";

/**
 * Counts an election by the given method. Pure: the same input always gives the same result.
 * Input must already have passed `checkElection`; anything invalid here is a bug and throws.
 */
export function tally(election: ElectionInput, method: Method): TallyResult {
  const checked = checkElection(election, method);
  if (!checked.ok) throw new Error(`tally called with an unchecked election: ${checked.error}`);
  switch (method) {
    case "scottish-stv":
      return scottishStv(checked.value);
    case "meek":
      return meek(checked.value);
    case "irv":
      return irv(checked.value);
    case "approval":
      return approval(checked.value);
    case "schulze":
      return schulze(checked.value);
    default:
      return assertNever(method, "method");
  }
}

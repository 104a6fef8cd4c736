import type { ElectionInput } from "./electionInput.ts";
import { quoteBltString } from "./bltLexer.ts";

/**
 * Writes an election as BLT (see parseBlt), e.g. to publish the anonymised ballots so anyone can
 * recount. The tie-break seed is not part of the format and is left out.
 */
export function formatBlt(election: ElectionInput): string {
  const lines = [`${election.candidates.length} ${election.seats}`];
  if (election.withdrawn && election.withdrawn.length > 0) lines.push(election.withdrawn.map((c) => `-${c + 1}`).join(" "));
  for (const ballot of election.ballots) lines.push([ballot.weight, ...ballot.prefs.map((c) => c + 1), 0].join(" "));
  lines.push("0");
  for (const name of election.candidates) lines.push(quoteBltString(name));
  if (election.title !== undefined) lines.push(quoteBltString(election.title));
  return lines.join("\n") + "\n";
}

/**
 * One count in a fresh process, for the peak-memory figure: `tsx test/bench/tallyRss.ts <irv1m|stv100k> <method>`.
 * The papers are produced one at a time and merged as they come (identical rankings become one weighted
 * ballot, with the engine's rankingTable, as a streaming reader can), so the figure covers the merged input and
 * the count, not the reading of a file. Prints one JSON line: peak RSS of this process (maxRSS) before the
 * papers and after the count.
 */
import { syntheticCandidates, syntheticRankings, irv1m, stv100k } from "./syntheticElection.ts";
import { methodSchema } from "../../src/tally/method.ts";
import { tally } from "../../src/tally/tally.ts";
import type { ElectionInput } from "../../src/tally/electionInput.ts";
import { rankingTable, weightedBallots } from "../../src/tally/rankingTable.ts";

const spec = process.argv[2] === "stv100k" ? stv100k : irv1m;
const method = methodSchema.parse(process.argv[3] ?? "irv");
const startMb = process.resourceUsage().maxRSS / 1024;
const table = rankingTable();
for (const prefs of syntheticRankings(spec)) {
  for (const c of prefs) table.push(c);
  table.end(1);
}
const election: ElectionInput = { candidates: syntheticCandidates(spec), seats: method === "irv" ? 1 : spec.seats, ballots: weightedBallots(table.done()), tieBreakSeed: "bench" };
const result = tally(election, method);
console.log(JSON.stringify({ startMb, peakMb: process.resourceUsage().maxRSS / 1024, distinct: election.ballots.length, elected: result.elected }));

/**
 * One count in a fresh process, for the peak-memory figure: `tsx test/bench/tallyRss.ts <file.blt> <method>`.
 * The file is streamed through the BLT reader (which merges identical rankings as it reads) and counted, so
 * the figure is what reading and counting hold at most, without the CLI around them. Prints one JSON line:
 * peak RSS of this process (maxRSS) before reading and after the count.
 */
import { createReadStream } from "node:fs";
import { bltReader } from "../../src/tally/bltReader.ts";
import { checkElection } from "../../src/tally/checkElection.ts";
import { methodSchema } from "../../src/tally/method.ts";
import { tally } from "../../src/tally/tally.ts";

const [file, methodName] = process.argv.slice(2);
const method = methodSchema.parse(methodName);
const startMb = process.resourceUsage().maxRSS / 1024;
const reader = bltReader();
for await (const chunk of createReadStream(file!, { encoding: "utf8" })) reader.push(chunk as string);
const read = reader.end();
if (!read.ok) throw new Error(read.error);
const checked = checkElection(read.value, method);
if (!checked.ok) throw new Error(checked.error);
const result = tally(checked.value, method);
console.log(JSON.stringify({ startMb, peakMb: process.resourceUsage().maxRSS / 1024, distinct: read.value.ballots.length, elected: result.elected }));

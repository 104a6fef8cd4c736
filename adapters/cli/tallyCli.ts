/**
 * Counts a ballot file from the command line and prints the result as JSON, or as a table with --report:
 *
 *     npm run --silent tally -- --method scottish-stv [--seats 3] [--seed "2024 draw"] ballots.blt
 *     npm run --silent tally -- --method irv --format csv cvr.csv
 *     gunzip -c ballots.blt.gz | npm run --silent tally -- --method meek --report -
 *
 * The file is read as a stream (a path, or standard input for `-` or no path), identical rankings merged as
 * they come. Exit codes: 0 counted; 1 the file could not be read or is not a valid election; 2 bad arguments.
 */
import { createReadStream } from "node:fs";
import { parseArgs } from "node:util";
import * as z from "zod";
import { readBlt } from "../../src/tally/bltReader.ts";
import { checkElection } from "../../src/tally/checkElection.ts";
import { readCvr } from "../../src/tally/cvrReader.ts";
import type { ElectionInput } from "../../src/tally/electionInput.ts";
import { methods, methodSchema } from "../../src/tally/method.ts";
import { tally } from "../../src/tally/tally.ts";
import { tallyReport } from "../../src/tally/tallyReport.ts";
import { withdrawByName } from "../../src/tally/withdrawByName.ts";
import type { Result } from "../../src/result.ts";

const formats = ["blt", "csv"] as const;
const formatSchema = z.enum(formats);

const usage = `usage: tally --method <${methods.join("|")}> [--format <${formats.join("|")}>] [--seats <n>] [--seed <text>]
             [--withdrawn <name>]... [--report] [<file> | -]
  --format csv   a cast-vote record: ballot_id,rank,candidate ($UNDERVOTE, $OVERVOTE); needs --seats unless irv
  --withdrawn    strike a candidate from every ballot (repeat for several)
  --report       print the count round by round as a table instead of JSON
  - or no file   read standard input`;

function fail(message: string, code: 1 | 2): never {
  process.stderr.write(`tally: ${message}\n${code === 2 ? `${usage}\n` : ""}`);
  process.exit(code);
}

async function main(argv: string[]): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        method: { type: "string" },
        format: { type: "string", default: "blt" },
        seats: { type: "string" },
        seed: { type: "string" },
        withdrawn: { type: "string", multiple: true, default: [] },
        report: { type: "boolean", default: false },
        help: { type: "boolean", short: "h" },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    // parseArgs explains unknown or malformed options well; only its message is for the user.
    fail(e instanceof Error ? e.message : String(e), 2);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  if (values.method === undefined) fail("--method is required", 2);
  const method = methodSchema.safeParse(values.method);
  if (!method.success) fail(`unknown method "${values.method}"; choose one of ${methods.join(", ")}`, 2);
  const format = formatSchema.safeParse(values.format);
  if (!format.success) fail(`unknown format "${values.format}"; choose one of ${formats.join(", ")}`, 2);
  if (positionals.length > 1) fail("give exactly one ballot file, or - for standard input", 2);
  let seats: number | undefined;
  if (values.seats !== undefined) {
    if (!/^\d+$/.test(values.seats) || Number(values.seats) < 1) fail(`--seats must be a positive whole number, got "${values.seats}"`, 2);
    seats = Number(values.seats);
  }
  // A cast-vote record does not say how many seats; IRV fills one.
  if (format.data === "csv" && seats === undefined) {
    if (method.data !== "irv") fail("--seats is required with --format csv: a cast-vote record does not say how many seats there are", 2);
    seats = 1;
  }

  const file = positionals[0];
  const fromStdin = file === undefined || file === "-";
  if (file === undefined && process.stdin.isTTY) fail("a ballot file is required, or - to read standard input", 2);
  const name = fromStdin ? "standard input" : file;
  const source = fromStdin ? process.stdin : createReadStream(file, { highWaterMark: 1 << 20 });
  source.setEncoding("utf8");

  let read: Result<ElectionInput, string>;
  try {
    if (format.data === "blt") read = await readBlt(source);
    else {
      const cvr = await readCvr(source);
      read = cvr.ok ? { ok: true, value: { ...cvr.value, seats: seats! } } : cvr;
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    fail(`cannot read ${name}: ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : (code ?? String(e))}`, 1);
  }
  if (!read.ok) fail(`${name}: ${read.error}`, 1);
  const election = { ...read.value };
  if (seats !== undefined) election.seats = seats;
  if (values.seed !== undefined) election.tieBreakSeed = values.seed;
  const withdrawn = withdrawByName(election, values.withdrawn);
  if (!withdrawn.ok) fail(`--withdrawn: ${withdrawn.error}`, 1);
  const checked = checkElection(withdrawn.value, method.data);
  if (!checked.ok) fail(`${name}: ${checked.error}`, 1);

  const result = tally(checked.value, method.data);
  process.stdout.write(values.report ? tallyReport(result) : `${JSON.stringify(result, null, 2)}\n`);
}

await main(process.argv.slice(2));

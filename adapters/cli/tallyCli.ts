/**
 * Counts a BLT ballot file from the command line and prints the result as JSON:
 *
 *     npm run --silent tally -- --method scottish-stv [--seats 3] [--seed "2024 draw"] ballots.blt
 *
 * Exit codes: 0 counted; 1 the file could not be read or is not a valid election; 2 bad arguments.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { checkElection } from "../../src/tally/checkElection.ts";
import { methods, methodSchema } from "../../src/tally/method.ts";
import { parseBlt } from "../../src/tally/parseBlt.ts";
import { tally } from "../../src/tally/tally.ts";

const usage = `usage: tally --method <${methods.join("|")}> [--seats <n>] [--seed <text>] <file.blt>`;

function fail(message: string, code: 1 | 2): never {
  process.stderr.write(`tally: ${message}\n${code === 2 ? `${usage}\n` : ""}`);
  process.exit(code);
}

function main(argv: string[]): void {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        method: { type: "string" },
        seats: { type: "string" },
        seed: { type: "string" },
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
  if (positionals.length !== 1) fail(positionals.length === 0 ? "a ballot file (.blt) is required" : "give exactly one ballot file", 2);
  let seats: number | undefined;
  if (values.seats !== undefined) {
    if (!/^\d+$/.test(values.seats) || Number(values.seats) < 1) fail(`--seats must be a positive whole number, got "${values.seats}"`, 2);
    seats = Number(values.seats);
  }

  const file = positionals[0]!;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    fail(`cannot read ${file}: ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : (code ?? "unknown error")}`, 1);
  }
  const blt = parseBlt(text);
  if (!blt.ok) fail(`${file}: ${blt.error}`, 1);
  const election = { ...blt.value };
  if (seats !== undefined) election.seats = seats;
  if (values.seed !== undefined) election.tieBreakSeed = values.seed;
  const checked = checkElection(election, method.data);
  if (!checked.ok) fail(`${file}: ${checked.error}`, 1);

  process.stdout.write(`${JSON.stringify(tally(checked.value, method.data), null, 2)}\n`);
}

main(process.argv.slice(2));

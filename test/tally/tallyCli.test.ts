import { describe, it, expect, beforeAll } from "vitest";
import { execFileSync, spawn } from "node:child_process";
import { readFileSync, rmSync, statSync, utimesSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseBlt } from "../../src/tally/parseBlt.ts";
import { tally } from "../../src/tally/tally.ts";
import type { Method } from "../../src/tally/method.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const fixture = (name: string): string => `test/tally/fixtures/${name}`;
const bundle = `${root}dist/tally.mjs`;

type Run = { code: number | null; stdout: string; stderr: string };

/** Runs what `npm run tally` runs (its script line), with `input` on standard input if given. */
function run(command: string, args: string[], input?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    if (input !== undefined) child.stdin.end(input);
    else child.stdin.end();
  });
}
const cli = (...args: string[]): Promise<Run> => run("node", ["adapters/cli/runTallyBundle.mjs", ...args]);
const cliWithInput = (input: string, ...args: string[]): Promise<Run> => run("node", ["adapters/cli/runTallyBundle.mjs", ...args], input);

const cvr = ["ballot_id,rank,candidate", "1,1,Ann", "1,2,Ben", "2,1,Ben", "2,2,$OVERVOTE", "2,3,Ann", "3,1,Cat", "3,2,Ann", "4,1,Ann"].join("\n");

// One build before the cases, so that the cases running side by side do not each rebuild the bundle.
beforeAll(() => {
  execFileSync("npm", ["run", "--silent", "build:tally"], { cwd: root, stdio: "inherit" });
}, 60_000);

describe.concurrent("tally CLI", () => {
  it("prints the count as JSON with the elected names and every round", async () => {
    const { code, stdout, stderr } = await cli("--method", "scottish-stv", fixture("scottish-truncation.blt"));
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.elected).toEqual(["Ann", "Cat"]);
    expect(result.rounds).toHaveLength(4);
    expect(result.rounds[1].votes[1]).toEqual({ name: "Ben", votes: "3.99996", state: "hopeful" });
  });

  it.each<[string, Method]>([
    ["scottish-truncation.blt", "scottish-stv"],
    ["meek-vs-scottish.blt", "meek"],
    ["irv-rounds.blt", "schulze"],
  ])("prints for %s by %s exactly the engine's result, as JSON", async (name, method) => {
    const parsed = parseBlt(readFileSync(`${root}${fixture(name)}`, "utf8"));
    if (!parsed.ok) throw new Error(parsed.error);
    const { code, stdout } = await cli("--method", method, fixture(name));
    expect(code).toBe(0);
    expect(stdout).toBe(`${JSON.stringify(tally(parsed.value, method), null, 2)}\n`);
  });

  it("runs as `npm run tally`, building nothing when the bundle is fresh", async () => {
    const { code, stdout, stderr } = await run("npm", ["run", "--silent", "tally", "--", "--method", "irv", fixture("irv-rounds.blt")]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(JSON.parse(stdout).elected).toEqual(["B"]);
  });

  it("lets --seats override the file and --seed settle draws", async () => {
    const { code, stdout } = await cli("--method", "irv", "--seats", "1", "--seed", "agm", fixture("meek-vs-scottish.blt"));
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.elected).toEqual(["Cai"]);
    expect(result.tieBreakSeed).toBe("agm");
  });

  it("reads standard input for - and when no file is given", async () => {
    const text = readFileSync(`${root}${fixture("irv-rounds.blt")}`, "utf8");
    for (const args of [["--method", "irv", "-"], ["--method", "irv"]]) {
      const { code, stdout, stderr } = await cliWithInput(text, ...args);
      expect(stderr).toBe("");
      expect(code).toBe(0);
      expect(JSON.parse(stdout).elected).toEqual(["B"]);
    }
  });

  it("names standard input in a refusal, with the line", async () => {
    const { code, stderr } = await cliWithInput("3 1\n1 4 0\n", "--method", "irv", "-");
    expect(code).toBe(1);
    expect(stderr.trim()).toBe("tally: standard input: line 2: preference 4 is not a candidate (there are 3)");
  });

  it("counts a cast-vote record with --format csv, candidates named by the record", async () => {
    const { code, stdout, stderr } = await cliWithInput(cvr, "--method", "irv", "--format", "csv");
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.candidates).toEqual(["Ann", "Ben", "Cat"]);
    expect(result.validVotes).toBe("4"); // the overvote ended ballot 2 after Ben
    expect(result.rounds[0].votes.map((v: { votes: string }) => v.votes)).toEqual(["2", "1", "1"]);
    expect(result.elected).toEqual(["Ann"]);
  });

  it("takes seats and withdrawn candidates for a cast-vote record from flags", async () => {
    const { code, stdout } = await cliWithInput(cvr, "--method", "scottish-stv", "--format", "csv", "--seats", "2", "--withdrawn", "Cat");
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.seats).toBe(2);
    expect(result.withdrawn).toEqual(["Cat"]);
    expect(result.elected).toEqual(["Ann", "Ben"]);
  });

  it("asks for --seats with a cast-vote record, except for irv", async () => {
    const { code, stderr } = await cliWithInput(cvr, "--method", "meek", "--format", "csv");
    expect(code).toBe(2);
    expect(stderr).toContain("--seats is required with --format csv");
  });

  it("prints a round-by-round table with --report", async () => {
    const { code, stdout } = await cli("--method", "irv", "--report", fixture("irv-rounds.blt"));
    expect(code).toBe(0);
    expect(stdout.split("\n").slice(0, 3)).toEqual(["Instant runoff: IRV over three rounds", "1 seat · 4 candidates · valid votes 10 · no tie-break seed", "Elected: B"]);
    expect(stdout).toContain("  B               5         +2   ELECTED (majority of continuing votes)");
  });

  it("refuses a file whose candidates are all withdrawn, and withdrawing everyone by flag", async () => {
    const all = await cliWithInput('2 1\n-1 -2\n1 1 0\n0\n"A"\n"B"\n', "--method", "irv");
    expect(all.code).toBe(1);
    expect(all.stdout).toBe("");
    expect(all.stderr.trim()).toBe("tally: standard input: line 2: every candidate is withdrawn, so there is nobody to elect");
    const byFlag = await cli("--method", "irv", "--withdrawn", "A", "--withdrawn", "B", "--withdrawn", "C", "--withdrawn", "D", fixture("irv-rounds.blt"));
    expect(byFlag.code).toBe(1);
    expect(byFlag.stderr.trim()).toBe("tally: --withdrawn: every candidate is withdrawn, so there is nobody to elect");
  });

  it("reports a malformed file on stderr with its line number and exits 1", async () => {
    const { code, stdout, stderr } = await cli("--method", "meek", fixture("bad-preference.blt"));
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr.trim()).toBe("tally: test/tally/fixtures/bad-preference.blt: line 4: preference 7 is not a candidate (there are 5)");
  });

  it("reports a missing file or a directory without a stack trace and exits 1", async () => {
    for (const [path, reason] of [[fixture("no-such-file.blt"), "no such file"], ["test", "it is a directory"]] as const) {
      const { code, stderr } = await cli("--method", "approval", path);
      expect(code).toBe(1);
      expect(stderr.trim()).toBe(`tally: cannot read ${path}: ${reason}`);
    }
  });

  it.each([
    [["--method", "borda", fixture("irv-rounds.blt")], 'unknown method "borda"'],
    [["--method", "irv", "--loud", fixture("irv-rounds.blt")], "Unknown option '--loud'"],
    [["--method", "irv", "--seats", "two", fixture("irv-rounds.blt")], "--seats must be a positive whole number"],
    [["--method", "irv", "--format", "xlsx", fixture("irv-rounds.blt")], 'unknown format "xlsx"; choose one of blt, csv'],
    [["--method", "irv", fixture("irv-rounds.blt"), fixture("irv-rounds.blt")], "give exactly one ballot file"],
  ])("rejects bad arguments %j with usage help and exit code 2", async (args, message) => {
    const { code, stderr } = await cli(...args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr).toContain("usage: tally --method");
  });

  it("rejects a method that cannot count the file's election, exit code 1", async () => {
    const { code, stderr } = await cli("--method", "irv", fixture("scottish-truncation.blt"));
    expect(code).toBe(1);
    expect(stderr).toContain("irv fills exactly one seat, but this election has 2 seats");
  });

  it("bundles none of the database: the CLI's import graph is the tally engine, its readers and zod", () => {
    const inputs = Object.keys(JSON.parse(readFileSync(`${root}dist/tally.meta.json`, "utf8")).inputs as Record<string, unknown>);
    expect(inputs).toContain("adapters/cli/tallyCli.ts");
    expect(inputs.filter((f) => /prisma|pglite|adapters\/db|node_modules\/pg\b/i.test(f))).toEqual([]);
    expect(inputs.filter((f) => !f.startsWith("node_modules/")).every((f) => f.startsWith("src/tally/") || ["src/result.ts", "src/assertNever.ts", "adapters/cli/tallyCli.ts"].includes(f))).toBe(true);
  });
});

describe("tally CLI bundle", () => {
  it("is built on first run when missing (a fresh clone), then counts", async () => {
    rmSync(bundle);
    const { code, stdout } = await cli("--method", "irv", fixture("irv-rounds.blt"));
    expect(code).toBe(0);
    expect(JSON.parse(stdout).elected).toEqual(["B"]);
    expect(statSync(bundle).isFile()).toBe(true);
  }, 60_000);

  it("is rebuilt when older than a file it was built from", async () => {
    const old = new Date("2000-01-01T00:00:00Z");
    utimesSync(bundle, old, old);
    const { code } = await cli("--method", "irv", fixture("irv-rounds.blt"));
    expect(code).toBe(0);
    expect(statSync(bundle).mtimeMs).toBeGreaterThan(old.getTime() + 1000);
  }, 60_000);
});

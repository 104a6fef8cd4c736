import { describe, it, expect } from "vitest";
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const fixture = (name: string): string => `test/tally/fixtures/${name}`;

type Run = { code: number; stdout: string; stderr: string };

function cli(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile("npx", ["tsx", "adapters/cli/tallyCli.ts", ...args], { cwd: root, timeout: 20_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

// Each spawn pays npx and tsx start-up (~1.5 s), so the cases are few and run side by side.
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

  it("lets --seats override the file and --seed settle draws", async () => {
    const { code, stdout } = await cli("--method", "irv", "--seats", "1", "--seed", "agm", fixture("meek-vs-scottish.blt"));
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.elected).toEqual(["Cai"]);
    expect(result.tieBreakSeed).toBe("agm");
  });

  it("reports a malformed file on stderr with its line number and exits 1", async () => {
    const { code, stdout, stderr } = await cli("--method", "meek", fixture("bad-preference.blt"));
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr.trim()).toBe("tally: test/tally/fixtures/bad-preference.blt: line 4: preference 7 is not a candidate (there are 5)");
  });

  it("reports a missing file without a stack trace and exits 1", async () => {
    const { code, stderr } = await cli("--method", "approval", fixture("no-such-file.blt"));
    expect(code).toBe(1);
    expect(stderr).toContain("no such file");
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    [["--method", "borda", fixture("irv-rounds.blt")], 'unknown method "borda"'],
    [["--method", "irv", "--loud", fixture("irv-rounds.blt")], "Unknown option '--loud'"],
    [["--method", "irv", "--seats", "two", fixture("irv-rounds.blt")], "--seats must be a positive whole number"],
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
});

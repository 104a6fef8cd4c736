import { describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";

const exec = promisify(execFile);

/** Runs the simulator exactly as users do (`npm run --silent simulate -- <file>`). */
async function simulate(file: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec("npm", ["run", "--silent", "simulate", "--", file], { env: { ...process.env, LOG_LEVEL: "warn" } });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

describe("npm run simulate", () => {
  it("prints one JSON line per message, with the virtual instant and the member or channel", async () => {
    const { code, stdout, stderr } = await simulate("test/fixtures/scenarios/foundation.txt");
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const lines = stdout.trim().split("\n").map((l) => JSON.parse(l) as Record<string, string>);
    expect(lines[0]).toEqual({ at: "2026-04-01T08:00:00Z", to: "alice", text: expect.stringContaining("It is 2026-04-01 10:00 Europe/Paris there") });
    expect(lines[1]).toEqual({ at: "2026-04-01T08:00:00Z", to: "bob", text: expect.stringContaining("Did you mean `Europe/Paris`?") });
    expect(lines.find((l) => l.channel === "general" && /created by olga/.test(l.text!))).toBeTruthy();
    // advance 1d12h moved the virtual clock: alice's /timezone answer is 36 h later.
    const later = lines.find((l) => l.to === "alice" && /Your time zone is Europe\/Paris/.test(l.text!));
    expect(later).toMatchObject({ at: "2026-04-02T20:00:00Z", text: expect.stringContaining("2026-04-02 22:00 Europe/Paris") });
    expect(lines.filter((l) => l.to === "bob").map((l) => l.text).join("\n")).toMatch(/Members: alice, bob/);
  });

  it("stops on a malformed line with its number and reason, printing nothing to stdout", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "caucus-sim-"));
    const file = path.join(dir, "bad.txt");
    await fs.writeFile(file, "clock 2026-04-01T08:00:00Z\nalice: /timezone UTC\nadvance soon\n");
    const { code, stdout, stderr } = await simulate(file);
    expect(code).not.toBe(0);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/line 3: "soon" is not a duration/);
  });
});

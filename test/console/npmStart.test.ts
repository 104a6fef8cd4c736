import { describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";

/** Starts `npm start` as a newcomer would, types lines into it, and collects what it prints. */
function start(env: Record<string, string>, input: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn("npm", ["start", "--silent"], { env: { ...process.env, ...env }, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe("npm start", () => {
  it("opens the console adapter on the embedded database when no platform token is set, and answers /caucus help", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "caucus-start-"));
    const env = { CAUCUS_DATA_DIR: dir, SLACK_BOT_TOKEN: "", DISCORD_TOKEN: "", DATABASE_URL: "" };
    const first = await start(env, "/caucus help\n/timezone Asia/Kathmandu\nas ana\n/timezone\nquit\n");
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Caucus console/);
    expect(first.stdout).toMatch(/\/constituency create "<name>" \[open\]/);
    expect(first.stdout).toMatch(/Your time zone is now Asia\/Kathmandu/);
    expect(first.stdout).toMatch(/to ana: Your time zone is UTC \(not set yet/);
    // The data survives a restart: the zone set before is still there.
    const second = await start(env, "/timezone\nquit\n");
    expect(second.stdout).toMatch(/Your time zone is Asia\/Kathmandu \(you set it\)/);
    await fs.rm(dir, { recursive: true, force: true });
  }, 120_000);

  it("stops with one line naming a malformed variable, and never prints its value", async () => {
    const r = await start({ DATABASE_URL: "mysql://root:hunter2@localhost/x" }, "");
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^Configuration error: DATABASE_URL must be a postgres:\/\//)]);
    expect(r.stderr + r.stdout).not.toContain("hunter2");
  });
});

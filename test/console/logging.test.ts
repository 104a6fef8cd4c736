import { describe, expect, it } from "vitest";
import { Writable } from "node:stream";
import { execFile, spawn } from "node:child_process";
import { promisify } from "node:util";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createLogger } from "../../adapters/createLogger.ts";

/** The real logger, writing into an array instead of stderr. */
function capturedLogger() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, log: createLogger("info", sink) };
}

describe("logging", () => {
  it("writes structured JSON and never a token, secret or database password", () => {
    const { lines, log } = capturedLogger();
    log.info({ config: { SLACK_BOT_TOKEN: "xoxb-123-secret", DATABASE_URL: "postgres://u:hunter2@db/x", LOG_LEVEL: "info" } }, "started");
    log.info({ req: { headers: { authorization: "Bot abc.def" } }, token: "interaction-token" }, "request");
    const all = lines.join("");
    expect(JSON.parse(lines[0]!)).toMatchObject({ msg: "started", config: { SLACK_BOT_TOKEN: "[redacted]", DATABASE_URL: "[redacted]", LOG_LEVEL: "info" } });
    for (const secret of ["xoxb-123-secret", "hunter2", "abc.def", "interaction-token"]) expect(all).not.toContain(secret);
  });

  it("never writes an election's unrevealed seed, a ballot key or a voter's receipt", () => {
    const { lines, log } = capturedLogger();
    const seed = "5e".repeat(32);
    const ballotKey = "b0".repeat(32);
    log.error({ err: new Error("count failed"), election: { id: "e1", number: 1, seed, seedHash: "aa".repeat(32), ballotKey } }, "election phase change failed");
    log.error({ seed, ballotKey, receipt: "3F2A-09BC-77D1-E4A0" }, "flat");
    log.error({ vote: { receipt: "1111-2222-3333-4444" }, event: { kind: "command", name: "vote", text: "E1 ana receipt 5555-6666-7777-8888" } }, "handler failed");
    const all = lines.join("");
    for (const secret of [seed, ballotKey, "3F2A-09BC-77D1-E4A0", "1111-2222-3333-4444", "5555-6666-7777-8888"]) expect(all).not.toContain(secret);
    // What is public stays readable: the seed's hash is published when voting opens.
    expect(JSON.parse(lines[0]!)).toMatchObject({ election: { id: "e1", seedHash: "aa".repeat(32), seed: "[redacted]" } });
  });
});

describe("shutdown", () => {
  it("exits cleanly on SIGTERM", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "caucus-sig-"));
    // As a service manager runs what `npm start` builds: the bundle, in one node process, so the signal reaches
    // the bot itself. Its own file: another test's `npm start` may be rebuilding dist/main.mjs meanwhile.
    const bundle = `dist/sigterm-test-${process.pid}.mjs`;
    await promisify(execFile)("npm", ["run", "--silent", "build", "--", `--outfile=${bundle}`]);
    const child = spawn(process.execPath, [bundle], { env: { ...process.env, CAUCUS_DATA_DIR: dir }, stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    // Wait until the console is up (its banner), then ask it to stop as a service manager would.
    await new Promise<void>((resolve) => child.stdout.on("data", () => /Caucus console/.test(out) && resolve()));
    const code = await new Promise<number | null>((resolve) => {
      child.on("exit", (c) => resolve(c));
      child.kill("SIGTERM");
    });
    expect(code).toBe(0);
    await fs.rm(dir, { recursive: true, force: true });
    await fs.rm(bundle, { force: true });
    await fs.rm(`${bundle}.map`, { force: true });
  }, 60_000);
});

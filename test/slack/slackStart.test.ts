// `npm start` with Slack configured: the composition root starts the Slack adapter instead of the console,
// serves Bolt's receiver on PORT beside the health probes, and refuses a half-configured Slack with one line.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeSlack, type FakeSlack } from "../support/fakeSlack.ts";
import { formEncoded, postToBot, slashCommand } from "../support/slackPayloads.ts";

const TOKEN = "xoxb-2222-3333-npmstarttokenvalue";
const SECRET = "npm-start-signing-secret-0123456789";
const children: ChildProcess[] = [];
// What `npm start` runs (its prestart builds it); run directly so a signal reaches the bot itself, not npm.
beforeAll(async () => {
  await promisify(execFile)("npm", ["run", "--silent", "build"]);
}, 120_000);
afterAll(() => {
  for (const c of children) c.kill("SIGKILL");
});

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--enable-source-maps", "dist/main.mjs"], { env: { ...process.env, DISCORD_TOKEN: "", DATABASE_URL: "", SLACK_APP_TOKEN: "", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  const out = { stdout: "", stderr: "" };
  child.stdout!.on("data", (d) => (out.stdout += d));
  child.stderr!.on("data", (d) => (out.stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  return { child, out, exited };
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

describe("npm start with Slack (the built dist/main.mjs)", () => {
  it("stops with one line when the bot token has no signing secret or app token, never printing the token", async () => {
    const r = start({ SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: "" });
    expect(await r.exited).toBe(78);
    expect(r.out.stderr.trim().split("\n")).toEqual(["Configuration error: SLACK_BOT_TOKEN is set without SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode)"]);
    expect(r.out.stderr + r.out.stdout).not.toContain(TOKEN);
  }, 60_000);

  it("serves signed slash commands at POST /slack/events on PORT, beside /healthz, with no console", async () => {
    const fake: FakeSlack = await startFakeSlack();
    fake.addUser({ id: "U0AMINA001", name: "amina", tz: "Europe/Paris" });
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "caucus-slack-start-"));
    const port = await freePort();
    const r = start({ CAUCUS_DATA_DIR: dir, SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, PORT: String(port), LOG_LEVEL: "debug" });
    try {
      const base = `http://127.0.0.1:${port}`;
      for (let i = 0; i < 600; i++) {
        const up = await fetch(`${base}/readyz`).then((x) => x.status === 200, () => false);
        if (up) break;
        await new Promise((res) => setTimeout(res, 100));
      }
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      expect(fake.callsTo("auth.test")[0]!.token).toBe(TOKEN);
      const c = slashCommand(fake, { id: "U0AMINA001", name: "amina" }, "/timezone", "");
      const answer = await postToBot(`${base}/slack/events`, formEncoded(c), SECRET);
      expect(answer.status).toBe(200);
      await fake.waitFor(() => fake.responses.length > 0, 20_000);
      expect(JSON.stringify(fake.responses[0]!.body)).toContain("Europe/Paris");
      expect((await postToBot(`${base}/slack/events`, formEncoded(c), "wrong")).status).toBe(401);
      expect(r.out.stdout).not.toContain("Caucus console");
      r.child.kill("SIGTERM");
      expect(await r.exited).toBe(0);
      // Debug logs on, and still no secret in them.
      expect(r.out.stderr).not.toContain(TOKEN);
      expect(r.out.stderr).not.toContain(SECRET);
    } finally {
      r.child.kill("SIGKILL");
      await fake.stop();
      await fs.rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

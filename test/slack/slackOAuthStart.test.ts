// `npm start` with several Slack workspaces (OAuth): the built bot serves the install path on PORT, and a
// half-configured OAuth stops start-up with one line that names the variable and never a secret.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const SECRET = "oauth-client-secret-0123456789abcdef";
const OAUTH = { SLACK_CLIENT_ID: "1111.2222", SLACK_CLIENT_SECRET: SECRET, SLACK_STATE_SECRET: "state-secret-0123456789abcdef", CAUCUS_ENCRYPTION_KEY: "0f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff0", SLACK_SIGNING_SECRET: "signing-secret-0123456789" };
const children: ChildProcess[] = [];
beforeAll(async () => {
  await promisify(execFile)("npm", ["run", "--silent", "build"]);
}, 120_000);
afterAll(() => {
  for (const c of children) c.kill("SIGKILL");
});

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--enable-source-maps", "dist/main.mjs"], {
    env: { ...process.env, DISCORD_TOKEN: "", DATABASE_URL: "", SLACK_APP_TOKEN: "", SLACK_BOT_TOKEN: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  const out = { stdout: "", stderr: "" };
  child.stdout!.on("data", (d) => (out.stdout += d));
  child.stderr!.on("data", (d) => (out.stderr += d));
  return { child, out, exited: new Promise<number | null>((resolve) => child.on("close", resolve)) };
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

describe("npm start with several Slack workspaces (OAuth)", () => {
  it("stops with one line when the encryption key is missing, never printing a secret", async () => {
    const r = start({ ...OAUTH, CAUCUS_ENCRYPTION_KEY: "" });
    expect(await r.exited).toBe(78);
    expect(r.out.stderr.trim().split("\n")).toEqual([
      "Configuration error: SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET set for several Slack workspaces (OAuth), but CAUCUS_ENCRYPTION_KEY is missing: the key that encrypts workspace tokens at rest (openssl rand -base64 32)",
    ]);
    expect(r.out.stderr + r.out.stdout).not.toContain(SECRET);
  }, 60_000);

  it("serves /slack/install on PORT (a redirect to Slack's consent page) with no bot token and no console", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "caucus-oauth-start-"));
    const port = await freePort();
    const r = start({ ...OAUTH, CAUCUS_DATA_DIR: dir, PORT: String(port) });
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 600; i++) {
      if (await fetch(`${base}/readyz`).then((x) => x.status === 200, () => false)) break;
      await new Promise((res) => setTimeout(res, 100));
    }
    const install = await fetch(`${base}/slack/install`, { redirect: "manual" });
    expect(install.status).toBe(302);
    expect(new URL(install.headers.get("location")!).searchParams.get("client_id")).toBe("1111.2222");
    expect(r.out.stdout).toBe("");
    r.child.kill("SIGTERM");
    expect(await r.exited).toBe(0);
    expect(r.out.stderr).not.toContain(SECRET);
  }, 120_000);
});

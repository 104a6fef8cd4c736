// `npm run discord:register` and `npm start` with Discord configured, against the fake Discord.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFile, spawn } from "node:child_process";
import { promisify } from "node:util";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { commands } from "../../commands/index.ts";
import { discordRegistration } from "../../adapters/discord/discordRegistration.ts";
import { parseRegisterArgs, registerCommands } from "../../adapters/discord/registerCommands.ts";
import { APPLICATION_ID, chatInput, commandOptions, startFakeDiscord, user, type FakeDiscord } from "../support/fakeDiscord.ts";
import { GUILD } from "../support/discordHarness.ts";

const exec = promisify(execFile);

describe("Discord start-up and registration", () => {
  let fake: FakeDiscord;
  let dir: string;
  beforeAll(async () => {
    fake = await startFakeDiscord({ guilds: [GUILD] });
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "caucus-discord-"));
  });
  afterAll(async () => {
    await fake?.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it("registers every command globally or on one server, as a bulk overwrite generated from the definitions", async () => {
    const target = { token: "t0k", applicationId: APPLICATION_ID, apiUrl: fake.apiUrl };
    expect(await registerCommands(commands, target)).toEqual({ ok: true, value: commands.length });
    expect(await registerCommands(commands, { ...target, guildId: GUILD.id })).toEqual({ ok: true, value: commands.length });
    const puts = fake.calls.filter((c) => c.method === "PUT");
    expect(puts.map((c) => c.path)).toEqual([`/applications/${APPLICATION_ID}/commands`, `/applications/${APPLICATION_ID}/guilds/${GUILD.id}/commands`]);
    expect(puts[0]!.body).toEqual(discordRegistration(commands));
    expect(puts[0]!.auth).toBe("Bot t0k");
    // Discord's refusal is reported, not thrown.
    const unroute = fake.route((c) => (c.method === "PUT" ? { status: 400, body: { message: "Invalid Form Body", code: 50035 } } : undefined));
    expect(await registerCommands(commands, target)).toEqual({ ok: false, error: expect.stringContaining("Invalid Form Body") });
    unroute();
  });

  it("reads --guild and refuses anything else with the usage", () => {
    expect(parseRegisterArgs([])).toEqual({ ok: true, value: {} });
    expect(parseRegisterArgs(["--guild", GUILD.id])).toEqual({ ok: true, value: { guildId: GUILD.id } });
    expect(parseRegisterArgs(["--guild", "abc"])).toMatchObject({ ok: false, error: expect.stringContaining("numeric id") });
    expect(parseRegisterArgs(["--global"])).toMatchObject({ ok: false, error: expect.stringContaining("Usage: npm run discord:register") });
  });

  it("npm run discord:register registers on one server with the variables set", async () => {
    const before = fake.calls.length;
    const { stdout } = await exec("npm", ["run", "--silent", "discord:register", "--", "--guild", GUILD.id], {
      env: { ...process.env, DISCORD_TOKEN: "t0k", DISCORD_APPLICATION_ID: APPLICATION_ID, DISCORD_API_URL: fake.apiUrl },
    });
    expect(stdout).toBe(`Registered ${commands.length} commands on server ${GUILD.id}; they show at once.\n`);
    expect(fake.calls.slice(before).map((c) => `${c.method} ${c.path}`)).toEqual([`PUT /applications/${APPLICATION_ID}/guilds/${GUILD.id}/commands`]);
  });

  it("npm start serves Discord when configured: connects, answers a command, and a half configuration stops with one line", async () => {
    // Its own bundle (other tests rebuild dist/main.mjs), inside the repo so its packages resolve.
    const bundle = `dist/discord-start-test-${process.pid}.mjs`;
    await exec("npm", ["run", "--silent", "build", "--", `--outfile=${bundle}`]);
    const half = await exec(process.execPath, [bundle], { env: { ...process.env, CAUCUS_DATA_DIR: dir, DISCORD_TOKEN: "t0k", DISCORD_APPLICATION_ID: "" } }).catch((e: { code: number; stderr: string }) => e);
    expect(half).toMatchObject({ code: 78 });
    expect((half as { stderr: string }).stderr.trim().split("\n")).toEqual(["Configuration error: DISCORD_TOKEN is set but DISCORD_APPLICATION_ID is not: set both to start the Discord adapter (the application id is under General Information in the Discord developer portal)."]);

    const identified = fake.identifies;
    const child = spawn(process.execPath, [bundle], {
      env: { ...process.env, CAUCUS_DATA_DIR: dir, DATABASE_URL: "", DISCORD_TOKEN: "t0k", DISCORD_APPLICATION_ID: APPLICATION_ID, DISCORD_API_URL: fake.apiUrl, LOG_LEVEL: "silent" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    try {
      for (let i = 0; i < 300 && fake.identifies === identified; i++) await new Promise((r) => setTimeout(r, 50));
      expect(fake.identifies).toBe(identified + 1);
      const i = chatInput(GUILD, { user: user("1000000000000000011", "Ana") }, "timezone", commandOptions("", { zone: "Asia/Kathmandu" }));
      await fake.interact(i, 15_000);
      const edit = await fake.waitForCall((c) => c.method === "PATCH" && c.path.includes(i.token), 15_000);
      expect((edit.body as { content: string }).content).toContain("Your time zone is now Asia/Kathmandu");
    } finally {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("close", r));
      await fs.rm(bundle, { force: true });
      await fs.rm(`${bundle}.map`, { force: true });
    }
    expect(stderr).toBe("");
  }, 120_000);
});

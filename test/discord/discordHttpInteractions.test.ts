// Discord interactions over HTTP: POST /discord/interactions, signed with a test Ed25519 key exactly as Discord
// signs (timestamp + raw body), answered in the response body, later edits through the fake Discord's REST.
// The attacks: a forged signature, a tampered body, replays outside ±300 s either way, missing headers.
import { execFile, spawn } from "node:child_process";
import { generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import fs from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { Writable } from "node:stream";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { InteractionResponseType, InteractionType, MessageFlags } from "discord-api-types/v10";
import type { App } from "../../adapters/compose.ts";
import { commands } from "../../commands/index.ts";
import { createLogger } from "../../adapters/createLogger.ts";
import { discordHttpRoute, discordInteractionsRoute, DISCORD_INTERACTIONS_PATH } from "../../adapters/discord/discordHttpInteractions.ts";
import { discordPublicKey } from "../../adapters/discord/verifyDiscordRequest.ts";
import { DISCORD_LIMITS } from "../../adapters/discord/discordLimits.ts";
import { encodeModalId } from "../../adapters/discord/discordRender.ts";
import { startHttpServer, type HttpServer } from "../../adapters/http/startHttpServer.ts";
import { createBot } from "../../src/bot.ts";
import { defineCommand, subcommand } from "../../src/commandDefinition.ts";
import { createEventHandler } from "../../src/eventHandler.ts";
import { silentLogger } from "../../src/logger.ts";
import { textMessage } from "../../src/message.ts";
import { ok } from "../../src/result.ts";
import { clearAll, targets } from "../support/testApp.ts";
import { GUILD, startDiscordHarness, type DiscordHarness } from "../support/discordHarness.ts";
import { APPLICATION_ID, autocompleteInteraction, buttonInteraction, chatInput, commandOptions, modalSubmit, startFakeDiscord, user, type FakeDiscord } from "../support/fakeDiscord.ts";

const NOW_S = Date.parse("2026-04-01T08:00:00Z") / 1000;
const ana = user("1000000000000000011", "Ana");

/** The public key as the Developer Portal shows it: 32 bytes in hex. */
const hexOf = (k: KeyObject) => Buffer.from(k.export({ format: "jwk" }).x!, "base64url").toString("hex");
const discordKeys = generateKeyPairSync("ed25519");
const attackerKeys = generateKeyPairSync("ed25519");

/** A command whose first answer is a form (a modal), so the HTTP body carries type 9. */
const survey = defineCommand({
  name: "survey",
  description: "A test form.",
  subcommands: [
    subcommand({
      name: "",
      description: "Opens the form.",
      options: [],
      examples: ["/survey"],
      answer: "private",
      form: {
        when: () => true,
        build: async () => ok({ formId: "survey:1", title: "Survey", submitLabel: "Send", context: "c1", fields: [{ kind: "text", id: "why", label: "Why?", multiline: false, required: true, maxLength: 100 }] }),
      },
      run: async () => ok([]),
    }),
  ],
  onForm: async (_ctx, _id, context, values) => ok([{ kind: "reply", visibility: "private", message: textMessage(`Thanks: ${String(values.why)} (${context})`) }]),
});

describe("Discord interactions over HTTP (POST /discord/interactions)", () => {
  let app: App;
  let h: DiscordHarness;
  let server: HttpServer;
  let other: HttpServer;
  const logLines: string[] = [];

  beforeAll(async () => {
    app = await targets()[0]!.open();
    h = await startDiscordHarness(app);
    const log = createLogger("debug", new Writable({ write: (c, _e, done) => (logLines.push(String(c)), done()) }));
    const bot = createBot({ store: app.store, commands: [...commands, survey], log, random: app.random });
    const handler = createEventHandler(bot, DISCORD_LIMITS, h.clock.now);
    const route = () =>
      discordHttpRoute(h.adapter, handler, {
        publicKey: hexOf(discordKeys.publicKey),
        applicationId: APPLICATION_ID,
        now: () => NOW_S * 1000,
        log,
        firstSighting: (key, until, now) => app.store.firstSighting(key, until, now),
      });
    server = await startHttpServer({
      port: 0,
      log: silentLogger,
      routes: [route()],
    });
    // Another bot instance on the same database: its own route, process memory and all.
    other = await startHttpServer({ port: 0, log: silentLogger, routes: [route()] });
  });
  afterAll(async () => {
    await other?.close();
    await server?.close();
    await h?.close();
    await app?.close();
  });
  beforeEach(() => clearAll(app));

  type Signed = { body: string; timestamp?: string; signature?: string };
  const signed = (payload: unknown, { at = NOW_S, key = discordKeys.privateKey }: { at?: number; key?: KeyObject } = {}): Signed => {
    const body = JSON.stringify(payload);
    const timestamp = String(at);
    return { body, timestamp, signature: sign(null, Buffer.from(timestamp + body), key).toString("hex") };
  };
  const post = async (r: Signed, to: HttpServer = server) => {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (r.signature !== undefined) headers["x-signature-ed25519"] = r.signature;
    if (r.timestamp !== undefined) headers["x-signature-timestamp"] = r.timestamp;
    const res = await fetch(`http://127.0.0.1:${to.port}${DISCORD_INTERACTIONS_PATH}`, { method: "POST", headers, body: r.body });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const members = () => app.db.prisma.member.count();

  it("answers Discord's PING with PONG", async () => {
    const ping = { id: "1300000000000000001", application_id: APPLICATION_ID, type: InteractionType.Ping, token: "ping-token", version: 1 };
    expect(await post(signed(ping))).toEqual({ status: 200, body: { type: InteractionResponseType.Pong } });
  });

  it("defers a command in the response body, then edits the reply through REST with the answer the gateway path gives", async () => {
    const i = chatInput(GUILD, { user: ana }, "timezone", commandOptions("", { zone: "Europe/Paris" }));
    expect(await post(signed(i))).toEqual({ status: 200, body: { type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: MessageFlags.Ephemeral } } });
    const edit = await h.fake.waitForCall((c) => c.method === "PATCH" && c.path === `/webhooks/${APPLICATION_ID}/${i.token}/messages/@original`);
    expect((edit.body as { content: string }).content).toContain("Your time zone is now Europe/Paris");
    // The first answer was the HTTP response: no callback POST went to Discord.
    expect(h.fake.calls.some((c) => c.path.startsWith(`/interactions/${i.id}/`))).toBe(false);
    expect((await app.db.prisma.member.findFirstOrThrow()).zone).toBe("Europe/Paris");
  });

  it("answers autocomplete with suggestions (type 8) in the body", async () => {
    const i = autocompleteInteraction(GUILD, { user: ana }, "timezone", "", { zone: "nairobi" }, "zone");
    const res = await post(signed(i));
    expect(res.status).toBe(200);
    expect(res.body.type).toBe(InteractionResponseType.ApplicationCommandAutocompleteResult);
    expect((res.body.data as { choices: { value: string }[] }).choices.map((c) => c.value)).toContain("Africa/Nairobi");
  });

  it("opens a form as a modal (type 9) in the body, and takes its submission", async () => {
    const res = await post(signed(chatInput(GUILD, { user: ana }, "survey")));
    expect(res.status).toBe(200);
    expect(res.body.type).toBe(InteractionResponseType.Modal);
    const modal = res.body.data as { custom_id: string; title: string };
    expect(modal.title).toBe("Survey");
    const submit = modalSubmit(GUILD, { user: ana }, modal.custom_id, { why: "because" });
    expect((await post(signed(submit))).body).toEqual({ type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: MessageFlags.Ephemeral } });
    const edit = await h.fake.waitForCall((c) => c.method === "PATCH" && c.path === `/webhooks/${APPLICATION_ID}/${submit.token}/messages/@original`);
    expect((edit.body as { content: string }).content).toContain("Thanks: because (c1)");
    expect(encodeModalId({ formId: "survey:1", context: "c1" }, {})).toBe(modal.custom_id);
  });

  it("tells the member a button it no longer knows is stale, in the body", async () => {
    const res = await post(signed(buttonInteraction(GUILD, { user: ana }, "nothing-we-made")));
    expect(res).toEqual({ status: 200, body: { type: InteractionResponseType.ChannelMessageWithSource, data: { content: expect.stringMatching(/no longer supported/), flags: MessageFlags.Ephemeral } } });
  });

  it("refuses with 401 a request signed by another key, and the core never sees it", async () => {
    const i = chatInput(GUILD, { user: ana }, "timezone", commandOptions("", { zone: "Europe/Paris" }));
    expect(await post(signed(i, { key: attackerKeys.privateKey }))).toEqual({ status: 401, body: { error: "invalid request signature" } });
    expect(await members()).toBe(0);
  });

  it("refuses with 401 a body changed after Discord signed it", async () => {
    const i = chatInput(GUILD, { user: ana }, "timezone", commandOptions("", { zone: "Europe/Paris" }));
    const r = signed(i);
    const tampered = { ...r, body: r.body.replace("Europe/Paris", "Asia/Tokyo") };
    expect(tampered.body).not.toBe(r.body);
    expect((await post(tampered)).status).toBe(401);
    // One byte added at the end is a different body too.
    expect((await post({ ...r, body: `${r.body} ` })).status).toBe(401);
    expect(await members()).toBe(0);
  });

  it("refuses with 401 a correctly signed request more than 300 s old or ahead (a replay), and takes one within the window", async () => {
    const i = () => chatInput(GUILD, { user: ana }, "timezone", commandOptions("", { zone: "Europe/Paris" }));
    expect((await post(signed(i(), { at: NOW_S - 301 }))).status).toBe(401);
    expect((await post(signed(i(), { at: NOW_S + 301 }))).status).toBe(401);
    // The timestamp is signed: moving it into the window breaks the signature.
    const old = signed(i(), { at: NOW_S - 3600 });
    expect((await post({ ...old, timestamp: String(NOW_S) })).status).toBe(401);
    expect(await members()).toBe(0);
    expect((await post(signed(i(), { at: NOW_S - 299 }))).status).toBe(200);
    expect((await post(signed(i(), { at: NOW_S + 299 }))).status).toBe(200);
  });

  it("refuses with 401 the same signed interaction sent again within the window (a replay), and runs it once", async () => {
    const r = signed(chatInput(GUILD, { user: ana }, "caucus", commandOptions("timezone", { zone: "Europe/Berlin" })));
    expect((await post(r)).status).toBe(200);
    expect(await post(r)).toEqual({ status: 401, body: { error: "invalid request signature" } });
    // The organiser-only change was refused once (ana is no organiser), not twice: one reply edit.
    await new Promise((res) => setTimeout(res, 300));
    const id = (JSON.parse(r.body) as { token: string }).token;
    expect(h.fake.calls.filter((c) => c.method === "PATCH" && c.path.includes(id))).toHaveLength(1);
  });

  it("refuses with 401 a replay sent to another instance on the same database, and runs the interaction once", async () => {
    const r = signed(chatInput(GUILD, { user: ana }, "caucus", commandOptions("timezone", { zone: "Europe/Berlin" })));
    expect((await post(r)).status).toBe(200);
    expect(await post(r, other)).toEqual({ status: 401, body: { error: "invalid request signature" } });
    await new Promise((res) => setTimeout(res, 300));
    const token = (JSON.parse(r.body) as { token: string }).token;
    expect(h.fake.calls.filter((c) => c.method === "PATCH" && c.path.includes(token))).toHaveLength(1);
  });

  it("remembers an interaction id until its timestamp can no longer pass the window, and the tick forgets it after", async () => {
    const at = (ms: number) => new Date(NOW_S * 1000 + ms);
    expect(await app.store.firstSighting("discord:1", at(600_000), at(0))).toBe(true);
    expect(await app.store.firstSighting("discord:1", at(600_000), at(599_999))).toBe(false);
    expect(await app.store.firstSighting("discord:2", at(900_000), at(300_000))).toBe(true);
    // Ten minutes on, the first record is spent (its request's timestamp no longer passes) and is dropped.
    expect(await app.store.forgetSightings(at(600_000))).toBe(1);
    expect(await app.db.prisma.seenRequest.findMany({ select: { key: true } })).toEqual([{ key: "discord:2" }]);
    expect(await app.store.firstSighting("discord:1", at(1_200_000), at(600_000))).toBe(true);
  });

  it("answers in time when the replay check is slow, and runs the interaction once the check says it is new", async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const slow = await startHttpServer({
      port: 0,
      log: silentLogger,
      routes: [
        discordInteractionsRoute({
          publicKey: discordPublicKey(hexOf(discordKeys.publicKey)),
          applicationId: APPLICATION_ID,
          run: async (_i, responder) => responder.respond({ type: InteractionResponseType.ChannelMessageWithSource, data: { content: "ran", flags: 64 } }),
          webhooks: () => ({ editOriginal: async () => void edits.push("edit"), deleteOriginal: async () => {}, followUp: async () => {} }),
          now: () => NOW_S * 1000,
          firstSighting: async () => (await held, true),
          log: silentLogger,
          firstAnswerMs: 200,
        }),
      ],
    });
    const edits: string[] = [];
    try {
      const r = await post(signed(chatInput(GUILD, { user: ana }, "caucus", commandOptions("timezone", { zone: "Europe/Berlin" }))), slow);
      // The fallback: deferred, privately, while the database has not answered.
      expect(r).toEqual({ status: 200, body: { type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: 64 } } });
      expect(edits).toEqual([]);
      release();
      await new Promise((res) => setTimeout(res, 100));
      expect(edits).toEqual(["edit"]);
    } finally {
      await slow.close();
    }
  });

  it("refuses with 401 a request without the signature headers, or with malformed ones", async () => {
    const r = signed(chatInput(GUILD, { user: ana }, "timezone"));
    expect((await post({ body: r.body })).status).toBe(401);
    expect((await post({ ...r, signature: undefined })).status).toBe(401);
    expect((await post({ ...r, timestamp: undefined })).status).toBe(401);
    expect((await post({ ...r, signature: "zz".repeat(64) })).status).toBe(401);
    expect((await post({ ...r, timestamp: "soon" })).status).toBe(401);
    expect(await members()).toBe(0);
  });

  it("logs no interaction token, signature, signed body or option value, for accepted and refused requests alike", async () => {
    logLines.length = 0;
    const secretZone = "America/Argentina/Ushuaia";
    const good = chatInput(GUILD, { user: ana }, "timezone", commandOptions("", { zone: secretZone }));
    const g = signed(good);
    await post(g);
    await h.fake.waitForCall((c) => c.method === "PATCH" && c.path.includes(good.token));
    const bad = chatInput(GUILD, { user: ana }, "timezone", commandOptions("", { zone: secretZone }));
    const b = signed(bad, { key: attackerKeys.privateKey });
    await post(b);
    await post(signed(bad, { at: NOW_S - 999 }));
    const all = logLines.join("");
    expect(all).toMatch(/discord interaction refused/);
    for (const secret of [good.token, bad.token, g.signature!, b.signature!, secretZone, "test-token"]) expect(all).not.toContain(secret);
  });
});

describe("npm start with DISCORD_PUBLIC_KEY serves interactions over HTTP", () => {
  const exec = promisify(execFile);
  let fake: FakeDiscord;
  let dir: string;
  beforeAll(async () => {
    fake = await startFakeDiscord({ guilds: [GUILD] });
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "caucus-discord-http-"));
  });
  afterAll(async () => {
    await fake?.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it("answers a signed PING and a signed command on PORT, and stops with one line when PORT is missing", async () => {
    const bundle = `dist/discord-http-test-${process.pid}.mjs`;
    await exec("npm", ["run", "--silent", "build", "--", `--outfile=${bundle}`]);
    const env = { ...process.env, CAUCUS_DATA_DIR: dir, DATABASE_URL: "", DISCORD_TOKEN: "t0k", DISCORD_APPLICATION_ID: APPLICATION_ID, DISCORD_API_URL: fake.apiUrl, DISCORD_PUBLIC_KEY: hexOf(discordKeys.publicKey), LOG_LEVEL: "silent" };
    try {
      const noPort = await exec(process.execPath, [bundle], { env: { ...env, PORT: "" } }).catch((e: { code: number; stderr: string }) => e);
      expect(noPort).toMatchObject({ code: 78 });
      expect((noPort as { stderr: string }).stderr.trim()).toBe("Configuration error: DISCORD_PUBLIC_KEY selects Discord interactions over HTTP, which needs PORT (POST /discord/interactions is served there).");

      const port = await new Promise<number>((resolve) => {
        const probe = net.createServer().listen(0, "127.0.0.1", () => {
          const p = (probe.address() as net.AddressInfo).port;
          probe.close(() => resolve(p));
        });
      });
      const child = spawn(process.execPath, [bundle], { env: { ...env, PORT: String(port) }, stdio: ["ignore", "pipe", "pipe"] });
      let stderr = "";
      child.stderr.on("data", (d) => (stderr += d));
      try {
        const send = async (payload: unknown) => {
          const body = JSON.stringify(payload);
          const timestamp = String(Math.floor(Date.now() / 1000));
          const signature = sign(null, Buffer.from(timestamp + body), discordKeys.privateKey).toString("hex");
          const res = await fetch(`http://127.0.0.1:${port}${DISCORD_INTERACTIONS_PATH}`, { method: "POST", headers: { "content-type": "application/json", "x-signature-ed25519": signature, "x-signature-timestamp": timestamp }, body });
          return { status: res.status, body: (await res.json()) as unknown };
        };
        let pong: { status: number; body: unknown } | null = null;
        for (let i = 0; i < 300 && !pong; i++) {
          pong = await send({ id: "1300000000000000002", application_id: APPLICATION_ID, type: InteractionType.Ping, token: "t", version: 1 }).catch(() => null);
          if (!pong || pong.status === 404) (pong = null), await new Promise((r) => setTimeout(r, 50));
        }
        expect(pong).toEqual({ status: 200, body: { type: InteractionResponseType.Pong } });
        const i = chatInput(GUILD, { user: ana }, "timezone", commandOptions("", { zone: "Asia/Kathmandu" }));
        expect((await send(i)).body).toEqual({ type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: MessageFlags.Ephemeral } });
        const edit = await fake.waitForCall((c) => c.method === "PATCH" && c.path.includes(i.token), 15_000);
        expect((edit.body as { content: string }).content).toContain("Your time zone is now Asia/Kathmandu");
      } finally {
        child.kill("SIGTERM");
        await new Promise((r) => child.once("close", r));
      }
      expect(stderr).toBe("");
    } finally {
      await fs.rm(bundle, { force: true });
      await fs.rm(`${bundle}.map`, { force: true });
    }
  }, 120_000);
});

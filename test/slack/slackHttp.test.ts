// The real Bolt app in HTTP mode, driven by requests signed as Slack signs them, against the fake Web API.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { clearAll } from "../support/testApp.ts";
import { FAKE_TEAM } from "../support/fakeSlack.ts";
import { formEncoded, postToBot, slashCommand } from "../support/slackPayloads.ts";
import { LogLevel } from "@slack/bolt";
import { BOT_TOKEN, SIGNING_SECRET, startSlackHarness, type SlackHarness } from "../support/slackHarness.ts";
import type { Logger } from "../../src/logger.ts";

/** Every line logged, at every level, with its fields: the secrets test reads them all. */
const logged: string[] = [];
const line = (level: string) => (obj: object, msg?: string) => void logged.push(`${level} ${msg ?? ""} ${JSON.stringify(obj)}`);
const capture: Logger = { debug: line("debug"), info: line("info"), warn: line("warn"), error: line("error") };

const amina = { id: "U0AMINA001", name: "amina" };
const luis = { id: "U0LUIS0001", name: "luis" };
const T0 = new Date("2026-04-01T08:00:00Z");

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness({ start: T0, log: capture, adapter: { boltLogLevel: LogLevel.DEBUG } });
}, 30_000);
afterAll(async () => h?.close());
beforeEach(async () => {
  await clearAll(h.app);
  h.fake.reset();
  h.fake.addUser({ id: amina.id, name: "amina", real_name: "Amina Diallo", tz: "Europe/Paris" });
  h.fake.addUser({ id: luis.id, name: "luis", tz: "America/Bogota", is_admin: true });
});

const ephemeralTexts = () => h.fake.responses.filter((r) => r.body.response_type === "ephemeral").map((r) => String(r.body.text));

describe("a signed slash command", () => {
  it("is acknowledged with an empty body, then answered privately through its response_url", async () => {
    const r = await h.command(amina, "/timezone Europe/Lisbon");
    expect(r.status).toBe(200);
    expect(r.body).toBeNull();
    const answers = h.fake.responses.filter((x) => x.path === new URL(r.responseUrl).pathname);
    expect(answers.length).toBeGreaterThan(0);
    expect(answers[0]!.body.response_type).toBe("ephemeral");
    expect(JSON.stringify(answers[0]!.body.blocks)).toContain("Europe/Lisbon");
  });

  it("takes the member's Slack profile zone when they have set none", async () => {
    const zara = { id: "U0ZARA0001", name: "zara" };
    h.fake.addUser({ id: zara.id, name: "zara", tz: "Africa/Nairobi" });
    await h.command(zara, "/timezone");
    expect(ephemeralTexts().join("\n")).toContain("Africa/Nairobi");
    expect(h.fake.callsTo("users.info").map((c) => c.params.user)).toEqual([zara.id]);
  });
});

describe("request verification", () => {
  const body = () => formEncoded(slashCommand(h.fake, amina, "/timezone", "Europe/Lisbon"));
  const now = () => Math.floor(Date.now() / 1000);

  it("refuses a bad signature with 401 and runs nothing", async () => {
    const r = await postToBot(h.eventsUrl, body(), "not-the-signing-secret", { ts: now() });
    expect(r.status).toBe(401);
    await h.settle();
    expect(h.fake.responses).toHaveLength(0);
  });

  it("refuses a timestamp more than 5 minutes old with 401", async () => {
    expect((await postToBot(h.eventsUrl, body(), SIGNING_SECRET, { ts: now() - 301 })).status).toBe(401);
  });

  it("refuses a timestamp more than 5 minutes ahead with 401 (Bolt alone accepts it)", async () => {
    expect((await postToBot(h.eventsUrl, body(), SIGNING_SECRET, { ts: now() + 301 })).status).toBe(401);
  });

  it("accepts a timestamp within 5 minutes on either side", async () => {
    expect((await postToBot(h.eventsUrl, body(), SIGNING_SECRET, { ts: now() + 299 })).status).toBe(200);
    expect((await postToBot(h.eventsUrl, body(), SIGNING_SECRET, { ts: now() - 299 })).status).toBe(200);
    await h.settle();
  });

  it("runs a signed command once when the same request comes again within the 5 minutes (a replay), and answers it 200 with nothing", async () => {
    const signed = body();
    const ts = now();
    expect((await postToBot(h.eventsUrl, signed, SIGNING_SECRET, { ts })).status).toBe(200);
    await h.settle();
    const answered = h.fake.responses.length;
    expect(answered).toBeGreaterThan(0);
    const again = await postToBot(h.eventsUrl, signed, SIGNING_SECRET, { ts: ts + 1 });
    expect([again.status, again.text]).toEqual([200, ""]);
    await h.settle();
    expect(h.fake.responses).toHaveLength(answered);
    expect(logged.some((l) => l.includes("slack request refused") && l.includes("replayed"))).toBe(true);
  });

  it("refuses a body changed after signing", async () => {
    const signed = body();
    const r = await fetch(h.eventsUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...(await import("../support/fakeSlack.ts")).signSlackRequest(SIGNING_SECRET, signed, now()) },
      body: signed.replace("Lisbon", "Madrid"),
    });
    expect(r.status).toBe(401);
  });

  it("sends every Web API call for the workspace the request came from", async () => {
    await h.command(luis, "/timezone");
    expect(h.fake.callsTo("users.info").every((c) => c.params.team_id === undefined || c.params.team_id === FAKE_TEAM.id)).toBe(true);
  });
});

describe("secrets", () => {
  it("never logs the bot token or the signing secret, even at Bolt's debug level", async () => {
    await h.command(amina, "/timezone Europe/Lisbon");
    await postToBot(h.eventsUrl, formEncoded(slashCommand(h.fake, amina, "/timezone", "")), "wrong-secret");
    h.fake.once("chat.postMessage", () => ({ body: { ok: false, error: "invalid_auth" } }));
    await h.adapter.deliver({ kind: "dm", to: { memberId: "m", displayName: "amina", platform: "slack", workspaceId: FAKE_TEAM.id, userId: amina.id, zone: "UTC" }, message: { text: [["hi"]] } }, "k");
    // Bolt logged its debug lines (the request bodies among them), and none carries a secret.
    expect(logged.length).toBeGreaterThan(10);
    expect(logged.some((l) => l.includes("http request"))).toBe(true);
    const all = logged.join("\n");
    expect(all).not.toContain(BOT_TOKEN);
    expect(all).not.toContain(SIGNING_SECRET);
    expect(all).not.toMatch(/xox[bp]-\d/);
  });
});

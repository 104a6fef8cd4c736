// Socket Mode: the real Bolt SocketModeReceiver connects to the fake's WebSocket (apps.connections.open with the
// app token), gets a slash command envelope, acks it over the socket and answers through response_url.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApp, type App } from "../../adapters/compose.ts";
import { createSlackAdapter, type SlackAdapter } from "../../adapters/slack/slackAdapter.ts";
import { SLACK_LIMITS } from "../../adapters/slack/slackLimits.ts";
import { createEventHandler } from "../../src/eventHandler.ts";
import { silentLogger } from "../../src/logger.ts";
import { startFakeSlack, type FakeSlack } from "../support/fakeSlack.ts";
import { eventCallback, slashCommand } from "../support/slackPayloads.ts";

const APP_TOKEN = "xapp-1-A0CAUCUS01-7891234567-5b1d2c3a4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1b";
const BOT_TOKEN = "xoxb-17653672481-19874698323-socketmodetoken";
const amina = { id: "U0AMINA001", name: "amina" };

let fake: FakeSlack;
let app: App;
let adapter: SlackAdapter;
beforeAll(async () => {
  fake = await startFakeSlack({ socketMode: true });
  fake.addUser({ id: amina.id, name: "amina", tz: "Europe/Paris" });
  app = await openApp({ kind: "pglite", dataDir: "memory://" }, silentLogger);
  adapter = await createSlackAdapter({ mode: "socket", appToken: APP_TOKEN, botToken: BOT_TOKEN, apiUrl: fake.apiUrl, log: silentLogger, now: () => new Date(), firstSighting: (key, until, now) => app.store.firstSighting(key, until, now) });
  await adapter.start(createEventHandler(app.bot, SLACK_LIMITS, () => new Date("2026-04-01T08:00:00Z")));
}, 30_000);
afterAll(async () => {
  await adapter?.stop();
  await fake?.stop();
  await app?.close();
});

describe("Socket Mode", () => {
  it("opens the connection with the app token and reports itself connected", async () => {
    const open = fake.callsTo("apps.connections.open");
    expect(open).toHaveLength(1);
    expect(open[0]!.token).toBe(APP_TOKEN);
    await fake.waitFor(() => adapter.connected());
    expect(fake.socketConnections).toBe(1);
  });

  it("acks a slash command envelope over the socket, then answers through response_url", async () => {
    const command = slashCommand(fake, amina, "/timezone", "Europe/Lisbon");
    const ack = await fake.sendEnvelope("slash_commands", command);
    expect(ack ?? {}).toEqual({});
    await fake.waitFor(() => fake.responses.some((r) => r.path === new URL(command.response_url).pathname));
    const answer = fake.responses.find((r) => r.path === new URL(command.response_url).pathname)!;
    expect(answer.body.response_type).toBe("ephemeral");
    expect(JSON.stringify(answer.body.blocks)).toContain("Europe/Lisbon");
  });

  it("acks a public command in_channel", async () => {
    const ack = await fake.sendEnvelope("slash_commands", slashCommand(fake, { id: "U0OLGA0001", name: "olga" }, "/constituency", "create Youth"));
    expect(ack).toEqual({ response_type: "in_channel" });
  });

  it("refreshes a member's profile zone on user_change", async () => {
    await fake.sendEnvelope("events_api", eventCallback({ type: "user_change", user: { id: amina.id, team_id: "T0CAUCUS1", name: "amina", tz: "Asia/Tokyo", is_admin: false, profile: { display_name: "amina" } } }));
    // Bolt acks an event before its listeners run: wait for the cache to change.
    let answer = await adapter.users.get("T0CAUCUS1", amina.id);
    for (let i = 0; i < 100 && !(answer.kind === "found" && answer.profile.tz === "Asia/Tokyo"); i++) {
      await new Promise((r) => setTimeout(r, 10));
      answer = await adapter.users.get("T0CAUCUS1", amina.id);
    }
    expect(answer).toEqual({ kind: "found", profile: { displayName: "amina", tz: "Asia/Tokyo", isAdmin: false } });
  });
});

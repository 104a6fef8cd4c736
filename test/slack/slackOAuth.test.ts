// Several workspaces through Slack OAuth, with the real Bolt installer: the install redirect, the OAuth callback
// against the fake oauth.v2.access, each workspace's commands using its own token, tokens never in clear in the
// database, a row moved to another team unusable, and uninstall forgetting the workspace.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { slackOAuth, type SlackOAuth } from "../../adapters/slack/slackOAuth.ts";
import { registerUninstall } from "../../adapters/slack/slackOAuth.ts";
import { SLACK_BOT_SCOPES } from "../../adapters/slack/slackManifest.ts";
import { silentLogger } from "../../src/logger.ts";
import { FAKE_BOT, FAKE_TEAM, type FakeSlack } from "../support/fakeSlack.ts";
import { eventCallback, formEncoded, postToBot, slashCommand } from "../support/slackPayloads.ts";
import { SIGNING_SECRET, startSlackHarness, type SlackHarness } from "../support/slackHarness.ts";
import { clearAll } from "../support/testApp.ts";

const KEY = Uint8Array.from(Buffer.from("0f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff0", "hex"));
const PLAN = { clientId: "1234567890.0987654321", clientSecret: "c0ffee0c0ffee0c0ffee0c0ffee0c0ff", stateSecret: "state-secret-for-tests-1234567890", encryptionKey: KEY };
const TEAMS = {
  A: { id: FAKE_TEAM.id, name: "Coalition A", token: "xoxb-1111111111-2222222222-AAAAaaaaAAAAaaaaAAAAaaaa", code: "code-for-a" },
  B: { id: "T0SECOND02", name: "Coalition B", token: "xoxb-3333333333-4444444444-BBBBbbbbBBBBbbbbBBBBbbbb", code: "code-for-b" },
} as const;
const ana = { id: "U0ANA00001", name: "ana" };
const bea = { id: "U0BEA00001", name: "bea" };

/** oauth.v2.access as Slack answers it for a bot install (fields from Slack's docs sample). */
function answerOAuth(fake: FakeSlack): void {
  fake.on("oauth.v2.access", (call) => {
    const team = Object.values(TEAMS).find((t) => t.code === call.params.code);
    if (!team) return { body: { ok: false, error: "invalid_code" } };
    return {
      body: {
        ok: true,
        access_token: team.token,
        token_type: "bot",
        scope: "commands,chat:write,im:write,files:write,users:read,usergroups:read",
        bot_user_id: FAKE_BOT.userId,
        app_id: FAKE_BOT.appId,
        team: { id: team.id, name: team.name },
        enterprise: null,
        is_enterprise_install: false,
        authed_user: { id: "U0INSTALL1" },
      },
    };
  });
}

let h: SlackHarness;
let oauth: SlackOAuth;
beforeAll(async () => {
  h = await startSlackHarness({
    adapter: (app) => {
      oauth = slackOAuth(PLAN, app.db.prisma, silentLogger, () => new Date());
      return { botToken: undefined, extra: oauth.options, botTokenFor: (teamId) => oauth.store.botTokenFor(teamId) };
    },
    extend: (adapter) => adapter.extend((ext) => registerUninstall(ext, oauth.store)),
  });
}, 30_000);
afterAll(async () => h?.close());
beforeEach(async () => {
  await clearAll(h.app);
  h.fake.reset();
  answerOAuth(h.fake);
  h.fake.addUser({ id: ana.id, name: "ana", tz: "Europe/Paris", team_id: TEAMS.A.id });
  h.fake.addUser({ id: bea.id, name: "bea", tz: "Africa/Lagos", team_id: TEAMS.B.id, is_admin: true });
});

const base = () => `http://127.0.0.1:${h.http.port}`;

/** The browser's way through: /slack/install redirects to Slack with a state cookie; Slack sends it back with a code. */
async function install(team: (typeof TEAMS)[keyof typeof TEAMS]): Promise<Response> {
  const start = await fetch(`${base()}/slack/install`, { redirect: "manual" });
  expect(start.status).toBe(302);
  const to = new URL(start.headers.get("location")!);
  const cookie = start.headers.get("set-cookie")!.split(";")[0]!;
  return fetch(`${base()}/slack/oauth_redirect?code=${team.code}&state=${encodeURIComponent(to.searchParams.get("state")!)}`, { headers: { cookie }, redirect: "manual" });
}

/** A slash command from a given workspace, signed; waits for the work after the ack. */
async function commandFrom(teamId: string, who: { id: string; name: string }, command: string, text: string) {
  const c = { ...slashCommand(h.fake, who, command, text), team_id: teamId, team_domain: teamId.toLowerCase() };
  const r = await postToBot(h.eventsUrl, formEncoded(c), SIGNING_SECRET);
  await h.settle();
  return { status: r.status, answers: h.fake.responses.filter((x) => x.path === new URL(c.response_url).pathname) };
}

async function event(teamId: string, ev: Record<string, unknown>) {
  const body = JSON.stringify({ ...eventCallback(ev), team_id: teamId, authorizations: [{ enterprise_id: null, team_id: teamId, user_id: FAKE_BOT.userId, is_bot: true, is_enterprise_install: false }] });
  const r = await postToBot(h.eventsUrl, body, SIGNING_SECRET, { contentType: "application/json" });
  await h.settle();
  return r.status;
}

describe("installing Caucus in several workspaces", () => {
  it("sends the installer to Slack's consent page with the manifest's scopes and a signed state", async () => {
    const r = await fetch(`${base()}/slack/install`, { redirect: "manual" });
    const to = new URL(r.headers.get("location")!);
    expect(`${to.origin}${to.pathname}`).toBe("https://slack.com/oauth/v2/authorize");
    expect(to.searchParams.get("client_id")).toBe(PLAN.clientId);
    // The manifest's own list: what the app is configured with is what the installer asks for.
    expect(to.searchParams.get("scope")).toBe(SLACK_BOT_SCOPES.join(","));
    expect(SLACK_BOT_SCOPES).toContain("usergroups:read");
    expect(r.headers.get("set-cookie")).toMatch(/^slack-app-oauth-state=[^;]+; .*HttpOnly/i);
  });

  it("stores the installation the OAuth callback brings, and a command from that workspace then uses that workspace's token", async () => {
    expect((await install(TEAMS.B)).status).toBe(200);
    expect(h.fake.callsTo("oauth.v2.access").map((c) => c.params.code)).toEqual([TEAMS.B.code]);
    const rows = await h.app.db.prisma.slackInstallation.findMany();
    expect(rows.map((r) => [r.teamId, r.teamName, r.isEnterpriseInstall])).toEqual([[TEAMS.B.id, "Coalition B", false]]);

    await install(TEAMS.A);
    h.fake.reset();
    const r = await commandFrom(TEAMS.B.id, bea, "/deadline", "add Census 2099-05-20 12:00 UTC");
    expect(r.status).toBe(200);
    expect(JSON.stringify(r.answers.map((a) => a.body))).toContain("Census");
    // users.info for bea went out with workspace B's token; so does the channel post the outbox delivers.
    expect(h.fake.callsTo("users.info").map((c) => [c.params.user, c.token])).toEqual([[bea.id, TEAMS.B.token]]);
    await h.deliver();
    const posts = h.fake.callsTo("chat.postMessage");
    expect(posts.length).toBeGreaterThan(0);
    expect(new Set(posts.map((c) => c.token))).toEqual(new Set([TEAMS.B.token]));
    // A's people are reached with A's token: each workspace's own.
    h.fake.reset();
    await commandFrom(TEAMS.A.id, ana, "/timezone", "");
    expect(h.fake.callsTo("users.info").map((c) => c.token)).toEqual([TEAMS.A.token]);
  });

  it("refuses a callback whose state was not issued to this browser, and stores nothing", async () => {
    const r = await fetch(`${base()}/slack/oauth_redirect?code=${TEAMS.B.code}&state=forged`, { redirect: "manual" });
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(h.fake.callsTo("oauth.v2.access")).toEqual([]);
    expect(await h.app.db.prisma.slackInstallation.count()).toBe(0);
  });
});

describe("tokens at rest (attacker: someone who reads a database dump or backup)", () => {
  it("leaves no token in clear anywhere in the database", async () => {
    await install(TEAMS.A);
    await install(TEAMS.B);
    const tables = await h.app.db.prisma.$queryRawUnsafe<{ tablename: string }[]>(`SELECT tablename FROM pg_tables WHERE schemaname = current_schema()`);
    let dump = "";
    for (const { tablename } of tables) dump += JSON.stringify(await h.app.db.prisma.$queryRawUnsafe(`SELECT t::text AS row FROM "${tablename}" t`));
    expect(dump).toContain(TEAMS.B.id);
    for (const t of Object.values(TEAMS)) {
      expect(dump).not.toContain(t.token);
      // Not even the distinctive tail of one.
      expect(dump).not.toContain(t.token.slice(-24));
    }
    expect(dump).not.toMatch(/xox[bpe]-/);
  });
});

describe("a row moved to another team (attacker: someone who can write to the database, not read the key)", () => {
  it("cannot be used: the moved installation does not open, and the command is refused", async () => {
    await install(TEAMS.B);
    await h.app.db.prisma.$executeRawUnsafe(`UPDATE "SlackInstallation" SET "teamId" = 'T0THIEF001' WHERE "teamId" = '${TEAMS.B.id}'`);
    h.fake.reset();
    // Bolt acknowledges (200, empty) and calls no listener: nothing runs, nothing is answered, no token is used.
    const r = await commandFrom("T0THIEF001", bea, "/timezone", "");
    expect([r.status, r.answers]).toEqual([200, []]);
    expect(h.fake.calls).toEqual([]);
    expect(await oauth.store.botTokenFor("T0THIEF001")).toBeUndefined();
  });

  it("cannot be used when its sealed tokens are pasted into another team's row", async () => {
    await install(TEAMS.A);
    await install(TEAMS.B);
    await h.app.db.prisma.$executeRawUnsafe(
      `UPDATE "SlackInstallation" SET sealed = (SELECT sealed FROM "SlackInstallation" WHERE "teamId" = '${TEAMS.B.id}') WHERE "teamId" = '${TEAMS.A.id}'`,
    );
    h.fake.reset();
    expect((await commandFrom(TEAMS.A.id, ana, "/timezone", "")).answers).toEqual([]);
    expect(h.fake.calls).toEqual([]);
    expect(await oauth.store.botTokenFor(TEAMS.A.id)).toBeUndefined();
    // B's own row is untouched and still works.
    expect(await oauth.store.botTokenFor(TEAMS.B.id)).toBe(TEAMS.B.token);
  });
});

describe("uninstalling", () => {
  it("app_uninstalled forgets the workspace's installation, and its commands are refused after", async () => {
    await install(TEAMS.A);
    await install(TEAMS.B);
    expect(await event(TEAMS.B.id, { type: "app_uninstalled" })).toBe(200);
    expect((await h.app.db.prisma.slackInstallation.findMany()).map((r) => r.teamId)).toEqual([TEAMS.A.id]);
    h.fake.reset();
    expect((await commandFrom(TEAMS.B.id, bea, "/timezone", "")).answers).toEqual([]);
    expect(h.fake.calls).toEqual([]);
  });

  it("tokens_revoked for the bot token does the same; a revoked user token alone changes nothing", async () => {
    await install(TEAMS.B);
    await event(TEAMS.B.id, { type: "tokens_revoked", tokens: { oauth: ["U0INSTALL1"] } });
    expect(await h.app.db.prisma.slackInstallation.count()).toBe(1);
    await event(TEAMS.B.id, { type: "tokens_revoked", tokens: { bot: [FAKE_BOT.userId] } });
    expect(await h.app.db.prisma.slackInstallation.count()).toBe(0);
  });
});

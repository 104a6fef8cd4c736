import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { commands } from "../../commands/index.ts";
import { SLACK_BOT_EVENTS, slackManifest } from "../../adapters/slack/slackManifest.ts";

const exec = promisify(execFile);

describe("the Slack app manifest", () => {
  it("checked in as slack-manifest.json, is exactly what `npm run slack:manifest` prints", async () => {
    const { stdout } = await exec(process.execPath, ["--import", "tsx", "adapters/slack/slackManifestCli.ts"], { encoding: "utf8" });
    expect(stdout).toBe(await fs.readFile("slack-manifest.json", "utf8"));
    expect(JSON.parse(stdout)).toEqual(slackManifest(commands, { socketMode: false }));
  }, 30_000);

  it("has a slash command for every core command, all posting to /slack/events", () => {
    const m = slackManifest(commands, { socketMode: false, baseUrl: "https://bot.example.net/" });
    expect(m.features.slash_commands.map((c) => c.command)).toEqual(commands.map((c) => `/${c.name}`));
    expect(new Set(m.features.slash_commands.map((c) => c.url))).toEqual(new Set(["https://bot.example.net/slack/events"]));
    expect(m.settings.interactivity).toEqual({ is_enabled: true, request_url: "https://bot.example.net/slack/events" });
    expect(m.settings.event_subscriptions.bot_events).toEqual(["app_home_opened", "user_change", "subteam_members_changed", "subteam_updated", "app_uninstalled", "tokens_revoked"]);
    expect(m.features.app_home.home_tab_enabled).toBe(true);
    expect(m.settings.socket_mode_enabled).toBe(false);
  });

  it("in Socket Mode has no request URLs and says so", () => {
    const m = slackManifest(commands, { socketMode: true });
    expect(m.settings.socket_mode_enabled).toBe(true);
    expect(JSON.stringify(m)).not.toContain("request_url");
    expect(m.features.slash_commands.every((c) => c.url === undefined)).toBe(true);
    expect(m.settings.event_subscriptions.bot_events).toEqual([...SLACK_BOT_EVENTS]);
  });

  it("asks for the scope each event and Web API call needs", () => {
    const scopes = slackManifest(commands, { socketMode: true }).oauth_config.scopes.bot;
    // users.info and user_change need users:read; subteam_members_changed usergroups:read; DMs chat:write.
    for (const s of ["commands", "chat:write", "users:read", "usergroups:read", "files:write", "im:write"]) expect(scopes).toContain(s);
  });
});

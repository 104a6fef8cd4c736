import { describe, expect, it } from "vitest";
import { slackPlan } from "../../adapters/slack/slackConfig.ts";
import { parseConfig } from "../../src/config.ts";

const plan = (env: Record<string, string>) => {
  const cfg = parseConfig(env);
  if (!cfg.ok) return cfg;
  return slackPlan(cfg.value);
};

describe("which Slack mode the environment asks for", () => {
  it("is off with no Slack variable, or only empty ones", () => {
    expect(plan({})).toEqual({ ok: true, value: { mode: "off" } });
    expect(plan({ SLACK_BOT_TOKEN: "", SLACK_SIGNING_SECRET: "", SLACK_API_URL: "" })).toEqual({ ok: true, value: { mode: "off" } });
  });

  it("is HTTP mode with a bot token and signing secret, Socket Mode with a bot token and app token", () => {
    expect(plan({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s" })).toEqual({ ok: true, value: { mode: "http", botToken: "xoxb-1", signingSecret: "s" } });
    expect(plan({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1", SLACK_API_URL: "http://127.0.0.1:9/api/" })).toEqual({
      ok: true,
      value: { mode: "socket", botToken: "xoxb-1", appToken: "xapp-1", apiUrl: "http://127.0.0.1:9/api/" },
    });
  });

  it("names what is missing from a half-configured Slack, never a value", () => {
    for (const [env, missing] of [
      [{ SLACK_BOT_TOKEN: "xoxb-secret-value" }, "SLACK_SIGNING_SECRET"],
      [{ SLACK_SIGNING_SECRET: "secret-value" }, "SLACK_BOT_TOKEN"],
      [{ SLACK_APP_TOKEN: "xapp-secret-value" }, "SLACK_BOT_TOKEN"],
    ] as const) {
      const r = plan(env);
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.error).toContain(missing);
      expect(r.error).not.toMatch(/secret-value/);
    }
  });

  it("refuses a SLACK_API_URL that is not an http(s) URL ending in /", () => {
    expect(parseConfig({ SLACK_API_URL: "slack.com/api" })).toEqual({ ok: false, error: expect.stringMatching(/^Configuration error: SLACK_API_URL must be an http\(s\) URL ending in \//) });
  });
});

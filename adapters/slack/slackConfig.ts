// Which Slack mode the environment asks for, read once at start-up. A half-configured Slack (a token without
// what goes with it) is one line naming the missing variable, never the value of any.
import type { Config } from "../../src/config.ts";
import { err, ok, type Result } from "../../src/result.ts";

export type SlackPlan =
  | { mode: "off" }
  | { mode: "http"; botToken: string; signingSecret: string; apiUrl?: string }
  | { mode: "socket"; botToken: string; appToken: string; apiUrl?: string };

type SlackEnv = Pick<Config, "SLACK_BOT_TOKEN" | "SLACK_SIGNING_SECRET" | "SLACK_APP_TOKEN" | "SLACK_API_URL">;

export function slackPlan(cfg: SlackEnv): Result<SlackPlan> {
  const { SLACK_BOT_TOKEN: bot, SLACK_SIGNING_SECRET: secret, SLACK_APP_TOKEN: appToken } = cfg;
  const api = cfg.SLACK_API_URL ? { apiUrl: cfg.SLACK_API_URL } : {};
  if (!bot && !secret && !appToken) return ok({ mode: "off" });
  if (!bot) return err(`Configuration error: ${appToken ? "SLACK_APP_TOKEN" : "SLACK_SIGNING_SECRET"} is set without SLACK_BOT_TOKEN (the bot token, xoxb-…, from the app's OAuth & Permissions page)`);
  // Socket Mode wins when both are set: it needs no public URL, and the signing secret is unused there.
  if (appToken) return ok({ mode: "socket", botToken: bot, appToken, ...api });
  if (secret) return ok({ mode: "http", botToken: bot, signingSecret: secret, ...api });
  return err("Configuration error: SLACK_BOT_TOKEN is set without SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode)");
}

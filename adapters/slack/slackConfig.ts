// Which Slack mode the environment asks for, read once at start-up. A half-configured Slack (a token without
// what goes with it) is one line naming the missing variable, never the value of any.
import type { Config } from "../../src/config.ts";
import { err, ok, type Result } from "../../src/result.ts";

export type SlackPlan =
  | { mode: "off" }
  /** `botToken` absent: several workspaces through OAuth, each with its own token (adapters/slack/slackOAuth.ts). */
  | { mode: "http"; botToken?: string; signingSecret: string; apiUrl?: string }
  | { mode: "socket"; botToken: string; appToken: string; apiUrl?: string };

type SlackEnv = Pick<Config, "SLACK_BOT_TOKEN" | "SLACK_SIGNING_SECRET" | "SLACK_APP_TOKEN" | "SLACK_API_URL">;

export function slackPlan(cfg: SlackEnv, opts: { oauth?: boolean } = {}): Result<SlackPlan> {
  const { SLACK_BOT_TOKEN: bot, SLACK_SIGNING_SECRET: secret, SLACK_APP_TOKEN: appToken } = cfg;
  const api = cfg.SLACK_API_URL ? { apiUrl: cfg.SLACK_API_URL } : {};
  if (opts.oauth) {
    // Each workspace's token comes from its installation; the installer's browser is sent back to our HTTP server.
    if (bot) return err("Configuration error: SLACK_BOT_TOKEN is set together with SLACK_CLIENT_ID (OAuth): unset SLACK_BOT_TOKEN, every workspace's token comes from its installation");
    if (appToken) return err("Configuration error: SLACK_APP_TOKEN is set together with SLACK_CLIENT_ID (OAuth): several workspaces need HTTP mode (SLACK_SIGNING_SECRET), since Slack sends installers back to this server");
    if (!secret) return err("Configuration error: SLACK_CLIENT_ID (OAuth) is set without SLACK_SIGNING_SECRET (the app's Signing Secret, Basic Information page)");
    return ok({ mode: "http", signingSecret: secret, ...api });
  }
  if (!bot && !secret && !appToken) return ok({ mode: "off" });
  if (!bot) return err(`Configuration error: ${appToken ? "SLACK_APP_TOKEN" : "SLACK_SIGNING_SECRET"} is set without SLACK_BOT_TOKEN (the bot token, xoxb-…, from the app's OAuth & Permissions page)`);
  // Socket Mode wins when both are set: it needs no public URL, and the signing secret is unused there.
  if (appToken) return ok({ mode: "socket", botToken: bot, appToken, ...api });
  if (secret) return ok({ mode: "http", botToken: bot, signingSecret: secret, ...api });
  return err("Configuration error: SLACK_BOT_TOKEN is set without SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode)");
}

// Several workspaces: Bolt's OAuth installer with the installation store in the database. Translation only:
// the plan reads the environment, the options are Bolt's, the listeners forget a workspace that uninstalled.
import type { Config } from "../../src/config.ts";
import type { Logger } from "../../src/logger.ts";
import { err, ok, type Result } from "../../src/result.ts";
import type { PrismaClient } from "../db/generated/prisma/client.ts";
import { prismaSlackInstallationStore, type SlackInstallationStore } from "../db/prismaSlackInstallationStore.ts";
import { createTokenCipher } from "../db/tokenCipher.ts";
import type { SlackExtraOptions } from "./createSlackApp.ts";
import type { SlackExtension } from "./slackAdapter.ts";
import { SLACK_BOT_SCOPES } from "./slackManifest.ts";

export const INSTALL_PATH = "/slack/install";
export const REDIRECT_PATH = "/slack/oauth_redirect";

export type SlackOAuthPlan = { clientId: string; clientSecret: string; stateSecret: string; encryptionKey: Uint8Array };
type OAuthEnv = Pick<Config, "SLACK_CLIENT_ID" | "SLACK_CLIENT_SECRET" | "SLACK_STATE_SECRET" | "CAUCUS_ENCRYPTION_KEY">;

const OAUTH_VARS = ["SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "SLACK_STATE_SECRET", "CAUCUS_ENCRYPTION_KEY"] as const;
const WHAT: Record<(typeof OAUTH_VARS)[number], string> = {
  SLACK_CLIENT_ID: "the app's Client ID (Basic Information page)",
  SLACK_CLIENT_SECRET: "the app's Client Secret (Basic Information page)",
  SLACK_STATE_SECRET: "a random secret signing the OAuth state (openssl rand -hex 32)",
  CAUCUS_ENCRYPTION_KEY: "the key that encrypts workspace tokens at rest (openssl rand -base64 32)",
};

/** Null when no OAuth variable is set; one line naming the first missing one when some are. */
export function slackOAuthPlan(cfg: OAuthEnv): Result<SlackOAuthPlan | null> {
  const set = OAUTH_VARS.filter((k) => cfg[k] !== undefined);
  // The encryption key alone is not OAuth: other adapters may use it some day.
  if (!set.some((k) => k !== "CAUCUS_ENCRYPTION_KEY")) return ok(null);
  const missing = OAUTH_VARS.find((k) => cfg[k] === undefined);
  if (missing) return err(`Configuration error: ${set.filter((k) => k !== "CAUCUS_ENCRYPTION_KEY").join(", ")} set for several Slack workspaces (OAuth), but ${missing} is missing: ${WHAT[missing]}`);
  return ok({ clientId: cfg.SLACK_CLIENT_ID!, clientSecret: cfg.SLACK_CLIENT_SECRET!, stateSecret: cfg.SLACK_STATE_SECRET!, encryptionKey: cfg.CAUCUS_ENCRYPTION_KEY! });
}

export type SlackOAuth = { store: SlackInstallationStore; options: SlackExtraOptions };

/** Bolt's installer options over the database store. The install page redirects straight to Slack's consent page. */
export function slackOAuth(plan: SlackOAuthPlan, prisma: PrismaClient, log: Logger, now: () => Date): SlackOAuth {
  const store = prismaSlackInstallationStore(prisma, createTokenCipher(plan.encryptionKey), log, now);
  return {
    store,
    options: {
      clientId: plan.clientId,
      clientSecret: plan.clientSecret,
      stateSecret: plan.stateSecret,
      scopes: [...SLACK_BOT_SCOPES],
      installationStore: store,
      installerOptions: { installPath: INSTALL_PATH, redirectUriPath: REDIRECT_PATH, directInstall: true },
    },
  };
}

type TokensRevoked = { tokens?: { bot?: string[]; oauth?: string[] } };

/** Uninstalling the app, or revoking its bot token, forgets the workspace's installation (and so its token). */
export function registerUninstall(ext: SlackExtension, store: SlackInstallationStore): void {
  const teamOf = (body: unknown) => {
    const b = body as { team_id?: string; enterprise_id?: string | null };
    return { teamId: b.team_id ?? "", enterpriseId: b.enterprise_id ?? undefined };
  };
  ext.app.event("app_uninstalled", async ({ body }) => {
    const { teamId, enterpriseId } = teamOf(body);
    await store.deleteTeam(teamId, enterpriseId);
  });
  ext.app.event("tokens_revoked", async ({ event, body }) => {
    // Only the bot token matters: Caucus asks for no user tokens.
    if (!(event as TokensRevoked).tokens?.bot?.length) return;
    const { teamId, enterpriseId } = teamOf(body);
    await store.deleteTeam(teamId, enterpriseId);
  });
}

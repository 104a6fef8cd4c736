// The Discord part of the composition root: whether the configuration starts the Discord adapter, and how.
import type { Config } from "../../src/config.ts";
import type { Logger } from "../../src/logger.ts";
import { err, ok, type Result } from "../../src/result.ts";
import { createDiscordAdapter, type DiscordAdapter } from "./discordAdapter.ts";

/** The Discord settings, when DISCORD_TOKEN and DISCORD_APPLICATION_ID are both set; null when neither is; a
 *  one-line error (naming variables, never their values) when only one is. */
export function discordSettings(cfg: Pick<Config, "DISCORD_TOKEN" | "DISCORD_APPLICATION_ID" | "DISCORD_API_URL">): Result<{ token: string; applicationId: string; apiUrl?: string } | null> {
  const { DISCORD_TOKEN: token, DISCORD_APPLICATION_ID: applicationId, DISCORD_API_URL: apiUrl } = cfg;
  if (!token && !applicationId) return ok(null);
  if (!token) return err("Configuration error: DISCORD_APPLICATION_ID is set but DISCORD_TOKEN is not: set both to start the Discord adapter (the bot token is under Bot in the Discord developer portal).");
  if (!applicationId)
    return err("Configuration error: DISCORD_TOKEN is set but DISCORD_APPLICATION_ID is not: set both to start the Discord adapter (the application id is under General Information in the Discord developer portal).");
  if (!/^\d{17,20}$/.test(applicationId)) return err("Configuration error: DISCORD_APPLICATION_ID must be the application's numeric id (17 to 20 digits).");
  return ok({ token, applicationId, ...(apiUrl ? { apiUrl } : {}) });
}

export function discordFromConfig(cfg: Pick<Config, "DISCORD_TOKEN" | "DISCORD_APPLICATION_ID" | "DISCORD_API_URL" | "DISCORD_ROLE_ROSTERS" | "DISCORD_PUBLIC_KEY" | "PORT">, log: Logger): Result<DiscordAdapter | null> {
  const s = discordSettings(cfg);
  if (!s.ok || !s.value) {
    if (s.ok && cfg.DISCORD_PUBLIC_KEY) return err("Configuration error: DISCORD_PUBLIC_KEY is set but DISCORD_TOKEN and DISCORD_APPLICATION_ID are not: interactions over HTTP still need the bot token (for DMs, posts and member updates).");
    return s as Result<null>;
  }
  if (cfg.DISCORD_PUBLIC_KEY && cfg.PORT === undefined) return err("Configuration error: DISCORD_PUBLIC_KEY selects Discord interactions over HTTP, which needs PORT (POST /discord/interactions is served there).");
  return ok(createDiscordAdapter({ ...s.value, log, roleRosters: cfg.DISCORD_ROLE_ROSTERS === "on" }));
}

// The slash-command part of the Slack app manifest, generated from the command definitions.
import type { CommandDefinition } from "../../src/commandDefinition.ts";

export type SlackManifestCommand = { command: string; description: string; usage_hint: string; should_escape: boolean; url?: string };

/** Slack's manifest limits for a slash command. */
export const SLACK_COMMAND_LIMITS = { command: 32, description: 2000, usage_hint: 1000 } as const;

export function slackManifestCommands(defs: readonly CommandDefinition[], requestUrl?: string): SlackManifestCommand[] {
  return defs.map((d) => {
    const names = [...new Set(d.subcommands.map((s) => s.name.split(" ")[0]!).filter(Boolean))];
    const bare = d.subcommands.find((s) => s.name === "");
    const hint = names.length ? `${names.join(" | ")}   (/caucus help ${d.name})` : (bare?.examples[0]?.replace(`/${d.name}`, "").trim() ?? "");
    // should_escape: Slack then sends mentions as <@U123|name>, which the member option reads as an id.
    return { command: `/${d.name}`, description: d.description, usage_hint: hint.slice(0, SLACK_COMMAND_LIMITS.usage_hint), should_escape: true, ...(requestUrl ? { url: requestUrl } : {}) };
  });
}

/** The bot scopes the adapter's Web API calls and events need, each for one reason. */
export const SLACK_BOT_SCOPES = [
  "commands", // slash commands
  "chat:write", // DMs (to the app's Messages tab) and posts in channels the bot is in
  "chat:write.public", // announcements in public channels the bot has not joined
  "im:write", // conversations.open, to upload a file into a member's DM
  "files:write", // /election ballots as a .blt file (files.uploadV2)
  "users:read", // users.info: display name, profile zone, admin/owner; the user_change event
  "usergroups:read", // user-group rosters; the subteam_members_changed event
] as const;

/** Events the app subscribes to: App Home, profile changes (zone, name), user-group membership and updates (a
 *  followed group's full list), and uninstall / bot-token revocation (the installation is forgotten). */
export const SLACK_BOT_EVENTS = ["app_home_opened", "user_change", "subteam_members_changed", "subteam_updated", "app_uninstalled", "tokens_revoked"] as const;

export type SlackManifestOptions = {
  /** Socket Mode: no request URLs (Slack sends everything over the socket). */
  socketMode: boolean;
  /** HTTP mode: the public base URL Slack posts to (`<baseUrl>/slack/events`). */
  baseUrl?: string;
  name?: string;
};

export const EXAMPLE_BASE_URL = "https://caucus.example.org";

/** The whole app manifest (docs.slack.dev/reference/app-manifest), generated from the command definitions. */
export function slackManifest(defs: readonly CommandDefinition[], o: SlackManifestOptions) {
  const url = o.socketMode ? undefined : `${(o.baseUrl ?? EXAMPLE_BASE_URL).replace(/\/+$/, "")}/slack/events`;
  const name = o.name ?? "Caucus";
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name,
      description: "Deadlines nobody misses and spokespeople chosen by their own constituency.",
      long_description:
        "Caucus keeps one deadline registry for a member network: each member sees every deadline in their own time zone, with escalating reminders; moves and cancellations are re-announced and short notice is flagged. Constituencies nominate and elect their spokespeople (approval, IRV, STV, Meek, Schulze), with results round by round, a hash-chained audit log and anonymised ballots anyone can recount.",
      background_color: "#1d3557",
    },
    features: {
      app_home: { home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false },
      bot_user: { display_name: name, always_online: true },
      slash_commands: slackManifestCommands(defs, url),
    },
    oauth_config: { scopes: { bot: [...SLACK_BOT_SCOPES] } },
    settings: {
      event_subscriptions: { ...(url ? { request_url: url } : {}), bot_events: [...SLACK_BOT_EVENTS] },
      interactivity: { is_enabled: true, ...(url ? { request_url: url } : {}) },
      org_deploy_enabled: false,
      socket_mode_enabled: o.socketMode,
      token_rotation_enabled: false,
    },
  };
}

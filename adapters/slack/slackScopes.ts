// What the Slack app asks for: the one list the OAuth installer and the app manifest both read.
/** Bot token scopes, each for something Caucus does. */
export const SLACK_BOT_SCOPES = [
  "commands", // slash commands
  "chat:write", // answers, DMs, channel posts
  "im:write", // opening the DM a file goes to
  "files:write", // /election ballots as a .blt file
  "users:read", // display name, profile zone, admin/owner (users.info)
  "usergroups:read", // rosters following a user group (usergroups.users.list, subteam_* events)
] as const;

/** Bot events the app subscribes to. */
export const SLACK_BOT_EVENTS = [
  "app_home_opened", // the member's App Home tab
  "user_change", // profile zone and admin flag refreshed
  "subteam_members_changed", // a followed user group's members changed
  "subteam_updated", // a followed user group changed (its full member list)
  "app_uninstalled", // forget the workspace's installation
  "tokens_revoked", // the same when its bot token is revoked
] as const;

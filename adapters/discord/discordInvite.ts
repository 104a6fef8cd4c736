// What the bot needs on a server, and the invite link that asks for exactly that.
import { OAuth2Scopes, PermissionFlagsBits } from "discord-api-types/v10";

/**
 * Channel permissions the bot uses: see the channel, post announcements and results in it (the outbox's channel
 * posts), with embeds (deadline cards) and files. Slash commands, their replies and DMs need none.
 */
export const BOT_PERMISSIONS = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.EmbedLinks | PermissionFlagsBits.AttachFiles;

export const INVITE_SCOPES = [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands] as const;

export function inviteUrl(applicationId: string): string {
  const q = new URLSearchParams({ client_id: applicationId, scope: INVITE_SCOPES.join(" "), permissions: String(BOT_PERMISSIONS) });
  return `https://discord.com/oauth2/authorize?${q.toString().replace(/\+/g, "%20")}`;
}

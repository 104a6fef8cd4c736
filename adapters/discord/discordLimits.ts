// Discord's published message limits, in one place: what the core fits messages to (PlatformLimits) and what
// the renderer checks embeds and components against.
import type { PlatformLimits } from "../../src/platformPort.ts";

/** Discord's limits on one message and its parts (https://discord.com/developers/docs/resources/message). */
export const DISCORD_MESSAGE = {
  contentChars: 2000,
  embedsPerMessage: 10,
  embedTitleChars: 256,
  embedDescriptionChars: 4096,
  embedFieldsPerEmbed: 25,
  embedFieldNameChars: 256,
  embedFieldValueChars: 1024,
  /** Characters of every embed of a message together. */
  embedTotalChars: 6000,
  rowsPerMessage: 5,
  buttonsPerRow: 5,
  optionsPerSelect: 25,
  selectLabelChars: 100,
  selectValueChars: 100,
  placeholderChars: 150,
  buttonLabelChars: 80,
  customIdChars: 100,
  /** A modal's top-level components (labels) and a text input's length. */
  modalComponents: 5,
  modalTitleChars: 45,
  labelChars: 45,
  textInputChars: 4000,
  autocompleteChoices: 25,
} as const;

/** `<t:1777777777:F>`: an instant in text, shown to each reader in their own zone; a fixed (UTC) one is text. */
const INSTANT_CHARS = Math.max("<t:9999999999:F>".length, "2026-05-01 23:00 UTC".length);

/**
 * Characters a custom_id spends beyond the core's `actionId:value` (see encodeComponentId in discordRender.ts):
 * the component's place in its message (one character) so ids stay unique where fitMessage split one select into
 * several sharing an action id, a second separator, and in a DM the server's id (".", up to 20 digits).
 */
export const CUSTOM_ID_OVERHEAD = 1 + 1 + 1 + 20;

export const DISCORD_LIMITS: PlatformLimits = {
  messageChars: DISCORD_MESSAGE.contentChars,
  blocksPerMessage: 1,
  instantChars: INSTANT_CHARS,
  optionsPerSelect: DISCORD_MESSAGE.optionsPerSelect,
  buttonsPerRow: DISCORD_MESSAGE.buttonsPerRow,
  rowsPerMessage: DISCORD_MESSAGE.rowsPerMessage,
  actionIdChars: DISCORD_MESSAGE.customIdChars - CUSTOM_ID_OVERHEAD,
  ephemeral: true,
  files: true,
  // Discord allows 50 requests/s per bot globally; a DM costs two (open the channel, send) the first time.
  // Per-channel buckets are about 5 per 5 s; the outbox paces well under the global limit and obeys 429s.
  rate: { perSecond: 20, burst: 10 },
};

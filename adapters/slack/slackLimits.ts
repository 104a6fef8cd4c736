// What Slack takes, as the core's PlatformLimits: the one place these numbers live (Block Kit reference,
// docs.slack.dev/reference/block-kit; rate limits, docs.slack.dev/apis/web-api/rate-limits).
import type { PlatformLimits } from "../../src/platformPort.ts";

/** Longest `<!date^UNIX^{date_long_pretty} {time}|fallback>` renderSlack writes (a test checks every zone). */
export const SLACK_INSTANT_CHARS = 130;

export const SLACK_LIMITS: PlatformLimits = {
  // A section's text is at most 3,000 characters.
  messageChars: 3_000,
  // A message holds at most 50 blocks. The text gets 40: the card takes up to 3 (section with fields, context,
  // divider) and each row of components one actions block (rowsPerMessage below), so 40 + 3 + 5 ≤ 50.
  blocksPerMessage: 40,
  instantChars: SLACK_INSTANT_CHARS,
  // A static select lists at most 100 options.
  optionsPerSelect: 100,
  // An actions block holds at most 25 elements.
  buttonsPerRow: 25,
  rowsPerMessage: 5,
  // action_id is at most 255 characters and an option's value at most 150: the core's `actionId:value` kept
  // within 150 fits both wherever the renderer puts the two halves.
  actionIdChars: 150,
  ephemeral: true,
  files: true,
  // chat.postMessage is "special" tier: about 1 message per second per channel with short bursts, and "several
  // hundred per minute" per workspace. DMs are each their own channel, so the workspace bound is the one a fan-out
  // meets: 3 per second (180 a minute) stays well under it, and a burst of 10 covers a few posts at once. A 429
  // still pauses the whole lane for its Retry-After (see src/outboxDispatcher.ts).
  rate: { perSecond: 3, burst: 10 },
};

/** Further Block Kit limits the renderer enforces (it truncates labels; the core never relies on them). */
export const BLOCK_KIT = {
  sectionText: 3_000,
  sectionFields: 10,
  fieldText: 2_000,
  contextElements: 10,
  buttonText: 75,
  optionText: 75,
  optionValue: 150,
  placeholder: 150,
  actionId: 255,
  buttonValue: 2_000,
  blocksPerMessage: 50,
  blocksPerModal: 100,
  modalTitle: 24,
  modalButton: 24,
  inputLabel: 2_000,
  checkboxOptions: 10,
  privateMetadata: 3_000,
  messageText: 40_000,
} as const;

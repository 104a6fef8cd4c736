import fc from "fast-check";
import type { Attachment, Button, Component, Inline, InstantSpan, Message, RichText, Select } from "../../src/message.ts";
import type { PlatformLimits } from "../../src/platformPort.ts";

/** Pieces of text that make splitting hard: spaces, long words, surrogate pairs, combining marks, ZWJ and flag
 *  sequences, fences and the join mark fitMessage uses when paging files. */
export const textPiece: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom("a", "vote ", "Zoë", " ", "-", ".", "ballot", "0", "12 ") },
  { weight: 2, arbitrary: fc.constantFrom("😀", "e\u0301", "👩‍👩‍👧", "🇪🇺", "\t", "```", "↩", "↩1", "`") },
  { weight: 1, arbitrary: fc.integer({ min: 10, max: 90 }).map((n) => "x".repeat(n)) },
  { weight: 1, arbitrary: fc.integer({ min: 2, max: 40 }).map((n) => "e" + "\u0301".repeat(n)) },
);

export const inlineString: fc.Arbitrary<string> = fc.array(textPiece, { maxLength: 12 }).map((p) => p.join(""));

export const instantSpan: fc.Arbitrary<InstantSpan> = fc
  .record({
    at: fc.date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2040-01-01T00:00:00Z"), noInvalidDate: true }),
    zone: fc.constantFrom("UTC", "Europe/Paris", "America/New_York"),
    fixed: fc.boolean(),
  })
  .map(({ at, zone, fixed }) => (fixed ? { kind: "instant", at, zone, fixed } : { kind: "instant", at, zone }));

export const inline: fc.Arbitrary<Inline> = fc.oneof({ weight: 4, arbitrary: inlineString }, { weight: 1, arbitrary: instantSpan });
export const richLine: fc.Arbitrary<Inline[]> = fc.array(inline, { maxLength: 6 });
export const richText = (maxLines = 30): fc.Arbitrary<RichText> => fc.array(richLine, { maxLength: maxLines });

const actionId = fc.constantFrom("vote:cast", "nomination:accept", "nomination:decline", "deadline:ack");
const shortValue = fc.stringMatching(/^[A-Za-z0-9-]{1,12}$/);

export const button: fc.Arbitrary<Button> = fc.record(
  { kind: fc.constant("button" as const), actionId, label: fc.constantFrom("Accept", "Decline", "Vote"), value: shortValue, style: fc.constantFrom("primary" as const, "danger" as const) },
  { requiredKeys: ["kind", "actionId", "label", "value"] },
);

export const select: fc.Arbitrary<Select> = fc.record({
  kind: fc.constant("select" as const),
  actionId,
  placeholder: fc.constantFrom("Choose a candidate", "Rank"),
  options: fc.array(fc.record({ label: inlineString, value: shortValue }), { minLength: 1, maxLength: 30 }),
});

export const component: fc.Arbitrary<Component> = fc.oneof({ weight: 3, arbitrary: button }, { weight: 1, arbitrary: select });

/** A file's text: lines that may be empty, long, end in "↩", with or without a newline at the end. No line holds
 *  "```": Discord and Slack have no escape for it inside a code block (a known limit of paging a file). */
export const attachment: fc.Arbitrary<Attachment> = fc
  .record({
    lines: fc.array(fc.oneof(inlineString.filter((l) => !l.includes("```")), fc.constant(""), fc.integer({ min: 50, max: 400 }).map((n) => "1 2 ".repeat(n))), { maxLength: 40 }),
    finalNewline: fc.boolean(),
  })
  .map(({ lines, finalNewline }) => ({ filename: "e1.blt", mediaType: "text/plain", content: lines.join("\n") + (finalNewline ? "\n" : "") }));

export const message = (maxLines = 30): fc.Arbitrary<Message> =>
  fc.record(
    { text: richText(maxLines), components: fc.array(component, { maxLength: 14 }), attachment },
    { requiredKeys: ["text"] },
  );

/** Small limits, so that splitting happens in almost every case; blocksPerMessage 1 is Discord's shape. */
export const smallLimits: fc.Arbitrary<PlatformLimits> = fc.record({
  messageChars: fc.integer({ min: 40, max: 160 }),
  blocksPerMessage: fc.integer({ min: 1, max: 4 }),
  instantChars: fc.integer({ min: 5, max: 22 }),
  optionsPerSelect: fc.integer({ min: 1, max: 8 }),
  buttonsPerRow: fc.integer({ min: 1, max: 5 }),
  rowsPerMessage: fc.integer({ min: 1, max: 5 }),
  actionIdChars: fc.constant(100),
  ephemeral: fc.boolean(),
  files: fc.boolean(),
  rate: fc.constant({ perSecond: 50, burst: 50 }),
});

/** Discord's published limits (a message of 2,000 characters, 5 rows of 5 buttons, selects of 25, custom_id 100). */
export const DISCORD_LIKE: PlatformLimits = {
  messageChars: 2000,
  blocksPerMessage: 1,
  instantChars: 20,
  optionsPerSelect: 25,
  buttonsPerRow: 5,
  rowsPerMessage: 5,
  actionIdChars: 100,
  ephemeral: true,
  files: false,
  rate: { perSecond: 50, burst: 50 },
};

/** Slack's (3,000 characters per section, 50 blocks, selects of 100, action ids of 255). */
export const SLACK_LIKE: PlatformLimits = {
  messageChars: 3000,
  blocksPerMessage: 50,
  instantChars: 70,
  optionsPerSelect: 100,
  buttonsPerRow: 25,
  rowsPerMessage: 25,
  actionIdChars: 255,
  ephemeral: true,
  files: false,
  rate: { perSecond: 1, burst: 3 },
};

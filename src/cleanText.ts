import { err, ok, type Result } from "./result.ts";

export const MAX_COMMAND_LENGTH = 2000;
/** Longest display name Caucus keeps from a platform profile (Slack allows 80, Discord 32). */
export const MAX_DISPLAY_NAME = 80;

/** Normalises what a member typed: NFC, no control or bidi-override characters, capped length. */
export function cleanText(text: string, max = MAX_COMMAND_LENGTH): Result<string> {
  // Control and format characters (bidi overrides, zero-width joiners outside emoji) can disguise names in lists.
  const cleaned = text
    .normalize("NFC")
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/gu, "")
    .replace(/[\r\n\t]+/g, " ");
  const length = [...cleaned].length;
  if (length > max) return err(`That is ${length.toLocaleString("en")} characters long; the limit is ${max.toLocaleString("en")}. Shorten it and try again.`);
  return ok(cleaned.trim());
}

// What a name may not hide: control (Cc), format (Cf: word joiner, Arabic letter mark, bidi marks), private-use (Co),
// lone surrogates (Cs), unassigned (Cn), line/paragraph separators, and the default-ignorable code points, which
// render as nothing (Hangul fillers U+3164/U+115F/U+1160/U+FFA0, variation selectors, tags), plus the blank braille
// pattern U+2800 that platforms show as empty. Emoji sequences keep their joiners and selectors: they are visible.
const HIDDEN = String.raw`[\p{Cc}\p{Cf}\p{Co}\p{Cs}\p{Cn}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}\u2800]`;
// The `v` flag (RGI_Emoji) is built at run time: Node 20 has it, TypeScript's ES2022 target does not know it.
const EMOJI_OR_HIDDEN = new RegExp(String.raw`(\p{RGI_Emoji})|${HIDDEN}`, "gv");

const codePoint = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;

/** The invisible, control, private-use or filler characters in a text (outside emoji), in order, once each. */
export function hiddenCharacters(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(EMOJI_OR_HIDDEN)) if (m[1] === undefined) found.add(m[0]);
  return [...found];
}

/** A name for something members see in lists (a constituency, a title): one line, printable, not too long. */
export function cleanName(text: string, what: string, max: number): Result<string> {
  const c = cleanText(text, Number.MAX_SAFE_INTEGER);
  if (!c.ok) return c;
  const name = c.value.replace(/\s+/gu, " ");
  if (!name) return err(`The ${what} is empty: give it a name.`);
  const hidden = hiddenCharacters(name);
  // Refused, not stripped: "Youth\u2060" must not quietly become a second "Youth" nor pass for the first.
  if (hidden.length) {
    return err(`The ${what} contains ${hidden.length === 1 ? "an invisible or control character" : "invisible or control characters"} (${hidden.map(codePoint).join(", ")}): type it again with letters, digits, spaces and punctuation only.`);
  }
  if ([...name].length > max) return err(`The ${what} "${[...name].slice(0, 20).join("")}…" is ${[...name].length} characters; keep it to ${max}.`);
  if (!/[\p{L}\p{N}]/u.test(name)) return err(`The ${what} "${name}" has no letters or digits: give it a readable name.`);
  return ok(name);
}

/**
 * A display name as a platform reports it, made safe to show and compare: the same characters a typed name may
 * not hide are removed (a platform name cannot be refused), spaces collapsed, length capped. A name with nothing
 * readable left (only fillers, say) becomes `fallback`, so no member is ever shown as blank.
 */
export function cleanDisplayName(raw: string, fallback: string): string {
  const name = raw
    .normalize("NFC")
    .replace(EMOJI_OR_HIDDEN, (m, emoji: string | undefined) => emoji ?? "")
    .replace(/\s+/gu, " ")
    .trim();
  const capped = [...name].slice(0, MAX_DISPLAY_NAME).join("").trim();
  return /[\p{L}\p{N}\p{So}]/u.test(capped) ? capped : fallback;
}

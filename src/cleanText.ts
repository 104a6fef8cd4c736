import { err, ok, type Result } from "./result.ts";

export const MAX_COMMAND_LENGTH = 2000;

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

/** A name for something members see in lists (a constituency, a title): one line, printable, not too long. */
export function cleanName(text: string, what: string, max: number): Result<string> {
  const c = cleanText(text, Number.MAX_SAFE_INTEGER);
  if (!c.ok) return c;
  const name = c.value.replace(/\s+/gu, " ");
  if (!name) return err(`The ${what} is empty: give it a name.`);
  if ([...name].length > max) return err(`The ${what} "${[...name].slice(0, 20).join("")}…" is ${[...name].length} characters; keep it to ${max}.`);
  if (!/[\p{L}\p{N}]/u.test(name)) return err(`The ${what} "${name}" has no letters or digits: give it a readable name.`);
  return ok(name);
}

import { err, ok, type Result } from "./result.ts";

// Phones and Slack turn straight quotes into curly ones; both mean the same here.
const QUOTES: Record<string, string> = { '"': '"', "“": "”", "”": "”", "'": "'", "‘": "’", "’": "’" };

/** A word of command text; a quoted word is never read as a keyword (`for "Link builders"`). */
export type Word = { text: string; quoted: boolean };

/** Splits command text into words, keeping "quoted phrases" (straight or curly quotes) as one word. */
export function tokenize(text: string): Result<string[]> {
  const words = tokenizeWords(text);
  return words.ok ? { ok: true, value: words.value.map((w) => w.text) } : words;
}

export function tokenizeWords(text: string): Result<Word[]> {
  const out: Word[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/u.test(ch)) {
      i++;
      continue;
    }
    const close = QUOTES[ch];
    // An apostrophe inside a word (O'Brien) is not a quote; only a quote at the start of a word opens one.
    if (close && (ch === '"' || ch === "“" || ch === "”" || ch === "‘")) {
      // “ closes on ” (or a straight "), so an apostrophe inside (“Women’s caucus”) stays part of the name.
      const end = text.slice(i + 1).search(ch === '"' ? /"/ : ch === "‘" ? /’(?=\s|$)/u : /[”"]/u);
      if (end < 0) return err(`A quote opened at character ${i + 1} is never closed: add the closing ${close}.`);
      out.push({ text: text.slice(i + 1, i + 1 + end), quoted: true });
      i += end + 2;
      continue;
    }
    let j = i;
    while (j < text.length && !/\s/u.test(text[j]!)) j++;
    out.push({ text: text.slice(i, j), quoted: false });
    i = j;
  }
  return ok(out);
}

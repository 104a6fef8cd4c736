/**
 * Splits one BLT line into bare words and quoted strings, dropping any `#` comment outside quotes.
 * Quoted strings may escape `"` and `\` with a backslash, and line breaks as \n and \r — an extension
 * so that any name survives a round trip; plain BLT names never contain these.
 */
export type BltToken = { kind: "word"; text: string } | { kind: "string"; text: string };

export function bltLexer(line: string): { ok: true; tokens: BltToken[] } | { ok: false; error: string } {
  const tokens: BltToken[] = [];
  let i = 0;
  while (i < line.length) {
    const ch = line[i]!;
    if (ch === "#") break;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '"') {
      let text = "";
      i++;
      for (;;) {
        if (i >= line.length) return { ok: false, error: "quoted text is missing its closing quote" };
        const c = line[i]!;
        if (c === '"') break;
        if (c === "\\" && i + 1 < line.length) {
          const next = line[i + 1]!;
          const decoded = next === "n" ? "\n" : next === "r" ? "\r" : next === '"' || next === "\\" ? next : undefined;
          if (decoded !== undefined) {
            text += decoded;
            i += 2;
            continue;
          }
        }
        text += c;
        i++;
      }
      i++; // the closing quote
      tokens.push({ kind: "string", text });
      continue;
    }
    let word = "";
    while (i < line.length && !/\s/.test(line[i]!) && line[i] !== "#" && line[i] !== '"') word += line[i++];
    tokens.push({ kind: "word", text: word });
  }
  return { ok: true, tokens };
}

/** The inverse of the lexer's string rule. */
export function quoteBltString(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n").replace(/\r/g, "\\r")}"`;
}

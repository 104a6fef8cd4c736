import { assertNever } from "./assertNever.ts";
import type { Button, Component, Inline, Message, RichText, Select } from "./message.ts";
import type { PlatformLimits } from "./platformPort.ts";

// How a message is measured and laid out, so the core and every adapter agree (one source of truth):
// - Length: a string counts its UTF-16 code units (never fewer than the characters Discord or Slack count), an
//   instant counts `limits.instantChars`, lines of one block are joined by "\n" (one character each).
// - Blocks: `textBlocks` packs whole lines greedily into blocks of at most `messageChars`. Slack renders each block
//   as one section (≤ 3,000 chars, ≤ 50 per message); Discord declares one block per message and sends it as the
//   content (≤ 2,000 chars).
// - Rows: `componentRows` fills rows with consecutive buttons, `buttonsPerRow` each; a select has a row to itself.
// - Parts: a message that needs N > 1 messages starts every part with the line "(k/N)", padded with spaces to one
//   width so that re-measuring a part gives the layout it was built with.
// - Attachment: where the platform takes files it rides on the first part; elsewhere its lines are paged into
//   code blocks after the text, each code block inside one block, with a line saying how to reassemble the file.
// - Components follow the text, on the last part; rows that do not fit go to further parts.
// - Card: rides on the first part, outside the text's blocks: platforms show it apart (Slack reserves blocks for it,
//   Discord an embed; text-only platforms print it before the text and declare no limits to split for).
// Not modelled: characters an adapter adds when escaping (Slack's &amp;), label and placeholder lengths, and
// Slack counting action rows among its 50 blocks; a file line holding ``` closes a code block early on both
// platforms, which have no escape for it (the text still carries it).

const FENCE = "```";
/** "```" + "\n" before a page's lines and "\n" + "```" after them. */
const PAGE_OVERHEAD = 2 * (FENCE.length + 1);
/** Ends a piece of a file line too long for one code block; a digit is added if a line of the file ends so. */
const JOIN_MARK = "↩";

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

export function lineLength(line: readonly Inline[], limits: PlatformLimits): number {
  let n = 0;
  for (const part of line) n += typeof part === "string" ? part.length : limits.instantChars;
  return n;
}

/** The blocks an adapter renders a message's text as: whole lines, greedily, each block at most `messageChars`. */
export function textBlocks(text: RichText, limits: PlatformLimits): RichText[] {
  const blocks: RichText[] = [];
  let used = -1;
  for (const line of text) {
    const len = lineLength(line, limits);
    const open = blocks.at(-1);
    if (open && used + 1 + len <= limits.messageChars) {
      open.push(line);
      used += 1 + len;
    } else {
      blocks.push([line]);
      used = len;
    }
  }
  return blocks;
}

/** The rows an adapter renders components as: consecutive buttons share rows of `buttonsPerRow`; a select is alone. */
export function componentRows(components: readonly Component[], limits: PlatformLimits): Component[][] {
  const rows: Component[][] = [];
  let buttons: Button[] | null = null;
  for (const c of components) {
    switch (c.kind) {
      case "button":
        if (!buttons || buttons.length >= limits.buttonsPerRow) rows.push((buttons = []));
        buttons.push(c);
        break;
      case "select":
        rows.push([c]);
        buttons = null;
        break;
      default:
        assertNever(c, "component");
    }
  }
  return rows;
}

/**
 * Throws where a component's action id and value, packed as `actionId:value` (Discord's custom_id), exceed the
 * platform: the core chooses these ids, so an overlong one is a bug, not a member's mistake. Call it where a
 * component is built to fail early; `fitMessage` calls it on every component it is given.
 */
export function checkComponent(c: Component, limits: PlatformLimits): void {
  const values = c.kind === "button" ? [c.value] : c.options.length ? c.options.map((o) => o.value) : [""];
  for (const value of values) {
    const id = `${c.actionId}:${value}`;
    if (id.length > limits.actionIdChars)
      throw new Error(
        `The ${c.kind} id "${id.length > 60 ? id.slice(0, 60) + "…" : id}" is ${id.length} characters (action id + ":" + value); ` +
          `this platform carries at most ${limits.actionIdChars}. Give it a shorter value, such as an id instead of a name.`,
      );
  }
}

/** Whether a message goes as it is: text in `blocksPerMessage` blocks, components in rows, no file where none fits. */
export function fitsLimits(message: Message, limits: PlatformLimits): boolean {
  if (message.attachment && !limits.files) return false;
  const blocks = textBlocks(message.text, limits);
  if (blocks.length > limits.blocksPerMessage) return false;
  if (blocks.some((b) => b.reduce((n, l) => n + lineLength(l, limits), b.length - 1) > limits.messageChars)) return false;
  const components = message.components ?? [];
  if (components.some((c) => c.kind === "select" && c.options.length > limits.optionsPerSelect)) return false;
  return componentRows(components, limits).length <= limits.rowsPerMessage;
}

/**
 * Splits a message into as few messages as the platform's limits allow (see the model at the top of this file).
 * A message that already fits comes back unchanged, as the only element. Throws on a component id the platform
 * cannot carry (see checkComponent) and on limits too small to hold a part marker and one character.
 */
export function fitMessage(message: Message, limits: PlatformLimits): Message[] {
  checkLimits(limits);
  for (const c of message.components ?? []) checkComponent(c, limits);
  if (fitsLimits(message, limits)) return [message];
  const whole = textChars(message, limits) <= limits.messageChars * limits.blocksPerMessage ? layout(message, limits, 0) : [];
  if (whole.length === 1) return whole;
  // The "(k/N)" marker is as wide as N's digits; widen it until the count it gives has no more digits.
  for (let digits = 1; ; digits++) {
    const parts = layout(message, limits, digits);
    if (parts.length === 1) {
      // Lines cut to leave room for a marker can fit one part where lines cut to the full width did not: then
      // it is one message, cut the same way, and a "(1/1)" would announce a split that is not there.
      const unmarked = layout(message, limits, 0, digits);
      if (unmarked.length === 1) return unmarked;
    }
    if (String(parts.length).length <= digits) return parts;
  }
}

/** At least the characters of the text as sent (paged file included), to skip a layout bound to need parts. */
function textChars(message: Message, limits: PlatformLimits): number {
  const file = message.attachment && !limits.files ? message.attachment.content.length : 0;
  return message.text.reduce((n, l) => n + lineLength(l, limits), 0) + file;
}

function checkLimits(limits: PlatformLimits): void {
  const counts = [limits.messageChars, limits.blocksPerMessage, limits.optionsPerSelect, limits.buttonsPerRow, limits.rowsPerMessage];
  if (!counts.every((n) => Number.isSafeInteger(n) && n >= 1) || !(limits.instantChars >= 0))
    throw new Error(`Platform limits must be positive whole numbers: ${JSON.stringify(limits)}`);
}

type Draft = { lines: Inline[][]; blocks: number; used: number; components: Component[] };

/** Lays the message out with a part marker `digits` wide (0: no marker; then more than one part is discarded),
 *  cutting long lines as for a marker `cutAs` digits wide. */
function layout(message: Message, limits: PlatformLimits, digits: number, cutAs = digits): Message[] {
  const cap = limits.messageChars;
  const markerWidth = digits === 0 ? 0 : 3 + 2 * digits;
  // Any line fits the first block of a part, after the marker.
  const lineCap = cutAs === 0 ? cap : cap - (3 + 2 * cutAs) - 1;
  if (lineCap < Math.max(2, limits.instantChars))
    throw new Error(`Platform limits too small: ${cap} characters per message cannot hold a part marker and an instant of ${limits.instantChars}.`);

  const drafts: Draft[] = [];
  const startPart = (): Draft => {
    const d: Draft = { lines: [], blocks: 0, used: -1, components: [] };
    if (markerWidth) Object.assign(d, { lines: [[""]], blocks: 1, used: markerWidth });
    drafts.push(d);
    return d;
  };
  let cur = startPart();
  // Exactly textBlocks' greedy rule, plus a new part when the blocks run out.
  const addLine = (line: Inline[]): void => {
    const len = lineLength(line, limits);
    if (cur.used >= 0 && cur.used + 1 + len <= cap) cur.used += 1 + len;
    else if (cur.blocks < limits.blocksPerMessage) {
      cur.blocks += 1;
      cur.used = len;
    } else {
      cur = startPart();
      return addLine(line);
    }
    cur.lines.push(line);
  };

  for (const line of message.text) for (const piece of splitLine(line, lineCap, limits)) addLine(piece);

  if (message.attachment && !limits.files) {
    const { filename, content } = message.attachment;
    const lines = content.split("\n");
    const finalNewline = lines.length > 1 && lines.at(-1) === "";
    if (finalNewline) lines.pop();
    let pieceCap = lineCap - PAGE_OVERHEAD;
    const mark = lines.some((l) => l.length > pieceCap) ? joinMark(lines) : "";
    pieceCap -= mark.length;
    if (pieceCap < 2) throw new Error(`Platform limits too small: ${cap} characters per message cannot hold a page of a file.`);
    const pieces = lines.flatMap((l) => {
      const parts = splitLine([l], pieceCap, limits).map((p) => p.join(""));
      return parts.map((p, i) => (i < parts.length - 1 ? p + mark : p));
    });
    const how =
      `The file ${filename} (${lines.length.toLocaleString("en")} lines) follows in code blocks: save the lines inside them, in order, as ${filename}.` +
      (mark ? ` A line ending in ${mark} goes on in the next line: join the two, dropping the ${mark}.` : "") +
      (finalNewline ? "" : " The file has no newline at its end.");
    for (const piece of splitLine([how], lineCap, limits)) addLine(piece);

    for (let i = 0; i < pieces.length; ) {
      const pageStartsHere = cur.used + 1 + PAGE_OVERHEAD + pieces[i]!.length <= cap;
      if (!pageStartsHere && cur.blocks >= limits.blocksPerMessage) cur = startPart();
      else if (!pageStartsHere && cur.used >= 0 && cur.used + 1 + FENCE.length <= cap) {
        // The page goes to a new block, but greedy packing would pull its opening fence into this one: pad the
        // line before it (ours: the reassembly line or the last closing fence) with spaces until it cannot.
        const last = cur.lines.at(-1)!;
        const pad = cap - FENCE.length - cur.used;
        cur.lines[cur.lines.length - 1] = [...last, " ".repeat(pad)];
        cur.used += pad;
      }
      addLine([FENCE]);
      addLine([pieces[i++]!]);
      while (i < pieces.length && cur.used + 1 + pieces[i]!.length + 1 + FENCE.length <= cap) addLine([pieces[i++]!]);
      addLine([FENCE]);
    }
  }

  const rows = componentRows(splitSelects(message.components ?? [], limits), limits);
  for (let r = 0; r < rows.length; r += limits.rowsPerMessage) {
    if (r > 0) cur = startPart();
    cur.components = rows.slice(r, r + limits.rowsPerMessage).flat();
  }

  return drafts.map((d, k) => {
    const text = markerWidth ? [[`(${k + 1}/${drafts.length})`.padEnd(markerWidth)], ...d.lines.slice(1)] : d.lines;
    const part: Message = { text };
    if (k === 0 && message.card) part.card = message.card;
    if (d.components.length) part.components = d.components;
    if (k === 0 && message.attachment && limits.files) part.attachment = message.attachment;
    return part;
  });
}

/** A select with more options than the platform shows becomes several, "(1–25)", "(26–50)", with one action id. */
function splitSelects(components: readonly Component[], limits: PlatformLimits): Component[] {
  return components.flatMap((c): Component[] => {
    if (c.kind !== "select" || c.options.length <= limits.optionsPerSelect) return [c];
    const selects: Select[] = [];
    for (let i = 0; i < c.options.length; i += limits.optionsPerSelect) {
      const options = c.options.slice(i, i + limits.optionsPerSelect);
      selects.push({ ...c, placeholder: `${c.placeholder} (${i + 1}–${i + options.length})`, options });
    }
    return selects;
  });
}

/**
 * Pieces of a line, each at most `cap` long: broken after a space where one falls in the piece, else between
 * graphemes, else (a grapheme longer than a piece) between code points; never inside a surrogate pair or an instant.
 */
function splitLine(line: Inline[], cap: number, limits: PlatformLimits): Inline[][] {
  if (lineLength(line, limits) <= cap) return [line];
  type Atom = { part: number; value: Inline; len: number; breakAfter: boolean };
  const atoms: Atom[] = [];
  line.forEach((p, part) => {
    if (typeof p !== "string") {
      atoms.push({ part, value: p, len: limits.instantChars, breakAfter: false });
      return;
    }
    for (const segment of graphemesOf(p))
      for (const unit of segment.length <= cap ? [segment] : Array.from(segment))
        atoms.push({ part, value: unit, len: unit.length, breakAfter: /\s/.test(unit) });
  });

  const pieces: Inline[][] = [];
  for (let start = 0; start < atoms.length; ) {
    let end = start;
    let len = 0;
    let wordEnd = -1;
    while (end < atoms.length && len + atoms[end]!.len <= cap) {
      len += atoms[end]!.len;
      if (atoms[end]!.breakAfter) wordEnd = end + 1;
      end++;
    }
    if (end < atoms.length && wordEnd > start) end = wordEnd;
    pieces.push(joinAtoms(atoms.slice(start, end)));
    start = end;
  }
  return pieces;
}

/**
 * The graphemes of a string. Node's Intl.Segmenter is quadratic on long strings, so it runs on slices of about
 * 256 code units cut just before an ASCII character (always a grapheme boundary, but after a CR or a rare
 * prepended mark); a slice with no ASCII for 512 units is cut between code points. Printable ASCII needs none.
 */
function graphemesOf(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; ) {
    let j = Math.min(s.length, i + 256);
    while (j < s.length && j < i + 512 && !(s.charCodeAt(j) < 0x80 && s[j - 1] !== "\r")) j++;
    if (j < s.length && /[\uDC00-\uDFFF]/.test(s[j]!) && /[\uD800-\uDBFF]/.test(s[j - 1]!)) j++;
    const slice = s.slice(i, j);
    if (/^[\x20-\x7e\t]*$/.test(slice)) out.push(...slice);
    else for (const { segment } of graphemes.segment(slice)) out.push(segment);
    i = j;
  }
  return out;
}

/** Atoms back into inline parts: consecutive characters of one string part form one string again. */
function joinAtoms(atoms: { part: number; value: Inline }[]): Inline[] {
  const parts: Inline[] = [];
  let lastPart = -1;
  for (const a of atoms) {
    const prev = parts.at(-1);
    if (typeof a.value === "string" && typeof prev === "string" && a.part === lastPart) parts[parts.length - 1] = prev + a.value;
    else parts.push(a.value);
    lastPart = a.part;
  }
  return parts;
}

/** "↩", or "↩1", "↩2"… if a line of the file itself ends with "↩": no line may end with the mark by chance. */
function joinMark(lines: readonly string[]): string {
  const taken = new Set<number>();
  for (const l of lines) {
    const at = l.lastIndexOf(JOIN_MARK);
    if (at < 0) continue;
    const rest = l.slice(at + JOIN_MARK.length);
    if (rest === "") taken.add(0);
    else if (/^[1-9]\d{0,9}$/.test(rest)) taken.add(Number(rest));
  }
  let k = 0;
  while (taken.has(k)) k++;
  return JOIN_MARK + (k ? String(k) : "");
}

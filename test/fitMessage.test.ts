import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkComponent, componentRows, fitMessage, fitsLimits, lineLength, textBlocks } from "../src/fitMessage.ts";
import { localInstant, type Component, type Inline, type Message, type RichText } from "../src/message.ts";
import { UNLIMITED, type PlatformLimits } from "../src/platformPort.ts";
import { formatBlt } from "../src/tally/formatBlt.ts";
import { parseBlt } from "../src/tally/parseBlt.ts";
import { DISCORD_LIKE, message, SLACK_LIKE, smallLimits } from "./support/messageArbitraries.ts";

// ---- Reading parts back the way a member (or a recount script) would, independently of fitMessage's internals.

const plain = (line: readonly Inline[]) => line.map((p) => (typeof p === "string" ? p : "\u0000")).join("");
const isFence = (line: readonly Inline[]) => line.length > 0 && plain(line).trimEnd() === "```";

/** Adjacent strings merged and empty strings dropped: two lines with equal content compare equal. */
function normalise(line: readonly Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const p of line) {
    if (p === "") continue;
    const prev = out.at(-1);
    if (typeof p === "string" && typeof prev === "string") out[out.length - 1] = prev + p;
    else out.push(p);
  }
  return out;
}

type Tagged = { line: Inline[]; part: number; block: number };

/** Every line of every part with the part and block it is in, the "(k/N)" markers checked and left out. */
function linesOf(parts: Message[], limits: PlatformLimits): Tagged[] {
  const out: Tagged[] = [];
  parts.forEach((m, part) => {
    textBlocks(m.text, limits).forEach((lines, block) =>
      lines.forEach((line, i) => {
        if (parts.length > 1 && block === 0 && i === 0) {
          expect(plain(line).trimEnd()).toBe(`(${part + 1}/${parts.length})`);
          return;
        }
        out.push({ line, part, block });
      }),
    );
  });
  return out;
}

/** Consumes the input's lines from the parts' lines: each input line is one output line or several in a row
 *  whose concatenation it is. Returns what is left over (the paged file, if any). */
function consumeText(input: RichText, lines: Tagged[]): Tagged[] {
  let at = 0;
  for (const [n, want] of input.entries()) {
    const target = normalise(want);
    let got: Inline[] = [];
    do {
      const next = lines[at++];
      if (!next) throw new Error(`input line ${n} is missing from the output`);
      if (target.length > 0) expect(normalise(next.line), `no empty piece of input line ${n}`).not.toEqual([]);
      got = normalise([...got, ...next.line]);
    } while (!sameLine(got, target) && isPrefix(got, target));
    expect(got, `input line ${n}`).toEqual(target);
  }
  return lines.slice(at);
}
const sameLine = (a: Inline[], b: Inline[]) => JSON.stringify(a) === JSON.stringify(b);
function isPrefix(a: Inline[], b: Inline[]): boolean {
  if (a.length > b.length) return false;
  return a.every((p, i) => (i === a.length - 1 && typeof p === "string" && typeof b[i] === "string" ? (b[i] as string).startsWith(p) : sameLine([p], [b[i]!])));
}

/** The file as a member saves it: the reassembly sentence, then the lines inside the code blocks, joined at marks. */
function recoverFile(rest: Tagged[]): { content: string; how: string } {
  const firstFence = rest.findIndex((t) => isFence(t.line));
  const how = rest.slice(0, firstFence).map((t) => plain(t.line)).join("").trimEnd();
  const mark = /A line ending in (\S+) goes on/.exec(how)?.[1];
  const lines: string[] = [];
  let open: Tagged | null = null;
  for (const t of rest.slice(firstFence)) {
    if (isFence(t.line)) {
      if (open) expect([t.part, t.block], "a code block stays inside one block").toEqual([open.part, open.block]);
      open = open ? null : t;
    } else {
      expect(open, "every file line is inside a code block").not.toBeNull();
      lines.push(plain(t.line));
    }
  }
  expect(open).toBeNull();
  const joined: string[] = [];
  let carry = "";
  for (const l of lines) {
    if (mark && l.endsWith(mark)) carry += l.slice(0, -mark.length);
    else joined.push(carry + l), (carry = "");
  }
  return { content: joined.join("\n") + (how.includes("no newline at its end") ? "" : "\n"), how };
}

/** Every limit, checked without fitMessage's own fitsLimits. */
function expectFits(m: Message, limits: PlatformLimits) {
  const blocks = textBlocks(m.text, limits);
  expect(blocks.flat()).toEqual(m.text);
  expect(blocks.length).toBeLessThanOrEqual(limits.blocksPerMessage);
  for (const b of blocks) expect(b.map((l) => lineLength(l, limits)).reduce((x, y) => x + y, 0) + b.length - 1).toBeLessThanOrEqual(limits.messageChars);
  if (limits.blocksPerMessage === 1) expect(m.text.map((l) => l.map((p) => (typeof p === "string" ? p : "x".repeat(limits.instantChars))).join("")).join("\n").length).toBeLessThanOrEqual(limits.messageChars);
  const rows = componentRows(m.components ?? [], limits);
  expect(rows.length).toBeLessThanOrEqual(limits.rowsPerMessage);
  for (const row of rows) {
    expect(row.length).toBeLessThanOrEqual(row[0]?.kind === "select" ? 1 : limits.buttonsPerRow);
    for (const c of row) if (c.kind === "select") expect(c.options.length).toBeLessThanOrEqual(limits.optionsPerSelect);
  }
  if (!limits.files) expect(m.attachment).toBeUndefined();
  for (const p of m.text.flat()) if (typeof p === "string") expect(p).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  expect(fitsLimits(m, limits)).toBe(true);
}

const flatComponents = (cs: readonly Component[]) =>
  cs.flatMap((c) => (c.kind === "button" ? [`button ${c.actionId}:${c.value} ${c.label}`] : c.options.map((o) => `option ${c.actionId}:${o.value} ${o.label}`)));

const text = (...lines: string[]): RichText => lines.map((l) => [l]);

// ---- Named cases

describe("fitMessage", () => {
  it("returns a message that fits as it is, the same object", () => {
    const m: Message = { text: text("Deadline set."), components: [{ kind: "button", actionId: "deadline:ack", label: "Got it", value: "D1" }] };
    expect(fitMessage(m, DISCORD_LIKE)[0]).toBe(m);
    expect(fitMessage(m, UNLIMITED)).toEqual([m]);
  });

  it("sends one part without a (1/1) marker when lines cut to leave room for a marker make it fit (fast-check seed -1298922275)", () => {
    // 103 characters, two blocks, no files: the paged-file sentence cut at 103 needs three blocks, cut at 97 two.
    const limits: PlatformLimits = { ...UNLIMITED, messageChars: 103, blocksPerMessage: 2, instantChars: 5, files: false };
    const parts = fitMessage({ text: [[]], attachment: { filename: "e1.blt", mediaType: "text/plain", content: "" } }, limits);
    expect(parts).toHaveLength(1);
    expectFits(parts[0]!, limits);
    expect(JSON.stringify(parts[0]!.text)).not.toContain("(1/1)");
    expect(parts[0]!.text.flat().join("")).toContain("The file e1.blt (1 lines) follows in code blocks");
  });

  it("splits a 300-entry audit log at line boundaries into 2,000-character Discord messages marked (k/N)", () => {
    const lines = Array.from({ length: 300 }, (_, i) => `#${i + 1} vote_cast 2026-03-0${(i % 9) + 1} hash ${"ab".repeat(16)}`);
    const parts = fitMessage({ text: text("✅ Audit log of E1: 300 entries, chain intact.", ...lines) }, DISCORD_LIKE);
    expect(parts.length).toBeGreaterThan(9);
    parts.forEach((p, k) => {
      expectFits(p, DISCORD_LIKE);
      expect(p.text[0]).toEqual([`(${k + 1}/${parts.length})`.padEnd(7)]);
      // As few as fit: the next part's first line would not have gone on this one.
      const next = parts[k + 1]?.text[1];
      if (next) expect(p.text.map(plain).join("\n").length + 1 + plain(next).length).toBeGreaterThan(2000);
    });
    expect(parts.flatMap((p) => p.text.slice(1))).toEqual(text("✅ Audit log of E1: 300 entries, chain intact.", ...lines));
  });

  it("pads a part marker to the width of the largest, so every part measures as it was built", () => {
    const parts = fitMessage({ text: text(...Array.from({ length: 40 }, (_, i) => `line ${i} ${"y".repeat(20)}`)) }, { ...DISCORD_LIKE, messageChars: 80 });
    expect(parts.length).toBeGreaterThanOrEqual(10);
    expect(parts[0]!.text[0]).toEqual([`(1/${parts.length})`.padEnd(3 + 2 * String(parts.length).length)]);
    expect(parts.at(-1)!.text[0]).toEqual([`(${parts.length}/${parts.length})`]);
  });

  it("breaks a 5,000-character line after a space", () => {
    const long = Array.from({ length: 1000 }, (_, i) => `w${i % 10}xy`).join(" ");
    const parts = fitMessage({ text: [[long]] }, DISCORD_LIKE);
    expect(parts).toHaveLength(3);
    const pieces = parts.flatMap((p) => p.text.slice(1).map(plain));
    expect(pieces.join("")).toBe(long);
    for (const piece of pieces.slice(0, -1)) expect(piece.endsWith(" ")).toBe(true);
  });

  it("breaks a word longer than a message between characters, never inside a surrogate pair or a ZWJ family", () => {
    const limits = { ...DISCORD_LIKE, messageChars: 30, instantChars: 5 };
    for (const glyph of ["😀", "👩‍👩‍👧", "e\u0301"]) {
      const word = glyph.repeat(40);
      const pieces = fitMessage({ text: [[word]] }, limits).flatMap((p) => p.text.slice(1).map(plain));
      expect(pieces.join("")).toBe(word);
      for (const piece of pieces) expect(piece.split(glyph).every((s) => s === "")).toBe(true);
    }
  });

  it("keeps graphemes whole in a line of 2,000 accented letters (segmented in slices)", () => {
    const word = "e\u0301".repeat(2000);
    const pieces = fitMessage({ text: [[word]] }, DISCORD_LIKE).flatMap((p) => p.text.slice(1).map(plain));
    expect(pieces.join("")).toBe(word);
    for (const piece of pieces) expect(piece).toMatch(/^(e\u0301)+$/);
  });

  it("splits one grapheme longer than a message between code points", () => {
    const zalgo = "e" + "\u0301".repeat(100);
    const parts = fitMessage({ text: [[zalgo]] }, { ...DISCORD_LIKE, messageChars: 40 });
    expect(parts.flatMap((p) => p.text.slice(1).map(plain)).join("")).toBe(zalgo);
    for (const p of parts) expectFits(p, { ...DISCORD_LIKE, messageChars: 40 });
  });

  it("never splits an instant, and counts it at the platform's longest rendering", () => {
    const at = localInstant(new Date("2026-03-08T07:30:00Z"), "America/New_York");
    const line: Inline[] = ["Closes ", at, " — ".repeat(10), at, " and again ", at];
    const limits = { ...DISCORD_LIKE, messageChars: 60, instantChars: 30 };
    expect(lineLength(line, limits)).toBe(7 + 30 + 30 + 30 + 11 + 30);
    const parts = fitMessage({ text: [line] }, limits);
    expect(parts.flatMap((p) => p.text.slice(1).flat()).filter((p) => typeof p !== "string")).toEqual([at, at, at]);
    for (const p of parts) expectFits(p, limits);
  });

  it("fills Slack's sections: 50 blocks of 3,000 characters in one message before a second", () => {
    const lines = text(...Array.from({ length: 4000 }, (_, i) => `ballot ${i}: ${"1 2 3 ".repeat(5)}`));
    const parts = fitMessage({ text: lines }, SLACK_LIKE);
    expect(parts).toHaveLength(2);
    expect(textBlocks(parts[0]!.text, SLACK_LIKE)).toHaveLength(50);
    for (const p of parts) expectFits(p, SLACK_LIKE);
  });

  it("splits a select of 60 candidates into selects of 25, 25 and 10 with one action id", () => {
    const options = Array.from({ length: 60 }, (_, i) => ({ label: `Candidate ${i + 1}`, value: String(i + 1) }));
    const [m, ...more] = fitMessage({ text: text("Rank the candidates"), components: [{ kind: "select", actionId: "vote:cast", placeholder: "Choose", options }] }, DISCORD_LIKE);
    expect(more).toEqual([]);
    expect(m!.components!.map((c) => (c.kind === "select" ? [c.actionId, c.placeholder, c.options.length] : c.kind))).toEqual([
      ["vote:cast", "Choose (1–25)", 25],
      ["vote:cast", "Choose (26–50)", 25],
      ["vote:cast", "Choose (51–60)", 10],
    ]);
  });

  it("wraps 30 buttons into rows of 5 and moves the sixth row to a continuation message", () => {
    const buttons: Component[] = Array.from({ length: 30 }, (_, i) => ({ kind: "button", actionId: "vote:cast", label: `C${i}`, value: String(i) }));
    const parts = fitMessage({ text: text("Approve any number of candidates"), components: buttons }, DISCORD_LIKE);
    expect(parts.map((p) => [p.text.map(plain), p.components?.length])).toEqual([
      [["(1/2)", "Approve any number of candidates"], 25],
      [["(2/2)"], 5],
    ]);
    expect(componentRows(parts[0]!.components!, DISCORD_LIKE).map((r) => r.length)).toEqual([5, 5, 5, 5, 5]);
  });

  it("puts a select on a row of its own between buttons", () => {
    const b = (v: string): Component => ({ kind: "button", actionId: "a", label: v, value: v });
    const s: Component = { kind: "select", actionId: "s", placeholder: "p", options: [{ label: "x", value: "x" }] };
    expect(componentRows([b("1"), b("2"), s, b("3")], DISCORD_LIKE).map((r) => r.map((c) => c.kind))).toEqual([["button", "button"], ["select"], ["button"]]);
  });

  it("keeps components on the last message of the text", () => {
    const parts = fitMessage(
      { text: text(...Array.from({ length: 100 }, (_, i) => `Nominee ${i} ${"z".repeat(40)}`)), components: [{ kind: "button", actionId: "nomination:accept", label: "Accept", value: "E1" }] },
      DISCORD_LIKE,
    );
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.map((p) => p.components?.length ?? 0)).toEqual([...parts.slice(1).map(() => 0), 1]);
  });

  it("throws, naming the id, when an action id and value exceed Discord's 100-character custom_id", () => {
    const c: Component = { kind: "button", actionId: "nomination:accept", label: "Accept", value: "E".repeat(83) };
    expect(() => checkComponent(c, DISCORD_LIKE)).toThrow(/"nomination:accept:E+…" is 101 characters .*at most 100\./);
    expect(() => fitMessage({ text: text("x"), components: [c] }, DISCORD_LIKE)).toThrow(/101 characters/);
    expect(() => checkComponent({ ...c, value: "E".repeat(82) }, DISCORD_LIKE)).not.toThrow();
    const sel: Component = { kind: "select", actionId: "vote:cast", placeholder: "p", options: [{ label: "ok", value: "1" }, { label: "long", value: "9".repeat(95) }] };
    expect(() => checkComponent(sel, DISCORD_LIKE)).toThrow(/select id "vote:cast:9+…" is 105/);
  });

  it("throws on limits too small to hold a part marker and an instant", () => {
    expect(() => fitMessage({ text: text("a".repeat(50)) }, { ...DISCORD_LIKE, messageChars: 8, instantChars: 5 })).toThrow(/too small/);
    expect(() => fitMessage({ text: text("a") }, { ...DISCORD_LIKE, rowsPerMessage: 0 })).toThrow(/positive whole numbers/);
  });

  it("leaves a file on the first message where the platform takes files", () => {
    const file = { filename: "e1.blt", mediaType: "text/plain", content: "2 1\n1 1 2 0\n0\n\"A\"\n\"B\"\n" };
    const limits = { ...DISCORD_LIKE, files: true, messageChars: 50 };
    const parts = fitMessage({ text: text(...Array.from({ length: 5 }, (_, i) => `Ballots part ${i} ${"q".repeat(20)}`)), attachment: file }, limits);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.map((p) => p.attachment)).toEqual([file, ...parts.slice(1).map(() => undefined)]);
  });

  it("pages a file into code blocks where the platform takes none, with how to reassemble it", () => {
    const file = { filename: "e2.blt", mediaType: "text/plain", content: "2 1\n1 1 2 0\n0\n\"Ada\"\n\"Bea\"\n" };
    const [m, ...more] = fitMessage({ text: text("Anonymised ballots of E2"), attachment: file }, DISCORD_LIKE);
    expect(more).toEqual([]);
    expect(m!.text.map(plain)).toEqual([
      "Anonymised ballots of E2",
      "The file e2.blt (5 lines) follows in code blocks: save the lines inside them, in order, as e2.blt.",
      "```",
      ...file.content.trimEnd().split("\n"),
      "```",
    ]);
    expect(m!.attachment).toBeUndefined();
  });

  it("splits a file line longer than a code block at a mark, ↩1 if the file's own lines end in ↩", () => {
    const long = Array.from({ length: 1500 }, (_, i) => i + 1).join(" ");
    for (const [content, mark] of [
      [`1 1\n${long}\nends in ↩\n`, "↩1"],
      [`1 1\n${long}\nplain`, "↩"],
    ] as const) {
      const parts = fitMessage({ text: [], attachment: { filename: "f.txt", mediaType: "text/plain", content } }, DISCORD_LIKE);
      const rest = consumeText([], linesOf(parts, DISCORD_LIKE));
      const got = recoverFile(rest);
      expect(got.how).toContain(`A line ending in ${mark} goes on in the next line`);
      expect(got.content).toBe(content);
      for (const p of parts) expectFits(p, DISCORD_LIKE);
    }
  });

  it("says so when a file has no newline at its end", () => {
    const [m] = fitMessage({ text: [], attachment: { filename: "x.txt", mediaType: "text/plain", content: "a\nb" } }, DISCORD_LIKE);
    expect(plain(m!.text[0]!)).toMatch(/\(2 lines\).*The file has no newline at its end\.$/);
  });

  it("starts a code block in a new section, not after an opening fence squeezed into a full one", () => {
    // Room for "```" but not a page after the reassembly line: the line is padded so Slack's greedy sections agree.
    const limits = { ...SLACK_LIKE, messageChars: 120, blocksPerMessage: 3 };
    const how = "The file f.txt (3 lines) follows in code blocks: save the lines inside them, in order, as f.txt.";
    const file = { filename: "f.txt", mediaType: "text/plain", content: `${"a".repeat(20)}\nb\nc\n` };
    const [m, ...more] = fitMessage({ text: text("x".repeat(10)), attachment: file }, limits);
    expect(more).toEqual([]);
    const blocks = textBlocks(m!.text, limits).map((b) => b.map(plain));
    expect(blocks).toEqual([["x".repeat(10), how + " ".repeat(120 - 3 - 11 - how.length)], ["```", "a".repeat(20), "b", "c", "```"]]);
  });

  it("delivers a 5,000-ballot BLT file whole under Discord's limits without files", () => {
    const candidates = Array.from({ length: 12 }, (_, i) => `Candidate ${String.fromCharCode(65 + i)}`);
    const ballots = Array.from({ length: 5000 }, (_, b) => ({
      weight: 1,
      prefs: Array.from({ length: 1 + (b % 12) }, (_, r) => (b * 7 + r * 5) % 12).filter((c, i, a) => a.indexOf(c) === i),
    }));
    const blt = formatBlt({ title: "Youth council 2026", candidates, seats: 3, ballots });
    const intro: RichText = [["Anonymised ballots of E7 in BLT format (random order, no voter information). Tie-break seed: 4f1c"]];
    const parts = fitMessage({ text: intro, attachment: { filename: "e7.blt", mediaType: "text/plain", content: blt } }, DISCORD_LIKE);

    for (const p of parts) expectFits(p, DISCORD_LIKE);
    const got = recoverFile(consumeText(intro, linesOf(parts, DISCORD_LIKE)));
    expect(got.content).toBe(blt);
    expect(parseBlt(got.content).ok).toBe(true);
    // Close to the fewest: only fences, markers and line ends that do not fit are spent.
    expect(blt.length).toBeGreaterThan(70_000);
    expect(parts.length).toBeLessThanOrEqual(Math.ceil(blt.length / (2000 - 60)) + 1);

    const slack = fitMessage({ text: intro, attachment: { filename: "e7.blt", mediaType: "text/plain", content: blt } }, SLACK_LIKE);
    expect(slack.length).toBeLessThan(parts.length / 20);
    expect(recoverFile(consumeText(intro, linesOf(slack, SLACK_LIKE))).content).toBe(blt);
  });
});

// ---- Properties

describe("fitMessage properties", () => {
  const runs = { numRuns: 200 };

  it("every part fits every limit", () => {
    fc.assert(fc.property(message(), smallLimits, (m, limits) => fitMessage(m, limits).forEach((p) => expectFits(p, limits))), runs);
  });

  it("the parts' lines, without the (k/N) markers, are the input's lines in order (long ones in pieces)", () => {
    fc.assert(
      fc.property(message(), smallLimits, (m, limits) => {
        const rest = consumeText(m.text, linesOf(fitMessage(m, limits), limits));
        if (!m.attachment || limits.files) expect(rest).toEqual([]);
      }),
      runs,
    );
  });

  it("a file paged into the text is recovered exactly; where files are allowed it rides on the first part only", () => {
    fc.assert(
      fc.property(message(), smallLimits, (m, limits) => {
        fc.pre(m.attachment !== undefined);
        const parts = fitMessage(m, limits);
        if (limits.files) expect(parts.map((p) => p.attachment)).toEqual([m.attachment, ...parts.slice(1).map(() => undefined)]);
        else expect(recoverFile(consumeText(m.text, linesOf(parts, limits))).content).toBe(m.attachment!.content);
      }),
      runs,
    );
  });

  it("components are all kept, in order, from the last part with text on", () => {
    fc.assert(
      fc.property(message(), smallLimits, (m, limits) => {
        const parts = fitMessage(m, limits);
        expect(flatComponents(parts.flatMap((p) => p.components ?? []))).toEqual(flatComponents(m.components ?? []));
        const first = parts.findIndex((p) => p.components?.length);
        if (first >= 0) for (const p of parts.slice(first + 1)) expect(p.text).toHaveLength(1);
      }),
      runs,
    );
  });

  it("is idempotent: each part comes back as it is", () => {
    fc.assert(
      fc.property(message(), smallLimits, (m, limits) => {
        for (const p of fitMessage(m, limits)) expect(fitMessage(p, limits)).toEqual([p]);
      }),
      runs,
    );
  });

  it("changes nothing under UNLIMITED (the console prints a file after its message)", () => {
    fc.assert(
      fc.property(message(), (m) => {
        expect(fitMessage(m, UNLIMITED)).toEqual([m]);
      }),
      runs,
    );
  });
  it("pages a file into the text where the platform takes no files, even with room to spare", () => {
    fc.assert(
      fc.property(message(), (m) => {
        const noFiles = { ...UNLIMITED, files: false };
        const parts = fitMessage(m, noFiles);
        if (m.attachment) {
          expect(parts).toHaveLength(1);
          expect(recoverFile(consumeText(m.text, linesOf(parts, noFiles))).content).toBe(m.attachment.content);
        } else expect(parts).toEqual([m]);
      }),
      runs,
    );
  });
});

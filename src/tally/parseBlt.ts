import type { ElectionInput } from "./electionInput.ts";
import { bltLexer, type BltToken } from "./bltLexer.ts";
import { err, ok, type Result } from "../result.ts";

type Line = { number: number; tokens: BltToken[] };

const integer = /^-?\d+$/;

/**
 * Reads the BLT ballot format used by OpenSTV and Droop:
 *
 *     5 2            # candidates, seats
 *     -2             # optional: withdrawn candidates, negated
 *     3 1 3 4 0      # weight, then candidate numbers (1-based) in order of preference, then 0
 *     0              # a lone 0 ends the ballots
 *     "Alice"        # one quoted name per candidate
 *     ...
 *     "Title"        # optional title
 *
 * Every error names the line it was found on; candidate numbers in messages are 1-based, as in the file.
 */
export function parseBlt(text: string): Result<ElectionInput, string> {
  const lines: Line[] = [];
  const physical = text.split(/\r?\n/);
  for (const [i, raw] of physical.entries()) {
    const lexed = bltLexer(raw);
    if (!lexed.ok) return err(`line ${i + 1}: ${lexed.error}`);
    if (lexed.tokens.length > 0) lines.push({ number: i + 1, tokens: lexed.tokens });
  }
  const endLine = Math.max(physical.length, 1);

  let next = 0;
  const header = lines[next++];
  if (!header) return err(`line ${endLine}: the file is empty; expected a first line "<candidates> <seats>", e.g. "5 2"`);
  const headerWords = words(header);
  if (headerWords === undefined || headerWords.length !== 2 || !headerWords.every((w) => integer.test(w))) {
    return err(`line ${header.number}: the first line must be "<candidates> <seats>", e.g. "5 2"`);
  }
  const n = Number(headerWords[0]);
  const seats = Number(headerWords[1]);
  // Past this, the file could not list the candidates' names anyway; say "too large", not "at least 1".
  const MAX_CANDIDATES = 10_000;
  if (n > MAX_CANDIDATES || !Number.isSafeInteger(n)) return err(`line ${header.number}: ${headerWords[0]} candidates is too many (at most ${MAX_CANDIDATES})`);
  if (n < 1) return err(`line ${header.number}: the number of candidates must be at least 1`);
  // More seats than candidates is allowed: an election where too few stood elects them all.
  if (!Number.isSafeInteger(seats)) return err(`line ${header.number}: ${headerWords[1]} seats is too many`);
  if (seats < 1) return err(`line ${header.number}: the number of seats must be at least 1`);

  // Withdrawn candidates, if any, are the line straight after the header, all negative.
  let withdrawn: number[] | undefined;
  const maybeWithdrawn = lines[next];
  const withdrawnWords = maybeWithdrawn && words(maybeWithdrawn);
  if (maybeWithdrawn && withdrawnWords && withdrawnWords.length > 0 && withdrawnWords.every((w) => integer.test(w) && w.startsWith("-"))) {
    next++;
    withdrawn = [];
    for (const w of withdrawnWords) {
      const c = -Number(w);
      if (c < 1 || c > n) return err(`line ${maybeWithdrawn.number}: withdrawn candidate ${c} is not a candidate (there are ${n})`);
      if (withdrawn.includes(c - 1)) return err(`line ${maybeWithdrawn.number}: candidate ${c} is withdrawn twice`);
      withdrawn.push(c - 1);
    }
  }

  const ballots: ElectionInput["ballots"] = [];
  let ended = false;
  while (!ended) {
    const line = lines[next++];
    if (!line) return err(`line ${endLine}: the file ends before the lone 0 that ends the ballots`);
    const ws = words(line);
    if (ws === undefined) return err(`line ${line.number}: expected a ballot or the lone 0 that ends the ballots, found quoted text`);
    if (ws.length === 1 && ws[0] === "0") {
      ended = true;
      continue;
    }
    const parsed = parseBallot(ws, n);
    if (!parsed.ok) return err(`line ${line.number}: ${parsed.error}`);
    ballots.push(parsed.value);
  }

  const strings: { text: string; line: number }[] = [];
  for (const line of lines.slice(next)) {
    for (const token of line.tokens) {
      if (token.kind !== "string") return err(`line ${line.number}: expected a quoted name, found ${token.text}`);
      strings.push({ text: token.text, line: line.number });
    }
  }
  if (strings.length < n) {
    return err(`line ${endLine}: the file ends after ${strings.length} of the ${n} candidate names`);
  }
  const candidates: string[] = [];
  for (const { text: name, line } of strings.slice(0, n)) {
    if (name.length === 0) return err(`line ${line}: candidate ${candidates.length + 1}'s name is empty`);
    const earlier = candidates.indexOf(name);
    if (earlier >= 0) return err(`line ${line}: candidate name "${name}" is already used by candidate ${earlier + 1}`);
    candidates.push(name);
  }
  const extra = strings[n + 1];
  if (extra) return err(`line ${extra.line}: unexpected text after the title: "${extra.text}"`);

  const election: ElectionInput = { candidates, seats, ballots };
  const title = strings[n];
  if (title) election.title = title.text;
  if (withdrawn) election.withdrawn = withdrawn;
  return ok(election);
}

/** The line's bare words, or undefined if it holds any quoted text. */
function words(line: Line): string[] | undefined {
  const out: string[] = [];
  for (const token of line.tokens) {
    if (token.kind !== "word") return undefined;
    out.push(token.text);
  }
  return out;
}

function parseBallot(ws: string[], n: number): Result<ElectionInput["ballots"][number], string> {
  if (ws.some((w) => w.includes("="))) return err(`equal rankings ("=") are not supported; rank candidates one after another`);
  const bad = ws.find((w) => !integer.test(w));
  if (bad !== undefined) return err(`"${bad}" is not a whole number`);
  const weight = Number(ws[0]);
  if (!Number.isSafeInteger(weight) || weight < 1) return err(`ballot weight must be a positive whole number, got ${ws[0]}`);
  if (ws.length < 2 || ws[ws.length - 1] !== "0") return err(`ballot must end with 0`);
  const prefs: number[] = [];
  for (const w of ws.slice(1, -1)) {
    const c = Number(w);
    if (c === 0) return err(`0 ends a ballot, but more preferences follow it`);
    if (c < 0) return err(`preference ${w} is negative; withdrawn candidates go on the line after the header`);
    if (c > n) return err(`preference ${c} is not a candidate (there are ${n})`);
    if (prefs.includes(c - 1)) return err(`candidate ${c} is ranked twice on one ballot`);
    prefs.push(c - 1);
  }
  return ok({ weight, prefs });
}

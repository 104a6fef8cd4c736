import type { ElectionInput } from "./electionInput.ts";
import { bltLexer, type BltToken } from "./bltLexer.ts";
import { MAX_CANDIDATES, weightedBallots } from "./weightedBallots.ts";
import { err, ok, type Result } from "../result.ts";

export type BltReader = {
  /** Reads the next piece of the file (any split, even mid-line). False once the file is known to be bad. */
  push(chunk: string): boolean;
  /** The election, or the first problem in file order, with its line number. */
  end(): Result<ElectionInput, string>;
};

const integer = /^-?\d+$/;

type Phase = "header" | "afterHeader" | "ballots" | "names";

/**
 * Reads the BLT ballot format used by OpenSTV and Droop, a piece at a time:
 *
 *     5 2            # candidates, seats
 *     -2             # optional: withdrawn candidates, negated
 *     3 1 3 4 0      # weight, then candidate numbers (1-based) in order of preference, then 0
 *     0              # a lone 0 ends the ballots
 *     "Alice"        # one quoted name per candidate
 *     ...
 *     "Title"        # optional title
 *
 * It holds no line once read: identical rankings are merged into one weighted ballot as they come
 * (weightedBallots), so a city's file costs memory for its distinct rankings only. Every error names the
 * line it was found on; candidate numbers in messages are 1-based, as in the file.
 */
export function bltReader(): BltReader {
  let pending = "";
  let lineNumber = 0; // of the last complete line read
  let failure: string | undefined;
  let phase: Phase = "header";
  let n = 0;
  let seats = 0;
  let withdrawn: number[] | undefined;
  let withdrawnLine = 0;
  const ballots = weightedBallots();
  // The names phase keeps the first n + 2 strings (names, title, one too many) and stops at the first bare word.
  const strings: { text: string; line: number }[] = [];
  let scratch = new Int32Array(0);
  const lastSeenOn = new Int32Array(MAX_CANDIDATES + 1);

  const fail = (line: number, message: string): false => {
    failure = `line ${line}: ${message}`;
    return false;
  };

  /**
   * The common case, a well-formed ballot line of digits and blanks, without building tokens. Anything
   * else, or anything wrong, returns false and the line goes through the lexer, which has the messages.
   */
  const fastBallot = (s: string, from: number, to: number): boolean => {
    let count = 0;
    let weight = 0;
    let i = from;
    while (i < to) {
      let c = s.charCodeAt(i);
      if (c === 32 || c === 9 || c === 13) {
        i++;
        continue;
      }
      if (c < 48 || c > 57) return false;
      let v = 0;
      let digits = 0;
      while (i < to && (c = s.charCodeAt(i)) >= 48 && c <= 57) {
        v = v * 10 + (c - 48);
        i++;
        if (++digits > 15) return false;
      }
      if (i < to && c !== 32 && c !== 9 && c !== 13) return false;
      if (v === 0 && digits > 1) return false; // the lexer's rules say "0" ends a ballot, and "00" does not
      if (count === 0) weight = v;
      else {
        if (count > n + 1) return false; // more preferences than candidates: a duplicate, for the lexer to name
        scratch[count - 1] = v;
      }
      count++;
    }
    if (count < 2 || weight < 1 || scratch[count - 2] !== 0) return false;
    const length = count - 2;
    for (let p = 0; p < length; p++) {
      const c = scratch[p]!;
      if (c < 1 || c > n || lastSeenOn[c] === lineNumber) return false;
      lastSeenOn[c] = lineNumber;
      scratch[p] = c - 1;
    }
    if (!ballots.add(weight, scratch, length)) return fail(lineNumber, tooHeavy);
    return true;
  };

  const header = (ws: string[] | undefined): boolean => {
    if (ws === undefined || ws.length !== 2 || !ws.every((w) => integer.test(w))) {
      return fail(lineNumber, `the first line must be "<candidates> <seats>", e.g. "5 2"`);
    }
    n = Number(ws[0]);
    seats = Number(ws[1]);
    // Past this, the file could not list the candidates' names anyway; say "too large", not "at least 1".
    if (n > MAX_CANDIDATES || !Number.isSafeInteger(n)) return fail(lineNumber, `${ws[0]} candidates is too many (at most ${MAX_CANDIDATES})`);
    if (n < 1) return fail(lineNumber, `the number of candidates must be at least 1`);
    // More seats than candidates is allowed: an election where too few stood elects them all.
    if (!Number.isSafeInteger(seats)) return fail(lineNumber, `${ws[1]} seats is too many`);
    if (seats < 1) return fail(lineNumber, `the number of seats must be at least 1`);
    scratch = new Int32Array(n + 2);
    phase = "afterHeader";
    return true;
  };

  const withdrawnLineOf = (ws: string[]): boolean => {
    withdrawn = [];
    withdrawnLine = lineNumber;
    for (const w of ws) {
      const c = -Number(w);
      if (c < 1 || c > n) return fail(lineNumber, `withdrawn candidate ${c} is not a candidate (there are ${n})`);
      if (withdrawn.includes(c - 1)) return fail(lineNumber, `candidate ${c} is withdrawn twice`);
      withdrawn.push(c - 1);
    }
    phase = "ballots";
    return true;
  };

  const ballotLine = (ws: string[] | undefined): boolean => {
    if (ws === undefined) return fail(lineNumber, `expected a ballot or the lone 0 that ends the ballots, found quoted text`);
    if (ws.length === 1 && ws[0] === "0") {
      phase = "names";
      return true;
    }
    const parsed = parseBallot(ws, n);
    if (!parsed.ok) return fail(lineNumber, parsed.error);
    if (!ballots.add(parsed.value.weight, parsed.value.prefs)) return fail(lineNumber, tooHeavy);
    return true;
  };

  const slowLine = (raw: string): boolean => {
    const lexed = bltLexer(raw);
    if (!lexed.ok) return fail(lineNumber, lexed.error);
    if (lexed.tokens.length === 0) return true;
    switch (phase) {
      case "header":
        return header(words(lexed.tokens));
      case "afterHeader": {
        // Withdrawn candidates, if any, are the line straight after the header, all negative.
        const ws = words(lexed.tokens);
        if (ws && ws.length > 0 && ws.every((w) => integer.test(w) && w.startsWith("-"))) return withdrawnLineOf(ws);
        phase = "ballots";
        return ballotLine(ws);
      }
      case "ballots":
        return ballotLine(words(lexed.tokens));
      case "names":
        for (const token of lexed.tokens) {
          if (token.kind !== "string") return fail(lineNumber, `expected a quoted name, found ${token.text}`);
          if (strings.length < n + 2) strings.push({ text: token.text, line: lineNumber });
        }
        return true;
    }
  };

  const line = (s: string, from: number, to: number): boolean => {
    lineNumber++;
    if ((phase === "ballots" || phase === "afterHeader") && fastBallot(s, from, to)) {
      phase = "ballots";
      return true;
    }
    if (failure !== undefined) return false;
    // Lines split on "\n" or "\r\n", as they are written on any system.
    const end = to > from && s.charCodeAt(to - 1) === 13 ? to - 1 : to;
    return slowLine(s.slice(from, end));
  };

  return {
    push(chunk) {
      if (failure !== undefined) return false;
      // Lines are scanned inside the chunk itself: gluing the chunk to the partial line before it would make a
      // cons string, on which every charCodeAt is several times slower. Only the line that straddles is glued.
      let nl = chunk.indexOf("\n");
      if (nl < 0) {
        pending += chunk;
        return true;
      }
      let from = 0;
      if (pending !== "") {
        const straddling = pending + chunk.slice(0, nl);
        pending = "";
        if (!line(straddling, 0, straddling.length)) return false;
        from = nl + 1;
        nl = chunk.indexOf("\n", from);
      }
      for (; nl >= 0; nl = chunk.indexOf("\n", from)) {
        if (!line(chunk, from, nl)) return false;
        from = nl + 1;
      }
      pending = chunk.slice(from);
      return true;
    },
    end() {
      if (failure === undefined) line(pending, 0, pending.length);
      pending = "";
      if (failure !== undefined) return err(failure);
      const endLine = Math.max(lineNumber, 1);
      switch (phase) {
        case "header":
          return err(`line ${endLine}: the file is empty; expected a first line "<candidates> <seats>", e.g. "5 2"`);
        case "afterHeader":
        case "ballots":
          return err(`line ${endLine}: the file ends before the lone 0 that ends the ballots`);
        case "names":
          break;
      }
      if (strings.length < n) return err(`line ${endLine}: the file ends after ${strings.length} of the ${n} candidate names`);
      const candidates: string[] = [];
      for (const { text: name, line } of strings.slice(0, n)) {
        if (name.length === 0) return err(`line ${line}: candidate ${candidates.length + 1}'s name is empty`);
        const earlier = candidates.indexOf(name);
        if (earlier >= 0) return err(`line ${line}: candidate name "${name}" is already used by candidate ${earlier + 1}`);
        candidates.push(name);
      }
      const extra = strings[n + 1];
      if (extra) return err(`line ${extra.line}: unexpected text after the title: "${extra.text}"`);
      // Nobody could be elected, and a count that elects nobody would look like a result.
      if (withdrawn && withdrawn.length === n) {
        return err(`line ${withdrawnLine}: every candidate is withdrawn, so there is nobody to elect`);
      }

      const election: ElectionInput = { candidates, seats, ballots: ballots.ballots() };
      const title = strings[n];
      if (title) election.title = title.text;
      if (withdrawn) election.withdrawn = withdrawn;
      return ok(election);
    },
  };
}

/** Reads a whole BLT file from a stream of text, stopping at the first problem. */
export async function readBlt(source: AsyncIterable<string>): Promise<Result<ElectionInput, string>> {
  const reader = bltReader();
  for await (const chunk of source) if (!reader.push(chunk)) break;
  return reader.end();
}

const tooHeavy = `the papers with this ranking weigh more than ${Number.MAX_SAFE_INTEGER} together`;

/** The line's bare words, or undefined if it holds any quoted text. */
function words(tokens: BltToken[]): string[] | undefined {
  const out: string[] = [];
  for (const token of tokens) {
    if (token.kind !== "word") return undefined;
    out.push(token.text);
  }
  return out;
}

function parseBallot(ws: string[], n: number): Result<{ weight: number; prefs: number[] }, string> {
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

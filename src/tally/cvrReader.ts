import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { CsvError, parse } from "csv-parse";
import type { Ballot } from "./electionInput.ts";
import { MAX_CANDIDATES, weightedBallots } from "./weightedBallots.ts";
import { err, ok, type Result } from "../result.ts";

/** What a cast-vote record says; seats, method and withdrawals are not in it. */
export type CastVoteRecord = { candidates: string[]; ballots: Ballot[] };

export const UNDERVOTE = "$UNDERVOTE";
export const OVERVOTE = "$OVERVOTE";

const COLUMNS = ["ballot_id", "rank", "candidate"] as const;
// A ranked mark: a candidate's index, or one of these.
const UNDER = -1;
const OVER = -2;

type Mark = { rank: number; mark: number };

/**
 * Reads a cast-vote record in long form, one row per ranked mark, as municipal offices publish them:
 *
 *     ballot_id,rank,candidate
 *     B-0001,1,Alice
 *     B-0001,2,$UNDERVOTE
 *     B-0001,3,Bob
 *
 * Marks are read as RCTab reads them by default: a skipped rank (`$UNDERVOTE`, an empty cell, or a rank
 * number that is missing) is passed over; an overvote (`$OVERVOTE`, or two candidates at one rank) ends the
 * ballot, so the ranks after it are ignored; a candidate ranked again lower down is passed over at that rank
 * and the ballot goes on (RCTab's "exhaust on duplicate candidate" is off by default). Each ballot's rows
 * must be together; their order within the ballot does not matter. Candidates are named by the record and
 * numbered in order of first appearance. Identical rankings are merged as they are read.
 */
export async function readCvr(source: AsyncIterable<string | Uint8Array>): Promise<Result<CastVoteRecord, string>> {
  // No `info` from the parser (it builds an object per record, which tripled the cost): blank lines are kept
  // and lines counted here, a record's line being the one it starts on.
  const parser = parse({ bom: true, trim: true, skip_empty_lines: false, relax_column_count: true });
  // Read failures and CSV syntax errors both come out of the parser's iteration below.
  pipeline(source, parser).catch(() => undefined);

  const candidates: string[] = [];
  const numbers = new Map<string, number>();
  const ballots = weightedBallots();
  // Ballot ids seen: the one thing held per paper, so that a ballot split across the file is refused, not miscounted.
  const finished = new Set<string>();
  let columns: number[] | undefined;
  let ballotId: string | undefined;
  let marks: Mark[] = [];
  const prefs: number[] = [];

  const finish = (): void => {
    if (ballotId === undefined) return;
    finished.add(ballotId);
    marks.sort((a, b) => a.rank - b.rank);
    prefs.length = 0;
    for (let i = 0; i < marks.length; ) {
      const rank = marks[i]!.rank;
      let choice = UNDER;
      for (; i < marks.length && marks[i]!.rank === rank; i++) {
        const m = marks[i]!.mark;
        if (m === UNDER || m === choice) continue;
        choice = choice === UNDER ? m : OVER; // a second candidate at one rank is an overvote
      }
      if (choice === OVER) break;
      if (choice !== UNDER && !prefs.includes(choice)) prefs.push(choice);
    }
    ballots.add(1, prefs);
  };

  try {
    let nextLine = 1;
    let width = 0;
    for await (const batch of batches<string[]>(parser)) for (const record of batch) {
      const line = nextLine;
      nextLine++;
      for (const field of record) for (let i = field.indexOf("\n"); i >= 0; i = field.indexOf("\n", i + 1)) nextLine++;
      if (record.length === 1 && record[0] === "") continue; // a blank line
      if (columns === undefined) {
        width = record.length;
        const header = record.map((h) => h.toLowerCase());
        columns = COLUMNS.map((c) => header.indexOf(c));
        if (columns.some((i) => i < 0)) return err(`line ${line}: the first row must name the columns ${COLUMNS.join(", ")}; found ${record.join(", ")}`);
        continue;
      }
      if (record.length !== width) return at(line, `expected ${width} fields, as in the first row, found ${record.length}`);
      const [id, rankText, name] = columns.map((i) => record[i]!) as [string, string, string];
      if (id === "") return at(line, `the ballot_id is empty`);
      if (!/^\d+$/.test(rankText) || !Number.isSafeInteger(Number(rankText)) || Number(rankText) < 1) {
        return at(line, `rank "${rankText}" is not a positive whole number`);
      }
      let mark: number;
      if (name === UNDERVOTE || name === "") mark = UNDER;
      else if (name === OVERVOTE) mark = OVER;
      else {
        let c = numbers.get(name);
        if (c === undefined) {
          if (candidates.length === MAX_CANDIDATES) return at(line, `more than ${MAX_CANDIDATES} candidates`);
          c = candidates.push(name) - 1;
          numbers.set(name, c);
        }
        mark = c;
      }
      if (id !== ballotId) {
        finish();
        if (finished.has(id)) return at(line, `ballot "${id}" continues here, after other ballots; a cast-vote record lists each ballot's rows together`);
        ballotId = id;
        marks = [];
      }
      marks.push({ rank: Number(rankText), mark });
    }
  } catch (e) {
    if (e instanceof CsvError) return err(e.message);
    throw e;
  }
  if (columns === undefined) return err(`line 1: the file is empty; expected a first row naming the columns ${COLUMNS.join(", ")}`);
  finish();
  if (candidates.length === 0) return err(`the record names no candidate`);
  return ok({ candidates, ballots: ballots.ballots() });
}

/**
 * A readable stream's records, as many at a time as it holds: `for await` over the stream itself costs a
 * promise per record, which was a fifth of the reading. Ending the iteration early destroys the stream.
 */
async function* batches<T>(stream: Readable): AsyncGenerator<T[]> {
  try {
    for (;;) {
      const batch: T[] = [];
      for (let r = stream.read() as T | null; r !== null; r = stream.read() as T | null) batch.push(r);
      if (batch.length > 0) {
        yield batch;
        continue;
      }
      if (stream.errored) throw stream.errored;
      if (stream.readableEnded) return;
      await new Promise<void>((resolve) => {
        const settle = (): void => {
          stream.off("readable", settle).off("end", settle).off("error", settle).off("close", settle);
          resolve();
        };
        stream.on("readable", settle).on("end", settle).on("error", settle).on("close", settle);
      });
      if (stream.destroyed && !stream.errored && !stream.readableEnded) return;
    }
  } finally {
    if (!stream.destroyed) stream.destroy();
  }
}

// Returning from the loop ends the parser's iteration, which stops reading the source.
const at = (line: number, message: string): Result<never, string> => err(`line ${line}: ${message}`);

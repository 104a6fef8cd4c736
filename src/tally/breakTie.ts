import { createHash } from "node:crypto";
import type { TieBreak, TiePurpose } from "./tallyResult.ts";
import { assertNever } from "../assertNever.ts";

/** Votes per candidate (indexed by candidate) at the end of one round. */
export type VoteHistoryEntry = { round: number; votes: readonly bigint[] };

export type TieContext = {
  names: readonly string[];
  /** The election's declared seed; undefined means none was declared and "" is used. */
  seed: string | undefined;
  /** The round in which the tie is being broken; it is part of the draw so each draw is fresh. */
  round: number;
  /** Earlier rounds to look back through, oldest first. */
  history: readonly VoteHistoryEntry[];
  formatVotes: (v: bigint) => string;
};

/**
 * The tie-break rule, declared in advance:
 * 1. Backwards: look at earlier rounds, most recent first. At each round keep only the tied candidates
 *    with the fewest votes (when choosing whom to exclude) or the most (when choosing whom to elect or
 *    whose surplus goes first); stop as soon as one is left. This is the Scottish Order's rules 49(2)
 *    and 51(2)(a), applied progressively when more than two are tied.
 * 2. By lot: each candidate still tied gets the SHA-256 (hex) of
 *    `${seed}:${round}:${sortedNames.join(",")}:${name}`, where sortedNames are the names still tied
 *    sorted by UTF-16 code units; the lowest hash is drawn first. Anyone can rerun the draw.
 */
export function breakTie(tied: readonly number[], purpose: TiePurpose, ctx: TieContext): { chosen: number; record: TieBreak } {
  if (tied.length < 2) throw new Error(`breakTie needs at least two candidates, got ${tied.length}`);
  const name = (c: number): string => ctx.names[c] ?? `#${c}`;
  const tiedNames = tied.map(name);
  const wantFewest = prefersFewest(purpose);
  const what = purposeText(purpose);

  let remaining = [...tied];
  for (let i = ctx.history.length - 1; i >= 0; i--) {
    const entry = ctx.history[i]!;
    const voteOf = (c: number): bigint => entry.votes[c] ?? 0n;
    const values = remaining.map(voteOf);
    const target = values.reduce((a, b) => (wantFewest ? (b < a ? b : a) : b > a ? b : a));
    const narrowed = remaining.filter((c) => voteOf(c) === target);
    if (narrowed.length === remaining.length) continue;
    const standings = remaining.map((c) => `${name(c)} ${ctx.formatVotes(voteOf(c))}`).join(", ");
    remaining = narrowed;
    if (remaining.length === 1) {
      const chosen = remaining[0]!;
      return {
        chosen,
        record: {
          purpose,
          tied: tiedNames,
          chosen: name(chosen),
          decidedBy: "earlier-round",
          earlierRound: entry.round,
          reason: `${listNames(tiedNames)} were tied for ${what}; at round ${entry.round}, the most recent round where they differed (${standings}), ${name(chosen)} had the ${wantFewest ? "fewest" : "most"} votes`,
        },
      };
    }
  }

  const declared = ctx.seed !== undefined;
  const seed = ctx.seed ?? "";
  const sortedNames = remaining.map(name).sort();
  const prefix = `${seed}:${ctx.round}:${sortedNames.join(",")}`;
  const order = remaining
    .map((c) => {
      const input = `${prefix}:${name(c)}`;
      return { c, candidate: name(c), input, sha256: createHash("sha256").update(input, "utf8").digest("hex") };
    })
    .sort((a, b) => (a.sha256 < b.sha256 ? -1 : a.sha256 > b.sha256 ? 1 : a.c - b.c));
  const chosen = order[0]!.c;
  const narrowedNote = remaining.length < tied.length ? ` (earlier rounds ruled out the others, leaving ${listNames(sortedNames)})` : "";
  const seedNote = declared ? `seed "${seed}"` : `no declared seed, so the empty seed`;
  return {
    chosen,
    record: {
      purpose,
      tied: tiedNames,
      chosen: name(chosen),
      decidedBy: "lot",
      lot: { seed, seedDeclared: declared, order: order.map(({ candidate, input, sha256 }) => ({ candidate, input, sha256 })) },
      reason: `${listNames(tiedNames)} were tied for ${what} and equal at every earlier round${narrowedNote}; drawn by lot using SHA-256 with ${seedNote}: ${name(chosen)}`,
    },
  };
}

function prefersFewest(purpose: TiePurpose): boolean {
  switch (purpose) {
    case "exclude":
      return true;
    case "elect":
    case "transfer-first":
      return false;
    default:
      return assertNever(purpose, "tie purpose");
  }
}

function purposeText(purpose: TiePurpose): string {
  switch (purpose) {
    case "exclude":
      return "exclusion";
    case "elect":
      return "election";
    case "transfer-first":
      return "whose surplus to transfer first";
    default:
      return assertNever(purpose, "tie purpose");
  }
}

function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

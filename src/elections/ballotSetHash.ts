import canonicalize from "canonicalize";
import { sha256 } from "./auditChain.ts";

/**
 * A counted ballot as the engine and the BLT file see it: 0-based positions in the frozen candidate list, in
 * preference order (an approval set in ascending order, so the same set always reads the same).
 */
export type CountedBallot = { weight: number; prefs: readonly number[] };

/**
 * SHA-256 of the ballot set, independent of ballot ids, storage keys and order. Each ballot's canonical line is its
 * BLT ballot line without the weight and the final 0 (1-based positions separated by single spaces), repeated
 * `weight` times and ending in "\n"; the lines are sorted by code unit (they are ASCII, so this is `LC_ALL=C sort`)
 * and concatenated. Anyone with the published BLT file can recompute it with standard tools.
 */
export function ballotSetHash(ballots: readonly CountedBallot[]): string {
  const lines: string[] = [];
  for (const b of ballots) {
    const line = `${b.prefs.map((p) => p + 1).join(" ")}\n`;
    for (let i = 0; i < b.weight; i++) lines.push(line);
  }
  return sha256(lines.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).join(""));
}

/** SHA-256 of the result's RFC 8785 canonical JSON: what the log commits to at close. */
export function resultHash(result: unknown): string {
  const canonical = canonicalize(result);
  if (canonical === undefined) throw new Error("result is not JSON-serialisable");
  return sha256(canonical);
}

import { createHash } from "node:crypto";
import canonicalize from "canonicalize";

/** The hash the first entry of every election log points back to. */
export const GENESIS_HASH = "0".repeat(64);

export type LogBody = { seq: number; kind: string; at: string; payload: unknown };
export type LogEntry = LogBody & { prevHash: string; hash: string };

/**
 * hash_n = SHA-256( hash_{n-1} + "\n" + JCS(entry) ), where JCS is RFC 8785 canonical JSON of
 * { seq, kind, at, payload }. Anyone with the published entries can recompute it with standard tools.
 */
export function entryHash(prevHash: string, body: LogBody): string {
  const canonical = canonicalize({ seq: body.seq, kind: body.kind, at: body.at, payload: body.payload });
  if (canonical === undefined) throw new Error("log entry is not JSON-serialisable");
  return createHash("sha256").update(`${prevHash}\n${canonical}`).digest("hex");
}

export function nextEntry(prev: LogEntry | null, kind: string, at: Date, payload: unknown): LogEntry {
  const body = { seq: prev ? prev.seq + 1 : 1, kind, at: at.toISOString(), payload };
  const prevHash = prev?.hash ?? GENESIS_HASH;
  return { ...body, prevHash, hash: entryHash(prevHash, body) };
}

export type ChainCheck = { ok: true; head: string; count: number } | { ok: false; seq: number; reason: string };

/** Verifies a whole log: sequence numbers, links and hashes. The first problem found is reported. */
export function verifyChain(entries: readonly LogEntry[]): ChainCheck {
  let prev = GENESIS_HASH;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    if (e.seq !== i + 1) return { ok: false, seq: e.seq, reason: `entry ${i + 1} is missing (found ${e.seq} in its place)` };
    if (e.prevHash !== prev) return { ok: false, seq: e.seq, reason: `entry ${e.seq} does not point to the hash of entry ${e.seq - 1}` };
    const h = entryHash(prev, e);
    if (h !== e.hash) return { ok: false, seq: e.seq, reason: `entry ${e.seq}'s contents do not match its hash (altered after it was written)` };
    prev = e.hash;
  }
  return { ok: true, head: prev, count: entries.length };
}

export const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");

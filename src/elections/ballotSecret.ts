// The receipt is the only thing that ties a voter to their ballot, and only the voter holds it: the database
// keeps a hash of it as the ballot's key while voting is open (so a revote can find the ballot) and the audit
// log keeps a different hash of it (so the voter can see their vote was recorded). Neither can be computed
// from the other, and at close every key is dropped.
import { createHash } from "node:crypto";
import type { Random } from "../command.ts";
import { sha256 } from "./auditChain.ts";

const RECEIPT = /^[0-9A-F]{4}(?:-?[0-9A-F]{4}){3}$/;

/** A receipt the voter keeps: 16 hex digits (64 random bits) in groups of four. */
export function newReceipt(random: Random): string {
  const bytes = random(8);
  if (bytes.length < 8) throw new Error("random() returned fewer bytes than asked");
  return Buffer.from(bytes.subarray(0, 8)).toString("hex").toUpperCase().match(/.{4}/g)!.join("-");
}

/** A receipt as typed back (any case, dashes optional), or null when it cannot be one. */
export function parseReceipt(text: string): string | null {
  const t = text.trim().toUpperCase();
  if (!RECEIPT.test(t)) return null;
  return t.replace(/-/g, "").match(/.{4}/g)!.join("-");
}

/** The ballot's key while voting is open. Domain-separated and bound to the election, so it never equals the
 *  log's receipt hash nor a key of another election. */
export function ballotKeyOf(electionId: string, receipt: string): string {
  return createHash("sha256").update("caucus/ballot-key/v1\0").update(electionId).update("\0").update(receipt).digest("hex");
}

/** What the audit log records for a vote: the receipt's plain SHA-256, which a voter can check with any tool. */
export const receiptLogHash = (receipt: string) => sha256(receipt);

// The one-time code that links a second platform account to a member. It is 80 random bits (a guess has no
// chance in its lifetime), shown once by DM to the account that asked, stored only as its SHA-256.
import { createHash } from "node:crypto";
import type { Random } from "../command.ts";

/** How long a code works: long enough to switch apps, short enough that a forgotten DM is harmless. */
export const LINK_CODE_TTL_MS = 15 * 60_000;

// Crockford base32: no I, L, O or U, so a code read aloud or retyped survives; I/L read as 1 and O as 0.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const LENGTH = 16;

/** A fresh code, like `7KQ2-M9XD-4TRB-0HCE`. */
export function newLinkCode(random: Random): string {
  const bytes = random(10);
  if (bytes.length < 10) throw new Error("random() returned fewer bytes than asked");
  let bits = 0n;
  for (const b of bytes.subarray(0, 10)) bits = (bits << 8n) | BigInt(b);
  let out = "";
  for (let i = 0; i < LENGTH; i++) out = ALPHABET[Number((bits >> BigInt(5 * i)) & 31n)]! + out;
  return out.match(/.{4}/g)!.join("-");
}

/** A code as typed back (any case, dashes or spaces optional, I/L for 1 and O for 0), or null if it cannot be one. */
export function parseLinkCode(text: string): string | null {
  const t = text.toUpperCase().replace(/[\s-]/g, "").replace(/[IL]/g, "1").replace(/O/g, "0");
  if (t.length !== LENGTH || [...t].some((c) => !ALPHABET.includes(c))) return null;
  return t.match(/.{4}/g)!.join("-");
}

/** What the database keeps of a code. Domain-separated, so it never equals another hash Caucus stores. */
export const linkCodeHash = (code: string): string => createHash("sha256").update("caucus/link-code/v1\0").update(code).digest("hex");

// Join codes: 80 random bits written as 16 Crockford base32 characters (`K7QX-M2PD-9RTW-HB4C`), so they survive
// being read aloud or retyped (O/0, I/L/1 and case do not matter). Only their SHA-256 is stored: 80 bits make
// the hash useless to someone who reads the table while a code is valid.
import { createHash } from "node:crypto";
import type { Random } from "../command.ts";
import { err, ok, type Result } from "../result.ts";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const JOIN_CODE_LENGTH = 16;
const BYTES = (JOIN_CODE_LENGTH * 5) / 8;

/** A fresh code, normalised (no dashes). */
export function newJoinCode(random: Random): string {
  const bytes = random(BYTES);
  if (bytes.length < BYTES) throw new Error("random() returned fewer bytes than asked");
  let bits = 0;
  let value = 0;
  let out = "";
  for (const b of bytes.slice(0, BYTES)) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out;
}

/** How a code is shown: four groups of four. */
export const formatJoinCode = (code: string): string => code.match(/.{1,4}/g)!.join("-");

/** Reads a code as typed: case, spaces, dashes and the look-alikes O→0, I/L→1 do not matter. */
export function normaliseJoinCode(text: string): Result<string> {
  const code = text
    .toUpperCase()
    .replace(/[\s\-_.]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  if (code.length !== JOIN_CODE_LENGTH || [...code].some((c) => !ALPHABET.includes(c))) {
    return err(`"${text.slice(0, 40)}" is not a join code: they are ${JOIN_CODE_LENGTH} letters and digits like K7QX-M2PD-9RTW-HB4C. Copy it exactly from the organiser's message.`);
  }
  return ok(code);
}

/** What is stored instead of the code. */
export const joinCodeHash = (normalised: string): string => createHash("sha256").update(`caucus-join:${normalised}`).digest("hex");

// Whether an HTTP request claiming to be a Discord interaction was signed by Discord: Ed25519 over the
// X-Signature-Timestamp header followed by the raw body, checked against the application's public key
// (DISCORD_PUBLIC_KEY), and sent within ±5 minutes of now. Neither Discord's libraries nor the signature bound
// the timestamp, so a request recorded once could be replayed forever without the window.
import { createPublicKey, verify, type KeyObject } from "node:crypto";

/** How far the signed timestamp may be from our clock, either way, in seconds. */
export const TIMESTAMP_WINDOW_S = 300;

export type Refusal = "missing signature" | "malformed signature" | "malformed timestamp" | "stale timestamp" | "future timestamp" | "bad signature";
export type Verdict = { ok: true } | { ok: false; refusal: Refusal };

/** Reads the application's public key (64 hex digits, as the Developer Portal shows it); throws when it is not one. */
export function discordPublicKey(hex: string): KeyObject {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error("DISCORD_PUBLIC_KEY must be the application's public key: 64 hexadecimal digits (Developer Portal → General Information)");
  return createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: Buffer.from(hex, "hex").toString("base64url") }, format: "jwk" });
}

export function verifyDiscordRequest(
  key: KeyObject,
  headers: { signature: string | undefined; timestamp: string | undefined },
  rawBody: Buffer,
  nowMs: number,
): Verdict {
  const { signature, timestamp } = headers;
  if (signature === undefined || timestamp === undefined) return { ok: false, refusal: "missing signature" };
  if (!/^[0-9a-fA-F]{128}$/.test(signature)) return { ok: false, refusal: "malformed signature" };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, refusal: "malformed timestamp" };
  const skew = Number(timestamp) - nowMs / 1000;
  if (skew < -TIMESTAMP_WINDOW_S) return { ok: false, refusal: "stale timestamp" };
  if (skew > TIMESTAMP_WINDOW_S) return { ok: false, refusal: "future timestamp" };
  const signed = Buffer.concat([Buffer.from(timestamp, "utf8"), rawBody]);
  return verify(null, signed, key, Buffer.from(signature, "hex")) ? { ok: true } : { ok: false, refusal: "bad signature" };
}

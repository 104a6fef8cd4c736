// Secrets at rest (Slack installations: bot tokens, refresh tokens): AES-256-GCM with a random 96-bit nonce per
// seal, under the key from CAUCUS_ENCRYPTION_KEY. `context` (e.g. the team a token belongs to) is authenticated
// as associated data: a sealed value copied into another row, whose context differs, does not open.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

const VERSION = "v1";
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export type TokenCipher = {
  /** A short fingerprint of the key (not a secret: SHA-256 of it, 8 bytes), stored with each sealed value. */
  readonly keyId: string;
  seal(plaintext: string, context: string): string;
  /** Throws UnsealError when the value was sealed under another key, for another context, or changed. */
  open(sealed: string, context: string): string;
};

export class UnsealError extends Error {
  constructor(readonly reason: "other key" | "tampered or other context" | "malformed") {
    super(`sealed value does not open: ${reason}`);
  }
}

export function keyFingerprint(key: Uint8Array): string {
  return createHash("sha256").update("caucus-key-id:").update(key).digest("base64url").slice(0, 11);
}

export function createTokenCipher(key: Uint8Array): TokenCipher {
  if (key.length !== 32) throw new Error(`AES-256 needs a 32-byte key, got ${key.length} bytes`);
  const keyId = keyFingerprint(key);
  const aad = (context: string) => Buffer.from(`caucus:${VERSION}:${context}`, "utf8");
  return {
    keyId,
    seal(plaintext, context) {
      const nonce = randomBytes(NONCE_BYTES);
      const cipher = createCipheriv("aes-256-gcm", key, nonce, { authTagLength: TAG_BYTES });
      cipher.setAAD(aad(context));
      const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      return [VERSION, keyId, nonce.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
    },
    open(sealed, context) {
      const parts = sealed.split(".");
      if (parts.length !== 5 || parts[0] !== VERSION) throw new UnsealError("malformed");
      const [, id, nonce, tag, body] = parts as [string, string, string, string, string];
      if (id !== keyId) throw new UnsealError("other key");
      try {
        const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(nonce, "base64url"), { authTagLength: TAG_BYTES });
        decipher.setAAD(aad(context));
        decipher.setAuthTag(Buffer.from(tag, "base64url"));
        return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
      } catch {
        throw new UnsealError("tampered or other context");
      }
    },
  };
}

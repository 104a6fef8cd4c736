// Pacing to a platform's declared rate (PlatformLimits.rate): a token bucket with `burst` tokens that refills
// at `perSecond`. Pure: the caller passes the time and does the waiting.

export type Rate = { perSecond: number; burst: number };
/** Tokens left (negative: already promised to sends that are waiting) as of `atMs`. */
export type TokenBucket = { tokens: number; atMs: number };

export const fullBucket = (rate: Rate, nowMs: number): TokenBucket => ({ tokens: Math.max(1, rate.burst), atMs: nowMs });

const refill = (b: TokenBucket, rate: Rate, nowMs: number): TokenBucket => ({
  tokens: Math.min(Math.max(1, rate.burst), b.tokens + (Math.max(0, nowMs - b.atMs) * rate.perSecond) / 1000),
  atMs: Math.max(b.atMs, nowMs),
});

/**
 * Reserves one send at `nowMs`: returns the new bucket and how long to wait before sending. Reservations queue
 * up (the bucket goes below zero), so any sequence of sends keeps to `burst` plus `perSecond` per second.
 */
export function reserveToken(b: TokenBucket, rate: Rate, nowMs: number): { bucket: TokenBucket; waitMs: number } {
  if (!(rate.perSecond > 0)) throw new Error(`a platform rate must be positive, got ${rate.perSecond}/s`);
  const r = refill(b, rate, nowMs);
  const tokens = r.tokens - 1;
  return { bucket: { tokens, atMs: r.atMs }, waitMs: tokens >= 0 ? 0 : Math.ceil((-tokens * 1000) / rate.perSecond) };
}

/** Tokens available at `nowMs` without waiting (for sizing a claim). */
export const tokensAt = (b: TokenBucket, rate: Rate, nowMs: number): number => Math.max(0, Math.floor(refill(b, rate, nowMs).tokens));

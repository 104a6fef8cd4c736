import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { fullBucket, reserveToken, type Rate } from "../../src/tokenBucket.ts";
import { DEFAULT_RETRY_POLICY, nextRetry, type RetryPolicy } from "../../src/retryBackoff.ts";

/** Reserves one send at each request time; returns when each send may go. */
function schedule(rate: Rate, requests: number[]): number[] {
  let b = fullBucket(rate, requests[0] ?? 0);
  return requests.map((t) => {
    const r = reserveToken(b, rate, t);
    b = r.bucket;
    return t + r.waitMs;
  });
}

describe("token bucket pacing", () => {
  it("lets a burst of `burst` sends go at once, then one every 1/perSecond", () => {
    const sends = schedule({ perSecond: 2, burst: 3 }, Array(6).fill(0));
    expect(sends).toEqual([0, 0, 0, 500, 1000, 1500]);
  });

  it("refills while idle, never above the burst", () => {
    const sends = schedule({ perSecond: 1, burst: 2 }, [0, 0, 10_000, 10_000, 10_000]);
    expect(sends).toEqual([0, 0, 10_000, 10_000, 11_000]);
  });

  it("never sends more than burst + perSecond·T in any window of T ms, whatever the requests", () => {
    fc.assert(
      fc.property(
        fc.record({ perSecond: fc.integer({ min: 1, max: 50 }), burst: fc.integer({ min: 1, max: 20 }) }),
        fc.array(fc.integer({ min: 0, max: 5_000 }), { minLength: 1, maxLength: 200 }),
        fc.integer({ min: 1, max: 3_000 }),
        (rate, gaps, windowMs) => {
          const requests = gaps.reduce<number[]>((acc, g) => [...acc, (acc.at(-1) ?? 0) + g], []);
          const sends = schedule(rate, requests);
          for (const [i, s] of sends.entries()) {
            // Never before it was asked for, and in the order asked.
            expect(s).toBeGreaterThanOrEqual(requests[i]!);
            if (i) expect(s).toBeGreaterThanOrEqual(sends[i - 1]!);
            const inWindow = sends.filter((x) => x >= s && x < s + windowMs).length;
            // +1: a window that opens just as a token completes sees that send too.
            expect(inWindow).toBeLessThanOrEqual(rate.burst + Math.ceil((rate.perSecond * windowMs) / 1000) + 1);
          }
        },
      ),
    );
  });

  it("refuses a rate of zero sends per second (it would wait forever)", () => {
    expect(() => reserveToken(fullBucket({ perSecond: 0, burst: 1 }, 0), { perSecond: 0, burst: 1 }, 0)).toThrow(/positive/);
  });
});

const policy: RetryPolicy = { baseMs: 1_000, capMs: 60_000, maxAttempts: 5, maxAgeMs: 3_600_000 };
const T = new Date("2026-06-01T12:00:00Z");
const retry = (q: Partial<Parameters<typeof nextRetry>[1]>) =>
  nextRetry(policy, { attempt: 1, now: T, queuedAt: T, reason: "HTTP 503", random01: 0.5, ...q });

describe("retry backoff", () => {
  it("waits a random time up to base·2^(attempt-1), capped (full jitter)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.double({ min: 0, max: 0.999999, noNaN: true }), (attempt, r) => {
        const d = retry({ attempt, random01: r });
        expect(d.kind).toBe("retry");
        const wait = d.kind === "retry" ? d.at.getTime() - T.getTime() : -1;
        expect(wait).toBeGreaterThanOrEqual(0);
        expect(wait).toBeLessThanOrEqual(Math.min(policy.capMs, policy.baseMs * 2 ** (attempt - 1)));
      }),
    );
    expect(retry({ attempt: 3, random01: 0.999 })).toEqual({ kind: "retry", at: new Date(T.getTime() + 3_996) });
  });

  it("never waits longer than the cap, even after many attempts", () => {
    const big: RetryPolicy = { ...policy, maxAttempts: 1_000 };
    const d = nextRetry(big, { attempt: 900, now: T, queuedAt: T, reason: "x", random01: 0.999999 });
    expect(d.kind === "retry" && d.at.getTime() - T.getTime()).toBeLessThanOrEqual(policy.capMs);
  });

  it("honours a 429's Retry-After exactly, however many attempts came before", () => {
    expect(retry({ attempt: 1, retryAfterMs: 2_000, random01: 0 })).toEqual({ kind: "retry", at: new Date(T.getTime() + 2_000) });
    expect(retry({ attempt: 50, retryAfterMs: 1_500 })).toEqual({ kind: "retry", at: new Date(T.getTime() + 1_500) });
  });

  it("gives up after maxAttempts answers of 5xx or timeout, saying why", () => {
    expect(retry({ attempt: 4 }).kind).toBe("retry");
    expect(retry({ attempt: 5 })).toEqual({ kind: "give-up", reason: "gave up after 5 attempts: HTTP 503" });
  });

  it("gives up once the next try would fall more than maxAgeMs after the message was queued", () => {
    const queuedAt = new Date(T.getTime() - 3_599_000);
    expect(retry({ queuedAt, retryAfterMs: 2_000 })).toEqual({ kind: "give-up", reason: "gave up after 1 h and 1 attempt: HTTP 503" });
    expect(retry({ queuedAt, retryAfterMs: 500 }).kind).toBe("retry");
  });

  it("by default retries for tens of minutes before giving up on a platform outage", () => {
    // Upper bound of the sum of waits (random01 → 1) across the attempts allowed.
    let total = 0;
    for (let a = 1; a < DEFAULT_RETRY_POLICY.maxAttempts; a++) total += Math.min(DEFAULT_RETRY_POLICY.capMs, DEFAULT_RETRY_POLICY.baseMs * 2 ** (a - 1));
    expect(total).toBeGreaterThan(60 * 60_000);
    expect(total).toBeLessThan(DEFAULT_RETRY_POLICY.maxAgeMs);
  });
});

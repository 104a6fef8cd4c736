// When to try a delivery again after the platform said "retry", and when to stop trying. Pure.
import { formatDuration } from "./deadlines/formatDuration.ts";

export type RetryPolicy = {
  /** First backoff ceiling; doubles with each attempt up to capMs (exponential backoff, full jitter). */
  baseMs: number;
  capMs: number;
  /** Attempts answered 5xx/timeout after which the message is given up as undeliverable. */
  maxAttempts: number;
  /** Time since the message was queued after which it is given up, whatever the answers. */
  maxAgeMs: number;
};

/** About 45 minutes of retries across a platform outage, and never longer than a day of 429s. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseMs: 1_000, capMs: 15 * 60_000, maxAttempts: 15, maxAgeMs: 24 * 3_600_000 };

export type RetryDecision = { kind: "retry"; at: Date } | { kind: "give-up"; reason: string };

/**
 * After attempt number `attempt` (1 = the first) was answered retry. A 429's Retry-After is honoured exactly
 * (the platform said when) and does not count toward maxAttempts, only toward maxAgeMs; anything else waits
 * a random time in [0, min(cap, base·2^(attempt-1))] (full jitter, so instances retrying together spread out).
 * `random01` is a uniform number in [0, 1).
 */
export function nextRetry(
  policy: RetryPolicy,
  q: { attempt: number; now: Date; queuedAt: Date; reason: string; retryAfterMs?: number; random01: number },
): RetryDecision {
  const rateLimited = q.retryAfterMs !== undefined && Number.isFinite(q.retryAfterMs) && q.retryAfterMs >= 0;
  if (!rateLimited && q.attempt >= policy.maxAttempts) return { kind: "give-up", reason: `gave up after ${attempts(q.attempt)}: ${q.reason}` };
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(Math.max(0, q.attempt - 1), 52));
  const delay = rateLimited ? Math.ceil(q.retryAfterMs!) : Math.floor(Math.min(Math.max(q.random01, 0), 1) * ceiling);
  const at = new Date(q.now.getTime() + delay);
  if (at.getTime() - q.queuedAt.getTime() > policy.maxAgeMs) {
    return { kind: "give-up", reason: `gave up after ${formatDuration(policy.maxAgeMs)} and ${attempts(q.attempt)}: ${q.reason}` };
  }
  return { kind: "retry", at };
}

const attempts = (n: number) => `${n} attempt${n === 1 ? "" : "s"}`;

// Drains the outbox through the platform adapters: paced to each platform's declared rate, retrying what the
// platform says to retry, recording what will never arrive. Claims are leased rows (FOR UPDATE SKIP LOCKED in
// the store), so any number of instances on one database share the work without electing a leader, and the
// claims of an instance that died come back when their lease ends: at most its in-flight messages repeat.
import { assertNever } from "./assertNever.ts";
import type { Random } from "./command.ts";
import type { Logger } from "./logger.ts";
import { dmFallbackPost, fallbackKey } from "./dmFallback.ts";
import type { NewOutboxMessage, OutboxEntry, OutboxStore } from "./outboxStore.ts";
import type { DeliveryOutcome, PlatformPort } from "./platformPort.ts";
import { DEFAULT_RETRY_POLICY, nextRetry, type RetryPolicy } from "./retryBackoff.ts";
import { fullBucket, reserveToken, tokensAt, type TokenBucket } from "./tokenBucket.ts";

export type DispatchOptions = {
  retry: RetryPolicy;
  /** How long a claim is held; a message is given back (and may go to another instance) if not attempted in time. */
  leaseMs: number;
  /** How often an idle dispatcher looks for work another instance enqueued (notify() wakes it sooner). */
  pollMs: number;
  /** Most messages claimed at once (claims are also sized to what the rate allows within half a lease). */
  maxBatch: number;
  /** Deliveries of one platform in flight at once; 1 keeps strict enqueue order. */
  concurrency: number;
};

export const DEFAULT_DISPATCH: DispatchOptions = { retry: DEFAULT_RETRY_POLICY, leaseMs: 60_000, pollMs: 1_000, maxBatch: 100, concurrency: 4 };

export type DispatcherDeps = {
  outbox: OutboxStore;
  ports: readonly PlatformPort[];
  now: () => Date;
  /** Waits `ms`, or less when `signal` aborts; never rejects. */
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  /** For the jitter of retry delays. */
  random: Random;
  log: Logger;
  /** This instance's name on its claims; unique per running dispatcher. */
  owner: string;
  options?: Partial<DispatchOptions>;
};

/** `fellBack`: of the failed, DMs that went to the member's announcement channel instead. */
export type DrainReport = { sent: number; retried: number; failed: number; fellBack: number; released: number };

export type OutboxDispatcher = {
  /** Delivers everything due now, paced, and returns; messages scheduled for later (retries) wait. */
  drain(): Promise<DrainReport>;
  /** Drains, then waits for scheduled retries and drains again, until no message of these platforms is pending
   *  or `maxMs` of the clock have passed. For tests and the simulator on a virtual clock. */
  settle(opts?: { maxMs?: number }): Promise<DrainReport>;
  /** Runs until stop(): waits for notify(), the next retry or pollMs, drains, and again. Call drain() first to
   *  deliver what is waiting already. */
  start(): void;
  /** New messages were enqueued: stop idling. */
  notify(): void;
  /** Takes no new work, lets in-flight deliveries finish and be recorded, gives back every unfinished claim. */
  stop(): Promise<void>;
};

/** A uniform number in [0, 1) from injected random bytes. */
export function uniform01(random: Random): number {
  const b = random(4);
  if (b.length < 4) throw new Error("random() returned fewer bytes than asked");
  return (((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0) / 2 ** 32;
}

const errorText = (e: unknown): string => (e instanceof Error ? `${e.name}: ${e.message}` : String(e)).slice(0, 500);

type Lane = {
  port: PlatformPort;
  bucket: TokenBucket | null;
  /** After a 429 nothing more goes to this platform until then (ms since epoch). */
  pausedUntilMs: number;
  /** One pass at a time per platform: drain() and the running loop take turns. */
  turn: Promise<unknown>;
  woken: boolean;
};

export function createOutboxDispatcher(deps: DispatcherDeps): OutboxDispatcher {
  const opts: DispatchOptions = { ...DEFAULT_DISPATCH, ...deps.options };
  const { outbox, log, owner } = deps;
  const nowMs = () => deps.now().getTime();
  const lanes: Lane[] = deps.ports.map((port) => ({ port, bucket: null, pausedUntilMs: -Infinity, turn: Promise.resolve(), woken: false }));
  const stopping = new AbortController();
  let wake = new AbortController();
  let loops: Promise<void>[] = [];
  /** Claims not yet settled or given back, so stop() knows whether anything is left to release. */
  let held = 0;

  const emptyReport = (): DrainReport => ({ sent: 0, retried: 0, failed: 0, fellBack: 0, released: 0 });

  /**
   * A DM refused because the member cannot be DMed becomes a post in their workspace's announcement channel, as
   * the DM's `fallback` allows; the reason organisers see says which way it went.
   */
  async function unreachableFallback(m: OutboxEntry, outcome: Extract<DeliveryOutcome, { kind: "failed" }>, at: Date): Promise<{ reason: string; instead?: NewOutboxMessage }> {
    const d = m.delivery.ok ? m.delivery.value : null;
    if (!outcome.unreachable || d?.kind !== "dm") return { reason: outcome.reason };
    switch (outcome.unreachable) {
      case "dm-closed":
        break;
      default:
        return assertNever(outcome.unreachable, "unreachable");
    }
    const channel = await outbox.announcementChannel(d.to.platform, d.to.workspaceId);
    if (!channel) return { reason: `${outcome.reason}; no announcement channel to tell them in (/caucus channel here names one)` };
    const post = dmFallbackPost(d, channel);
    if (!post) return { reason: `${outcome.reason}; not shown in a channel (what it says would tell others too much)` };
    return {
      reason: `${outcome.reason}; ${d.fallback?.kind === "copy" ? "posted" : "a notice without its contents posted"} in #${channel.name ?? channel.channelId} instead`,
      instead: { key: fallbackKey(m.key), networkId: m.networkId, delivery: post, at },
    };
  }

  async function attempt(lane: Lane, m: OutboxEntry, report: DrainReport): Promise<void> {
    const platform = lane.port.platform;
    if (!m.delivery.ok) {
      // A payload that does not parse is a bug; it is failed with the reason, visible to organisers, never retried blind.
      log.error({ key: m.key, platform, reason: m.delivery.error }, "outbox message unreadable");
      await outbox.markFailed(m.id, owner, { at: deps.now(), reason: m.delivery.error });
      report.failed++;
      return;
    }
    let outcome: DeliveryOutcome;
    try {
      outcome = await lane.port.deliver(m.delivery.value, m.key);
    } catch (e) {
      // An adapter that throws (a dropped connection, a bug in a fake) is a transient failure, not a lost message.
      outcome = { kind: "retry", reason: errorText(e) };
    }
    const at = deps.now();
    let kept: boolean;
    switch (outcome.kind) {
      case "sent":
        kept = await outbox.markSent(m.id, owner, at);
        report.sent++;
        break;
      case "failed": {
        const { reason, instead } = await unreachableFallback(m, outcome, at);
        log.warn({ key: m.key, platform, reason }, "delivery failed for good");
        kept = await outbox.markFailed(m.id, owner, { at, reason, ...(instead ? { instead } : {}) });
        report.failed++;
        if (kept && instead) report.fellBack++;
        break;
      }
      case "retry": {
        if (outcome.retryAfterMs !== undefined) lane.pausedUntilMs = Math.max(lane.pausedUntilMs, at.getTime() + outcome.retryAfterMs);
        const decision = nextRetry(opts.retry, {
          attempt: m.attempts + 1,
          now: at,
          queuedAt: m.queuedAt,
          reason: outcome.reason,
          ...(outcome.retryAfterMs !== undefined ? { retryAfterMs: outcome.retryAfterMs } : {}),
          random01: uniform01(deps.random),
        });
        if (decision.kind === "give-up") {
          log.warn({ key: m.key, platform, reason: decision.reason }, "delivery given up");
          kept = await outbox.markFailed(m.id, owner, { at, reason: decision.reason });
          report.failed++;
        } else {
          log.info({ key: m.key, platform, reason: outcome.reason, at: decision.at.toISOString() }, "delivery will be retried");
          kept = await outbox.markRetry(m.id, owner, { nextAttemptAt: decision.at, error: outcome.reason });
          report.retried++;
        }
        break;
      }
      default:
        return assertNever(outcome, "delivery outcome");
    }
    if (!kept) log.warn({ key: m.key, platform }, "claim expired before the outcome was recorded; the message may be delivered again");
  }

  /** Claims and delivers due messages of one platform until none is due, the platform pauses, or we stop. */
  async function pass(lane: Lane, report: DrainReport): Promise<void> {
    const rate = lane.port.limits.rate;
    const platform = lane.port.platform;
    while (!stopping.signal.aborted) {
      const now = nowMs();
      if (lane.pausedUntilMs > now) return;
      lane.bucket ??= fullBucket(rate, now);
      const limit = Math.max(1, Math.min(opts.maxBatch, tokensAt(lane.bucket, rate, now) + Math.floor((rate.perSecond * opts.leaseMs) / 2000)));
      const batch = await outbox.claim({ platform, owner, now: new Date(now), leaseMs: opts.leaseMs, limit });
      if (!batch.length) return;
      held += batch.length;
      // Stop starting sends well before the lease ends, so no other instance takes a message we are sending.
      const startBy = now + opts.leaseMs * 0.8;
      const queue = [...batch];
      const unattempted: OutboxEntry[] = [];
      const mayStart = () => !stopping.signal.aborted && lane.pausedUntilMs <= nowMs() && nowMs() < startBy;
      const worker = async () => {
        for (let m = queue.shift(); m; m = queue.shift()) {
          if (!mayStart()) {
            unattempted.push(m);
            continue;
          }
          const r = reserveToken(lane.bucket!, rate, nowMs());
          lane.bucket = r.bucket;
          if (r.waitMs > 0) await deps.sleep(r.waitMs, stopping.signal);
          // A 429 may have arrived, or stop() been called, while this one waited for its turn.
          if (!mayStart()) {
            unattempted.push(m);
            continue;
          }
          // A throw here (the database gone) leaves the claim held: stop() gives it back, or its lease ends.
          await attempt(lane, m, report);
          held--;
        }
      };
      // Every worker has finished before the next claim, even when one of them failed.
      const settled = await Promise.allSettled(Array.from({ length: Math.min(opts.concurrency, batch.length) }, worker));
      const failure = settled.find((r): r is PromiseRejectedResult => r.status === "rejected");
      if (failure) throw failure.reason;
      if (unattempted.length) {
        const paused = lane.pausedUntilMs > nowMs() ? new Date(lane.pausedUntilMs) : undefined;
        report.released += await outbox.release(owner, unattempted.map((m) => m.id), paused);
        held -= unattempted.length;
      }
    }
  }

  /** Runs one pass on a lane when its turn comes. */
  function passInTurn(lane: Lane, report: DrainReport): Promise<void> {
    const run = lane.turn.then(() => pass(lane, report));
    lane.turn = run.catch(() => undefined);
    return run;
  }

  async function drain(): Promise<DrainReport> {
    const report = emptyReport();
    await Promise.all(lanes.map((l) => passInTurn(l, report)));
    return report;
  }

  /** When this lane next has something to do, in ms from now (0: now); null when nothing is pending. */
  async function nextWorkIn(lane: Lane): Promise<number | null> {
    const due = await outbox.nextDue([lane.port.platform]);
    if (!due) return null;
    return Math.max(0, Math.max(due.getTime(), lane.pausedUntilMs) - nowMs());
  }

  async function settle({ maxMs = Infinity }: { maxMs?: number } = {}): Promise<DrainReport> {
    const report = emptyReport();
    const until = nowMs() + maxMs;
    while (!stopping.signal.aborted) {
      await Promise.all(lanes.map((l) => passInTurn(l, report)));
      const waits = (await Promise.all(lanes.map(nextWorkIn))).filter((w): w is number => w !== null);
      if (!waits.length) break;
      const wait = Math.max(1, Math.min(...waits));
      if (nowMs() + wait > until) break;
      await deps.sleep(wait, stopping.signal);
    }
    return report;
  }

  async function runLane(lane: Lane): Promise<void> {
    await deps.sleep(opts.pollMs, AbortSignal.any([stopping.signal, wake.signal]));
    while (!stopping.signal.aborted) {
      let wait = opts.pollMs;
      try {
        const report = emptyReport();
        await passInTurn(lane, report);
        const next = await nextWorkIn(lane);
        if (next !== null) wait = Math.min(wait, next);
        // Due but not claimable (another instance is claiming it right now): do not spin.
        if (report.sent + report.retried + report.failed === 0) wait = Math.max(wait, Math.min(20, opts.pollMs));
      } catch (e) {
        log.error({ err: e, platform: lane.port.platform }, "outbox pass failed; trying again");
      }
      if (lane.woken) {
        lane.woken = false;
        continue;
      }
      if (wait > 0) await deps.sleep(wait, AbortSignal.any([stopping.signal, wake.signal]));
    }
  }

  return {
    drain,
    settle,
    start() {
      if (loops.length) throw new Error("outbox dispatcher already started");
      loops = lanes.map(runLane);
    },
    notify() {
      for (const l of lanes) l.woken = true;
      wake.abort();
      wake = new AbortController();
    },
    async stop() {
      stopping.abort();
      await Promise.all(loops);
      await Promise.all(lanes.map((l) => l.turn));
      // Anything still held (a pass that threw between claim and release) goes back now, not after the lease.
      if (held > 0) await outbox.release(owner);
    },
  };
}

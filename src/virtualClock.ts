// A clock that moves only when told to, and a sleep that moves it: the simulator and tests run the outbox
// dispatcher on virtual time, so a 2 s Retry-After or an hour of backoff takes no real time at all.

export type VirtualClock = {
  now(): Date;
  /** Jumps to `at` (never backwards). */
  set(at: Date): void;
  /** Resolves when the clock reaches now + ms: sleepers wake one at a time, earliest first, the clock
   *  jumping to each one's instant once everything else has had a turn to run. Abort ends it at once. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
};

export function createVirtualClock(start: Date): VirtualClock {
  let t = start.getTime();
  const sleepers: { at: number; wake: () => void }[] = [];
  let scheduled = false;
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      sleepers.sort((a, b) => a.at - b.at);
      const next = sleepers.shift();
      if (!next) return;
      t = Math.max(t, next.at);
      next.wake();
      if (sleepers.length) schedule();
    });
  };
  return {
    now: () => new Date(t),
    set(at) {
      t = Math.max(t, at.getTime());
    },
    sleep(ms, signal) {
      if (signal?.aborted) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const s = { at: t + Math.max(0, ms), wake: resolve };
        sleepers.push(s);
        signal?.addEventListener(
          "abort",
          () => {
            const i = sleepers.indexOf(s);
            if (i >= 0) sleepers.splice(i, 1);
            resolve();
          },
          { once: true },
        );
        schedule();
      });
    },
  };
}

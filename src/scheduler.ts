/** Clock-driven work (reminders, phase changes). The composition root calls tick on a timer;
 *  the simulator calls it at each due instant of its virtual clock. */
export type Scheduler = {
  /** The earliest instant at which tick has something to do, if any. */
  nextDue(): Promise<Date | null>;
  /** Does everything due at or before `now`; what it has to say goes to the outbox, in the same transaction
   *  as the change. Returns how many messages it enqueued. */
  tick(now: Date): Promise<number>;
};

/** Runs several schedulers as one. */
export function combineSchedulers(all: Scheduler[]): Scheduler {
  return {
    async nextDue() {
      const dues = (await Promise.all(all.map((s) => s.nextDue()))).filter((d): d is Date => d !== null);
      return dues.length ? new Date(Math.min(...dues.map((d) => d.getTime()))) : null;
    },
    async tick(now) {
      let n = 0;
      for (const s of all) n += await s.tick(now);
      return n;
    },
  };
}

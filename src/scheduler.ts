import type { Send } from "./message.ts";

/** Clock-driven work (reminders, phase changes). The composition root calls tick on a timer;
 *  the simulator calls it at each due instant of its virtual clock. */
export type Scheduler = {
  /** The earliest instant at which tick has something to do, if any. */
  nextDue(): Promise<Date | null>;
  /** Does everything due at or before `now`; returns what to send. */
  tick(now: Date): Promise<Send[]>;
};

/** Runs several schedulers as one. */
export function combineSchedulers(all: Scheduler[]): Scheduler {
  return {
    async nextDue() {
      const dues = (await Promise.all(all.map((s) => s.nextDue()))).filter((d): d is Date => d !== null);
      return dues.length ? new Date(Math.min(...dues.map((d) => d.getTime()))) : null;
    },
    async tick(now) {
      const out: Send[] = [];
      for (const s of all) out.push(...(await s.tick(now)));
      return out;
    },
  };
}

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_LADDER, parseLadder } from "../../src/deadlines/parseLadder.ts";
import { planReminders, type PlannedReminder, type PlanRemindersInput, type ReminderRecipient } from "../../src/deadlines/planReminders.ts";
import { DEFAULT_QUIET_HOURS, quietWindowContaining, type QuietHours } from "../../src/deadlines/quietHours.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const defaultLadder = (() => {
  const parsed = parseLadder(DEFAULT_LADDER);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
})();

/** Compact view for readable assertions: [memberId, step, dueAt ISO, shifted]. */
function summary(plan: PlannedReminder[]): [string, number, string, boolean][] {
  return plan.map((r) => [r.memberId, r.step, r.dueAt.toISOString(), r.shifted]);
}

function plan(deadline: string, now: string, recipients: ReminderRecipient[], ladder = defaultLadder, createdAt = now) {
  return planReminders({ deadlineAt: new Date(deadline), createdAt: new Date(createdAt), now: new Date(now), ladder, recipients });
}

describe("planReminders: the ladder in absolute time", () => {
  it("sends every default step at deadline minus its offset when quiet hours are off (Asia/Kolkata)", () => {
    expect(summary(plan("2026-06-20T12:00:00Z", "2026-06-01T00:00:00Z", [{ memberId: "ana", zone: "Asia/Kolkata", quiet: null }]))).toEqual([
      ["ana", 0, "2026-06-13T12:00:00.000Z", false],
      ["ana", 1, "2026-06-17T12:00:00.000Z", false],
      ["ana", 2, "2026-06-19T12:00:00.000Z", false],
      ["ana", 3, "2026-06-20T06:00:00.000Z", false],
      ["ana", 4, "2026-06-20T11:00:00.000Z", false],
    ]);
  });

  it("sends the 72h reminder before a 09:00 deadline just after the Paris spring change at 08:00 local: 72 h is elapsed time, not wall time", () => {
    // Deadline 2026-03-30 09:00 CEST = 07:00 UTC; 72 h earlier is 2026-03-27 07:00 UTC = 08:00 CET.
    const reminders = plan("2026-03-30T07:00:00Z", "2026-03-20T00:00:00Z", [{ memberId: "ana", zone: "Europe/Paris", quiet: DEFAULT_QUIET_HOURS }]);
    expect(reminders.find((r) => r.step === 1)?.dueAt.toISOString()).toBe("2026-03-27T07:00:00.000Z");
    expect(reminders.find((r) => r.step === 2)?.dueAt.toISOString()).toBe("2026-03-29T07:00:00.000Z");
  });

  it("sends the 72h reminder before a 09:00 deadline just after the Paris fall-back change at 10:00 local", () => {
    // Deadline 2026-10-26 09:00 CET = 08:00 UTC; 72 h earlier is 2026-10-23 08:00 UTC = 10:00 CEST.
    const reminders = plan("2026-10-26T08:00:00Z", "2026-10-01T00:00:00Z", [{ memberId: "ana", zone: "Europe/Paris", quiet: DEFAULT_QUIET_HOURS }]);
    expect(reminders.find((r) => r.step === 1)?.dueAt.toISOString()).toBe("2026-10-23T08:00:00.000Z");
  });

  it("skips steps whose time has passed and plans nothing once the deadline has passed", () => {
    const ana = [{ memberId: "ana", zone: "UTC", quiet: null }];
    expect(summary(plan("2026-06-20T12:00:00Z", "2026-06-19T12:00:00Z", ana)).map(([, step]) => step)).toEqual([3, 4]);
    expect(plan("2026-06-20T12:00:00Z", "2026-06-20T12:00:00Z", ana)).toEqual([]);
    expect(plan("2026-06-20T12:00:00Z", "2026-06-21T00:00:00Z", ana)).toEqual([]);
  });

  it("plans nothing before the announcement when the announcement is scheduled after now", () => {
    const reminders = plan("2026-06-20T12:00:00Z", "2026-06-01T00:00:00Z", [{ memberId: "ana", zone: "UTC", quiet: null }], defaultLadder, "2026-06-18T12:00:00Z");
    expect(reminders.map((r) => r.step)).toEqual([2, 3, 4]);
  });

  it("sorts by dueAt, then memberId, then step", () => {
    const reminders = plan("2026-06-20T12:00:00Z", "2026-06-19T00:00:00Z", [
      { memberId: "zoe", zone: "UTC", quiet: null },
      { memberId: "ana", zone: "Asia/Kathmandu", quiet: null },
    ]);
    expect(summary(reminders).map(([m, s]) => `${m}:${s}`)).toEqual(["ana:2", "zoe:2", "ana:3", "zoe:3", "ana:4", "zoe:4"]);
  });
});

describe("planReminders: quiet hours", () => {
  const paris = (quiet: QuietHours = DEFAULT_QUIET_HOURS) => [{ memberId: "ana", zone: "Europe/Paris", quiet }];

  it("moves a 6h reminder that would land at 02:00 Paris back to 22:00 the evening before, and keeps 07:00 as it is (quiet ends at 07:00)", () => {
    // Deadline 2026-06-10 08:00 CEST = 06:00 UTC.
    expect(summary(plan("2026-06-10T06:00:00Z", "2026-06-01T00:00:00Z", paris()))).toEqual([
      ["ana", 0, "2026-06-03T06:00:00.000Z", false],
      ["ana", 1, "2026-06-07T06:00:00.000Z", false],
      ["ana", 2, "2026-06-09T06:00:00.000Z", false],
      ["ana", 3, "2026-06-09T20:00:00.000Z", true],
      ["ana", 4, "2026-06-10T05:00:00.000Z", false],
    ]);
  });

  it("keeps a reminder that falls exactly at the start of quiet hours where it is", () => {
    // Deadline 2026-06-10 04:00 CEST = 02:00 UTC; 6h before is 22:00 CEST.
    const reminders = plan("2026-06-10T02:00:00Z", "2026-06-01T00:00:00Z", paris(), [6 * HOUR]);
    expect(summary(reminders)).toEqual([["ana", 0, "2026-06-09T20:00:00.000Z", false]]);
  });

  it("keeps only the 1h step when the 6h and 1h steps both move to 22:00 (the later step is the more urgent one)", () => {
    // Deadline 2026-06-10 06:00 CEST = 04:00 UTC: 6h → 00:00, 1h → 05:00, both quiet, both → 22:00 CEST the evening before.
    expect(summary(plan("2026-06-10T04:00:00Z", "2026-06-01T00:00:00Z", paris()))).toEqual([
      ["ana", 0, "2026-06-02T20:00:00.000Z", true],
      ["ana", 1, "2026-06-06T20:00:00.000Z", true],
      ["ana", 2, "2026-06-08T20:00:00.000Z", true],
      ["ana", 4, "2026-06-09T20:00:00.000Z", true],
    ]);
  });

  it("when the night has already begun and the deadline is in it, drops the 6h step and sends the 1h step at its own time during quiet hours", () => {
    // now 23:00 CEST, deadline 06:00 CEST: 22:00 has passed, so the only choices are during quiet hours.
    expect(summary(plan("2026-06-10T04:00:00Z", "2026-06-09T21:00:00Z", paris()))).toEqual([["ana", 4, "2026-06-10T03:00:00.000Z", false]]);
  });

  it("drops a step that falls in the night already under way when later steps will still reach the member", () => {
    // now 2026-06-09 23:00 CEST; deadline 2026-06-13 01:30 CEST. 72h → 06-10 01:30 (tonight, dropped),
    // 24h → 06-12 01:30 → 22:00 the evening before, 6h → 19:30, 1h → 00:30 → 22:00 (collapses with nothing: 24h is a day earlier).
    expect(summary(plan("2026-06-12T23:30:00Z", "2026-06-09T21:00:00Z", paris()))).toEqual([
      ["ana", 2, "2026-06-11T20:00:00.000Z", true],
      ["ana", 3, "2026-06-12T17:30:00.000Z", false],
      ["ana", 4, "2026-06-12T20:00:00.000Z", true],
    ]);
  });

  it("moves a reminder in the short Paris spring-forward night to 22:00 CET (21:00 UTC) on 2026-03-28", () => {
    // Deadline 2026-03-29 06:30 CEST = 04:30 UTC. 6h → 23:30 CET, 1h → 05:30 CEST: both quiet, both → 22:00 CET.
    const reminders = plan("2026-03-29T04:30:00Z", "2026-03-20T00:00:00Z", paris());
    expect(summary(reminders).slice(-2)).toEqual([
      ["ana", 2, "2026-03-27T21:00:00.000Z", true],
      ["ana", 4, "2026-03-28T21:00:00.000Z", true],
    ]);
  });

  it("moves a reminder in the long New York fall-back night to 22:00 EDT (02:00 UTC) on 2026-10-31", () => {
    // Deadline 2026-11-01 07:30 EST = 12:30 UTC. 6h → 01:30 EST (the second 01:30), 1h → 06:30 EST.
    const reminders = plan("2026-11-01T12:30:00Z", "2026-10-20T00:00:00Z", [{ memberId: "bo", zone: "America/New_York", quiet: DEFAULT_QUIET_HOURS }]);
    expect(summary(reminders).slice(-1)).toEqual([["bo", 4, "2026-11-01T02:00:00.000Z", true]]);
  });

  it("applies each member's own zone: the same deadline is night in Adelaide and afternoon in Paris", () => {
    // Deadline 2026-01-15 16:00 UTC. 6h before (10:00 UTC) is 11:00 CET and 20:30 ACDT (+10:30): fine for both.
    // 1h before (15:00 UTC) is 16:00 CET but 01:30 ACDT: cy gets it at 22:00 ACDT = 11:30 UTC instead.
    const reminders = plan("2026-01-15T16:00:00Z", "2026-01-15T00:00:00Z", [
      { memberId: "ana", zone: "Europe/Paris", quiet: DEFAULT_QUIET_HOURS },
      { memberId: "cy", zone: "Australia/Adelaide", quiet: DEFAULT_QUIET_HOURS },
    ]);
    expect(summary(reminders)).toEqual([
      ["ana", 3, "2026-01-15T10:00:00.000Z", false],
      ["cy", 3, "2026-01-15T10:00:00.000Z", false],
      ["cy", 4, "2026-01-15T11:30:00.000Z", true],
      ["ana", 4, "2026-01-15T15:00:00.000Z", false],
    ]);
  });
});

describe("planReminders: bugs throw", () => {
  const base: PlanRemindersInput = {
    deadlineAt: new Date("2026-06-20T12:00:00Z"),
    createdAt: new Date("2026-06-01T00:00:00Z"),
    now: new Date("2026-06-01T00:00:00Z"),
    ladder: defaultLadder,
    recipients: [{ memberId: "ana", zone: "UTC", quiet: null }],
  };

  it("throws on a zero or negative ladder offset", () => {
    expect(() => planReminders({ ...base, ladder: [0] })).toThrow(/positive/);
    expect(() => planReminders({ ...base, ladder: [-HOUR] })).toThrow(/positive/);
  });

  it("throws on a member listed twice", () => {
    expect(() => planReminders({ ...base, recipients: [...base.recipients, ...base.recipients] })).toThrow(/listed twice/);
  });

  it("throws on an unknown zone", () => {
    expect(() => planReminders({ ...base, recipients: [{ memberId: "ana", zone: "Nowhere/Land", quiet: null }] })).toThrow(/Unknown time zone/);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const ZONES = [
  "America/New_York",
  "Europe/Paris",
  "Australia/Adelaide",
  "Asia/Kathmandu",
  "Asia/Kolkata",
  "AoE",
  "UTC",
  "Australia/Lord_Howe", // 30-minute DST shift
  "Pacific/Chatham", // +12:45 / +13:45
  "America/St_Johns", // −03:30 / −02:30
];
const TRANSITIONS = [
  "2026-03-08T07:00Z", "2026-11-01T06:00Z", // New York
  "2026-03-29T01:00Z", "2026-10-25T01:00Z", // Paris
  "2026-04-04T16:30Z", "2026-10-03T16:30Z", // Adelaide
].map(Date.parse);

const clockTime = fc
  .record({ h: fc.integer({ min: 0, max: 23 }), m: fc.constantFrom(0, 15, 30, 45) })
  .map(({ h, m }) => `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`);
const quietArb: fc.Arbitrary<QuietHours> = fc.oneof(
  fc.constant(null),
  fc.constant(DEFAULT_QUIET_HOURS),
  fc.tuple(clockTime, clockTime).filter(([s, e]) => s !== e).map(([start, end]) => ({ start, end })),
);
const recipientsArb = fc.uniqueArray(
  fc.record({ memberId: fc.constantFrom("ana", "bo", "chen", "dev", "eve"), zone: fc.constantFrom(...ZONES), quiet: quietArb }),
  { minLength: 1, maxLength: 4, selector: (r) => r.memberId },
);
const minutes = (n: number) => n * 60_000;
const ladderArb = fc.oneof(
  fc.constant(defaultLadder),
  // Arbitrary positive offsets up to 15 days, in any order, possibly repeated.
  fc.array(fc.integer({ min: 1, max: 15 * 24 * 60 }).map(minutes), { minLength: 1, maxLength: 10 }),
);
const deadlineArb = fc.oneof(
  fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }),
  fc.tuple(fc.constantFrom(...TRANSITIONS), fc.integer({ min: -8 * DAY, max: 8 * DAY })).map(([t, d]) => t + d),
);
const inputArb: fc.Arbitrary<PlanRemindersInput> = fc
  .record({
    deadline: deadlineArb,
    // Short lead times make "the night has already begun and the deadline is in it" common enough to exercise.
    nowBefore: fc.oneof(fc.integer({ min: -HOUR, max: 20 * DAY }), fc.integer({ min: 0, max: 12 * HOUR })),
    createdBeforeNow: fc.integer({ min: -2 * DAY, max: 5 * DAY }),
    ladder: ladderArb,
    recipients: recipientsArb,
  })
  .map(({ deadline, nowBefore, createdBeforeNow, ladder, recipients }) => ({
    deadlineAt: new Date(deadline),
    now: new Date(deadline - nowBefore),
    createdAt: new Date(deadline - nowBefore - createdBeforeNow),
    ladder,
    recipients,
  }));

const floorOf = (input: PlanRemindersInput) => Math.max(input.now.getTime(), input.createdAt.getTime());
/** The step a member's plan ends with: smallest offset, and the later index among equal offsets. */
function lastStepOf(ladder: number[]): number {
  let last = 0;
  ladder.forEach((offset, step) => {
    if (offset <= (ladder[last] as number)) last = step;
  });
  return last;
}
const RUNS = { numRuns: 150 };

describe("planReminders properties", () => {
  it("never plans a reminder at or after the deadline, nor at or before max(now, createdAt)", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        for (const r of planReminders(input)) {
          expect(r.dueAt.getTime()).toBeLessThan(input.deadlineAt.getTime());
          expect(r.dueAt.getTime()).toBeGreaterThan(floorOf(input));
        }
      }),
      RUNS,
    );
  });

  it("is sorted by dueAt, memberId, step and has at most one reminder per (member, step) and per (member, dueAt)", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const planned = planReminders(input);
        for (let i = 1; i < planned.length; i++) {
          const a = planned[i - 1]!;
          const b = planned[i]!;
          const order = a.dueAt.getTime() - b.dueAt.getTime() || (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0) || a.step - b.step;
          expect(order).toBeLessThan(0);
        }
        const steps = planned.map((r) => `${r.memberId}/${r.step}`);
        expect(new Set(steps).size).toBe(steps.length);
        const times = planned.map((r) => `${r.memberId}/${r.dueAt.getTime()}`);
        expect(new Set(times).size).toBe(times.length);
      }),
      RUNS,
    );
  });

  it("sends each reminder at its nominal time, or (shifted) earlier at the start of the quiet window around the nominal time", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        for (const r of planReminders(input)) {
          const recipient = input.recipients.find((x) => x.memberId === r.memberId)!;
          expect(r.offsetMs).toBe(input.ladder[r.step]);
          const nominal = input.deadlineAt.getTime() - r.offsetMs;
          if (!r.shifted) {
            expect(r.dueAt.getTime()).toBe(nominal);
            continue;
          }
          const window = quietWindowContaining(new Date(nominal), recipient.zone, recipient.quiet);
          expect(window?.start.getTime()).toBe(r.dueAt.getTime());
          expect(r.dueAt.getTime()).toBeLessThan(nominal);
        }
      }),
      RUNS,
    );
  });

  it("never sends inside quiet hours unless unavoidable: the window began by max(now, createdAt) and this is the member's last step, at its nominal time", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const lastStep = lastStepOf(input.ladder);
        for (const r of planReminders(input)) {
          const recipient = input.recipients.find((x) => x.memberId === r.memberId)!;
          const window = quietWindowContaining(r.dueAt, recipient.zone, recipient.quiet);
          // The first instant of a window is the moment quiet begins: a reminder there is allowed.
          if (window === null || window.start.getTime() === r.dueAt.getTime()) continue;
          expect(window.start.getTime()).toBeLessThanOrEqual(floorOf(input));
          expect(r.step).toBe(lastStep);
          expect(r.shifted).toBe(false);
        }
      }),
      RUNS,
    );
  });

  it("always includes each member's last step when its nominal time is after max(now, createdAt), quiet or not", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const lastStep = lastStepOf(input.ladder);
        const nominal = input.deadlineAt.getTime() - input.ladder[lastStep]!;
        const planned = planReminders(input);
        for (const recipient of input.recipients) {
          const present = planned.some((r) => r.memberId === recipient.memberId && r.step === lastStep);
          expect(present).toBe(nominal > floorOf(input));
        }
      }),
      RUNS,
    );
  });

  it("accounts for every missing future step: dropped in a night already under way, or merged into a more urgent step at the same time", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const planned = planReminders(input);
        const floor = floorOf(input);
        for (const recipient of input.recipients) {
          const mine = planned.filter((r) => r.memberId === recipient.memberId);
          input.ladder.forEach((offset, step) => {
            const nominal = input.deadlineAt.getTime() - offset;
            if (nominal <= floor || mine.some((r) => r.step === step)) return;
            const window = quietWindowContaining(new Date(nominal), recipient.zone, recipient.quiet);
            const inQuiet = window !== null && window.start.getTime() < nominal;
            if (inQuiet && window.start.getTime() <= floor) return; // dropped: the night had already begun
            const wouldBe = inQuiet ? window.start.getTime() : nominal;
            const keeper = mine.find((r) => r.dueAt.getTime() === wouldBe);
            expect(keeper, `step ${step} of ${recipient.memberId} vanished`).toBeDefined();
            expect(keeper!.offsetMs).toBeLessThanOrEqual(offset);
          });
        }
      }),
      RUNS,
    );
  });

  it("keeps a member's reminders in ladder order for a descending ladder", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const ladder = [...new Set(input.ladder)].sort((a, b) => b - a);
        const planned = planReminders({ ...input, ladder });
        for (const recipient of input.recipients) {
          const steps = planned.filter((r) => r.memberId === recipient.memberId).map((r) => r.step);
          expect(steps).toEqual([...steps].sort((a, b) => a - b));
        }
      }),
      RUNS,
    );
  });

  it("plans each recipient independently of the others", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const together = planReminders(input);
        for (const recipient of input.recipients) {
          const alone = planReminders({ ...input, recipients: [recipient] });
          expect(together.filter((r) => r.memberId === recipient.memberId)).toEqual(alone);
        }
      }),
      { numRuns: 60 },
    );
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { App } from "../../adapters/compose.ts";
import { clearAll, targets } from "../support/testApp.ts";
import { inChannel, reminders, simulate, toMember } from "../support/simulate.ts";

const YOUTH = `
organiser olga
olga: /timezone Europe/Paris
olga: /constituency create Youth
`;

describe("deadline scenarios (simulator)", () => {
  let app: App;
  beforeAll(async () => {
    app = await targets()[0]!.open();
  });
  afterAll(async () => app?.close());
  beforeEach(async () => clearAll(app));

  it("announces to members in three zones, each in their own local time, and fires the full ladder at the right instants", async () => {
    const out = await simulate(
      app,
      `clock 2026-04-01T08:00:00Z
amina: /timezone Africa/Nairobi
luis: /timezone America/Sao_Paulo
priya: /timezone Asia/Kathmandu
amina: /quiet off
luis: /quiet off
priya: /quiet off
${YOUTH}
olga: /constituency add Youth amina luis priya
olga: /deadline add "Speaker proposals" 2026-04-10 18:00 for Youth
advance 10d`,
    );
    const announcement = (who: string) => toMember(out, who).find((l) => l.text.startsWith("📅 New deadline D1"))!.text;
    expect(announcement("amina")).toContain("Due 2026-04-10 19:00 Africa/Nairobi (your time) = 2026-04-10 16:00 UTC");
    expect(announcement("luis")).toContain("Due 2026-04-10 13:00 America/Sao_Paulo (your time)");
    expect(announcement("priya")).toContain("Due 2026-04-10 21:45 Asia/Kathmandu (your time)");
    expect(inChannel(out).find((l) => l.text.startsWith("📅 New deadline D1"))!.text).toContain("due 2026-04-10 18:00 Europe/Paris = 2026-04-10 16:00 UTC");
    for (const who of ["amina", "luis", "priya"]) {
      expect(reminders(out, who).map((l) => l.at)).toEqual([
        "2026-04-03T16:00:00Z", // 7d
        "2026-04-07T16:00:00Z", // 72h
        "2026-04-09T16:00:00Z", // 24h
        "2026-04-10T10:00:00Z", // 6h
        "2026-04-10T15:00:00Z", // 1h
      ]);
    }
    expect(reminders(out, "priya")[4]!.text.split("\n")[0]).toBe("⏰ Reminder: D1 Speaker proposals is due in 1 h: 2026-04-10 21:45 Asia/Kathmandu (your time).");
    // olga is not on the Youth roster: no reminders for her.
    expect(reminders(out, "olga")).toEqual([]);
  });

  it("moves a reminder that falls in quiet hours to their start, never later", async () => {
    const out = await simulate(
      app,
      `clock 2026-04-01T08:00:00Z
${YOUTH}
nadia: /timezone Europe/Paris
olga: /constituency add Youth nadia
olga: /deadline add "Visa letters" 2026-04-10 08:00 for Youth remind 24h,6h,1h
advance 10d`,
    );
    // Deadline 08:00 Paris = 06:00Z. 6h before is 02:00 Paris, inside the default 22:00-07:00 quiet hours:
    // it comes at 22:00 Paris the evening before. 1h before is 07:00 Paris, when quiet hours have ended.
    expect(reminders(out, "nadia").map((l) => l.at)).toEqual(["2026-04-09T06:00:00Z", "2026-04-09T20:00:00Z", "2026-04-10T05:00:00Z"]);
  });

  it("honours a member's own quiet hours set with /quiet, re-planning pending reminders", async () => {
    const out = await simulate(
      app,
      `clock 2026-04-01T08:00:00Z
${YOUTH}
nadia: /timezone Europe/Paris
olga: /constituency add Youth nadia
olga: /deadline add "Visa letters" 2026-04-10 08:00 for Youth remind 24h,6h,1h
nadia: /quiet 23:30-07:30
advance 10d`,
    );
    // 6h (02:00) and 1h (07:00) both fall in 23:30-07:30: both move to 23:30, and only the more urgent 1h step is kept.
    expect(reminders(out, "nadia").map((l) => l.at)).toEqual(["2026-04-09T06:00:00Z", "2026-04-09T21:30:00Z"]);
    expect(reminders(out, "nadia")[1]!.text).toMatch(/is due in 8 h 30 min/);
  });

  it("flags short notice publicly, in the announcement and in the report", async () => {
    const out = await simulate(
      app,
      `clock 2026-04-01T08:00:00Z
${YOUTH}
ana: /timezone UTC
olga: /constituency add Youth ana
olga: /deadline add "Speakers list" 2026-04-02 02:00 UTC for Youth
olga: /deadline add "Position paper" 2026-04-20 12:00 UTC for Youth
olga: /deadline report`,
    );
    const post = inChannel(out).find((l) => l.text.includes("D1"))!.text;
    expect(post).toContain("Announced 18 h before the deadline. ⚠️ SHORT NOTICE: less than 72 h.");
    expect(toMember(out, "ana").find((l) => l.text.includes("New deadline D1"))!.text).toContain("⚠️ SHORT NOTICE");
    expect(inChannel(out).find((l) => l.text.includes("D2"))!.text).not.toContain("SHORT NOTICE");
    const report = toMember(out, "olga").at(-1)!.text;
    expect(report).toMatch(/D1 Speakers list: .*notice 18 h ⚠️ SHORT, never moved/);
    expect(report).toMatch(/D2 Position paper: .*notice 19 d 4 h, never moved/);
    expect(report).toContain("Last 90 days: 2 deadlines, median notice 9 d 23 h, short notice 1 of 2 (50%), 0 moved, 0 cancelled.");
  });

  it("re-announces a move to everyone told, old and new time in each reader's zone, and reschedules reminders", async () => {
    const out = await simulate(
      app,
      `clock 2026-04-01T08:00:00Z
${YOUTH}
ana: /timezone America/New_York
ben: /timezone Asia/Tokyo
ana: /quiet off
ben: /quiet off
olga: /constituency add Youth ana ben
olga: /deadline add "Speaker proposals" 2026-04-06 12:00 UTC for Youth remind 72h,1h
advance 1d
olga: /deadline move D1 2026-04-04 12:00
advance 5d
olga: /deadline show D1`,
    );
    const moved = toMember(out, "ana").find((l) => l.text.startsWith("🔁"))!;
    expect(moved.at).toBe("2026-04-02T08:00:00Z");
    expect(moved.text).toContain("Was: 2026-04-06 08:00 America/New_York");
    expect(moved.text).toContain("Now: 2026-04-04 08:00 America/New_York (your time)");
    expect(moved.text).toContain("Moved 2 d 4 h before the deadline. ⚠️ SHORT NOTICE");
    expect(toMember(out, "ben").find((l) => l.text.startsWith("🔁"))!.text).toContain("Now: 2026-04-04 21:00 Asia/Tokyo");
    expect(inChannel(out).find((l) => l.text.startsWith("🔁"))!.text).toMatch(/moved from 2026-04-06 12:00 UTC to 2026-04-04 12:00 UTC/);
    // The old 72h reminder (04-03 12:00) never fires; the new ladder does: 72h is already past, so only 1h.
    for (const who of ["ana", "ben"]) expect(reminders(out, who).map((l) => l.at)).toEqual(["2026-04-04T11:00:00Z"]);
    const show = toMember(out, "olga").at(-1)!.text;
    expect(show).toMatch(/created by olga, due 2026-04-06 14:00 Europe\/Paris \(notice 5 d 4 h\)/);
    expect(show).toMatch(/moved by olga from 2026-04-06 14:00 Europe\/Paris to 2026-04-04 14:00 Europe\/Paris \(notice 2 d 4 h\)/);
  });

  it("tells everyone of a cancellation and sends no reminder for it afterwards", async () => {
    const out = await simulate(
      app,
      `clock 2026-04-01T08:00:00Z
${YOUTH}
ana: /timezone UTC
ana: /quiet off
olga: /constituency add Youth ana
olga: /deadline add "Side event" 2026-04-05 12:00 UTC for Youth remind 24h,1h
advance 1d
olga: /deadline cancel D1
advance 5d
ana: /deadline list`,
    );
    expect(toMember(out, "ana").find((l) => l.text.startsWith("❌"))!.text).toBe(
      "❌ Deadline D1 cancelled: Side event (was due 2026-04-05 12:00 UTC). No more reminders for it.",
    );
    expect(reminders(out, "ana")).toEqual([]);
    expect(toMember(out, "ana").at(-1)!.text).toMatch(/Your upcoming deadlines: none/);
  });

  it("gives a member who joins late the announcement and only the remaining reminders", async () => {
    const out = await simulate(
      app,
      `clock 2026-04-01T08:00:00Z
${YOUTH}
olga: /constituency open Youth
ana: /timezone UTC
ana: /quiet off
olga: /constituency add Youth ana
olga: /deadline add "Speaker proposals" 2026-04-10 12:00 UTC for Youth remind 7d,24h,1h
advance 5d
kofi: /timezone Africa/Accra
kofi: /quiet off
kofi: /constituency join Youth
advance 5d`,
    );
    const late = toMember(out, "kofi").find((l) => l.text.startsWith("📅"))!;
    expect(late.at).toBe("2026-04-06T08:00:00Z");
    expect(late.text).toContain("Due 2026-04-10 12:00 Africa/Accra (your time)");
    expect(late.text).toContain("because you joined Youth after it was announced; 4 d 4 h left");
    expect(reminders(out, "kofi").map((l) => l.at)).toEqual(["2026-04-09T12:00:00Z", "2026-04-10T11:00:00Z"]);
    expect(reminders(out, "ana").map((l) => l.at)).toEqual(["2026-04-03T12:00:00Z", "2026-04-09T12:00:00Z", "2026-04-10T11:00:00Z"]);
  });

  it("re-plans reminders for a member who leaves and is added back, without a second announcement", async () => {
    const out = await simulate(
      app,
      `clock 2026-04-01T08:00:00Z
${YOUTH}
ana: /timezone UTC
ana: /quiet off
olga: /constituency add Youth ana
olga: /deadline add "Speaker proposals" 2026-04-05 12:00 UTC for Youth remind 24h,1h
olga: /constituency remove Youth ana
olga: /constituency add Youth ana
advance 5d`,
    );
    expect(toMember(out, "ana").filter((l) => l.text.startsWith("📅"))).toHaveLength(1);
    expect(reminders(out, "ana").map((l) => l.at)).toEqual(["2026-04-04T12:00:00Z", "2026-04-05T11:00:00Z"]);
  });

  it("tells a member who first appears after a network-wide deadline was announced, with the remaining reminders", async () => {
    const out = await simulate(
      app,
      `clock 2026-04-01T08:00:00Z
organiser olga
olga: /deadline add "Registration" 2026-04-05 12:00 UTC remind 72h,1h
advance 2d
zed: /quiet off
advance 3d`,
    );
    const told = toMember(out, "zed").find((l) => l.text.startsWith("📅"))!;
    expect(told.at).toBe("2026-04-03T08:00:00Z");
    expect(told.text).toContain("because you joined the network after it was announced");
    expect(told.text).toContain("Reminders: 1 h before");
    expect(reminders(out, "zed").map((l) => l.at)).toEqual(["2026-04-05T11:00:00Z"]);
  });

  it("tells a newcomer of network-wide deadlines even when their first command is a mistake", async () => {
    const out = await simulate(app, `clock 2026-04-01T08:00:00Z\norganiser olga\nolga: /deadline add "Registration" 2026-04-05 12:00 UTC\nzed: /constituency join Nowhere`);
    const zed = toMember(out, "zed").map((l) => l.text);
    expect(zed[0]).toMatch(/no constituency called "Nowhere"/);
    expect(zed.some((t) => t.startsWith("📅 Deadline D1: Registration"))).toBe(true);
  });

  it("tells a newcomer of network-wide deadlines even when their first command does not parse", async () => {
    const out = await simulate(app, `clock 2026-04-01T08:00:00Z\norganiser olga\nolga: /deadline add "Registration" 2026-04-05 12:00 UTC\nzed: /timezone Europe/Pari`);
    const zed = toMember(out, "zed").map((l) => l.text);
    expect(zed[0]).toMatch(/Did you mean `Europe\/Paris`/);
    expect(zed.some((t) => t.startsWith("📅 Deadline D1: Registration"))).toBe(true);
  });

  it("reads reminder steps separated by commas, spaces or both", async () => {
    const out = await simulate(
      app,
      `clock 2026-04-01T08:00:00Z\norganiser olga\nolga: /deadline add "A" 2026-04-20 12:00 UTC remind 3d 1h\nolga: /deadline add "B" 2026-04-20 12:00 UTC remind 3d, 1h link https://example.org/b`,
    );
    const saved = toMember(out, "olga").filter((l) => l.text.startsWith("Saved")).map((l) => l.text);
    expect(saved).toHaveLength(2);
    for (const t of saved) expect(t).toContain("reminders 3 d, 1 h before.");
  });

  it("names only the reminder steps still ahead when the deadline is close", async () => {
    const out = await simulate(app, `clock 2026-04-01T08:00:00Z\norganiser olga\nolga: /deadline add "Tomorrow" 2026-04-02 12:00 UTC`);
    expect(toMember(out, "olga").find((l) => l.text.startsWith("Saved D1"))!.text).toContain("reminders 1 d, 6 h, 1 h before.");
  });

  it("explains extra words after /quiet off instead of gluing them together", async () => {
    const out = await simulate(app, `clock 2026-04-01T08:00:00Z\nana: /quiet off please`);
    expect(toMember(out, "ana")[0]!.text).toMatch(/off please/);
  });

  it("shows later messages in the member's new zone after /timezone", async () => {
    const out = await simulate(
      app,
      `clock 2026-04-01T08:00:00Z
${YOUTH}
ana: /timezone Europe/London
ana: /quiet off
olga: /constituency add Youth ana
olga: /deadline add "Speaker proposals" 2026-04-10 12:00 UTC for Youth remind 1h
advance 2d
ana: /timezone Australia/Adelaide
advance 8d`,
    );
    expect(reminders(out, "ana").map((l) => l.text.split("\n")[0])).toEqual(["⏰ Reminder: D1 Speaker proposals is due in 1 h: 2026-04-10 21:30 Australia/Adelaide (your time)."]);
  });

  it("refuses bad input with specific messages and saves nothing", async () => {
    const bad: [string, RegExp][] = [
      ['/deadline add "X" 2026-02-30 12:00 UTC', /2026-02-30 is not a date/],
      ['/deadline add "X" 2026-05-01 25:00 UTC', /25:00 is not a time of day/],
      ['/deadline add "X" 2026-05-01 12:00 Europe/Pari', /Did you mean `Europe\/Paris`/],
      ['/deadline add "X" 2026-03-01 12:00 UTC', /That is in the past/],
      ['/deadline add "X" 2026-05-01 12:00 UTC remind 0h,-3d', /"0h" is zero/],
      ['/deadline add "X" 2026-05-01 12:00 UTC remind 3d,-1h', /"-1h" is negative/],
      ['/deadline add "X" 2027-03-14 02:30 America/New_York', /02:30 does not exist on 2027-03-14 in America\/New_York/],
      ['/deadline add "X" 2026-11-01 01:30 America/New_York', /happens twice/],
      ['/deadline add "X" 2026-05-01 12:00 UTC for Nobody', /no constituency called "Nobody"/],
      ['/deadline add "X" 2026-05-01 12:00 UTC link javascript:alert(1)', /https?:\/\//],
      ["/deadline add Speaker proposals 2026-05-01 12:00", /"proposals" is not a date: write YYYY-MM-DD/],
      ["/deadline show D99", /There is no deadline D99/],
      ["/deadline move X1 2026-05-01 12:00", /"X1" is not a deadline id/],
    ];
    const script = [`clock 2026-04-01T08:00:00Z`, YOUTH, ...bad.map(([cmd]) => `olga: ${cmd}`)].join("\n");
    const out = toMember(await simulate(app, script), "olga").slice(-bad.length);
    bad.forEach(([, msg], i) => expect(out[i]!.text).toMatch(msg));
    expect(await app.db.prisma.deadline.count()).toBe(0);
  });

  it("lets only organisers and the constituency's coordinators add, move and cancel", async () => {
    const out = await simulate(
      app,
      `clock 2026-04-01T08:00:00Z
${YOUTH}
ana: /timezone UTC
ben: /timezone UTC
olga: /constituency add Youth ben
olga: /constituency coordinator Youth ana
ben: /deadline add "X" 2026-05-01 12:00 UTC for Youth
ana: /deadline add "X" 2026-05-01 12:00 UTC
ana: /deadline add "X" 2026-05-01 12:00 UTC for Youth
ben: /deadline move D1 2026-05-02 12:00
ben: /deadline cancel D1
ana: /deadline move D1 2026-05-02 12:00`,
    );
    const ben = toMember(out, "ben").map((l) => l.text);
    expect(ben.filter((t) => /Only network organisers and the constituency's coordinators can (add deadlines for Youth|move deadlines|cancel deadlines)/.test(t))).toHaveLength(3);
    const ana = toMember(out, "ana").map((l) => l.text);
    expect(ana.some((t) => /Only network organisers can add network-wide deadlines/.test(t))).toBe(true);
    expect(ana.some((t) => t.startsWith("Saved D1"))).toBe(true);
    expect(ana.some((t) => t.startsWith("Moved D1"))).toBe(true);
  });

  it("announces a network-wide deadline to every member and lists it with time left and notice", async () => {
    const out = await simulate(
      app,
      `clock 2026-04-01T08:00:00Z
organiser olga
ana: /timezone Asia/Kolkata
ben: /timezone America/Los_Angeles
olga: /deadline add "Registration" 2026-04-15 17:00 AoE
ana: /deadline list`,
    );
    expect(toMember(out, "ben").find((l) => l.text.startsWith("📅"))!.text).toContain("Due 2026-04-15 22:00 America/Los_Angeles (your time) = 2026-04-16 05:00 UTC");
    expect(toMember(out, "ana").at(-1)!.text).toMatch(/D1 2026-04-16 10:30 Asia\/Kolkata · Registration · 14 d 21 h left · notice 14 d 21 h · for everyone in the network/);
  });
});

describe("durable reminders across downtime (simulator `offline`)", () => {
  let app: App;
  beforeAll(async () => {
    app = await targets()[0]!.open();
  });
  afterAll(async () => app?.close());

  it("sends a missed reminder once, marked late, when the deadline is still ahead, and drops those whose deadline passed", async () => {
    const out = await simulate(
      app,
      `clock 2026-04-01T08:00:00Z
organiser olga
ana: /timezone UTC
ana: /quiet off
olga: /deadline add "Early" 2026-04-02 12:00 UTC remind 1h
olga: /deadline add "Later" 2026-04-06 12:00 UTC remind 72h,24h,1h
offline 4d
advance 3d`,
    );
    const got = reminders(out, "ana");
    // Down from 04-01 08:00 to 04-05 08:00: Early's 1h reminder (04-02 11:00) is dropped, its deadline passed.
    // Later's 72h (04-03 12:00) is sent once at restart, marked late; 24h and 1h come on time.
    expect(got.map((l) => l.at)).toEqual(["2026-04-05T08:00:00Z", "2026-04-05T12:00:00Z", "2026-04-06T11:00:00Z"]);
    expect(got[0]!.text).toContain("is due in 1 d 4 h");
    expect(got[0]!.text).toContain("(Late: this reminder was due at 2026-04-03 12:00 UTC; Caucus was offline then.)");
    expect(got.slice(1).every((l) => !l.text.includes("(Late:"))).toBe(true);
    expect(got.every((l) => l.text.includes("D2 Later"))).toBe(true);
    const rows = await app.db.prisma.reminder.findMany({ where: { member: { displayName: "ana" } }, include: { deadline: true } });
    expect(rows.filter((r) => r.deadline.title === "Early").map((r) => [r.sentAt, r.droppedAt !== null])).toEqual([[null, true]]);
    expect(rows.filter((r) => r.late)).toHaveLength(1);
    expect(rows.filter((r) => r.sentAt !== null)).toHaveLength(3);
  });
});

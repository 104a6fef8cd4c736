// Thousands of random and malformed inbound events through the router, on one PGlite database for the file.
// Invariants: handle never throws; every "⚠️" refusal is a private reply; no "Something went wrong on our side"
// (a bug); a refused command leaves the database as it was, except what the router does for every command:
// resolveActor creates a newcomer (and onNewMember tells them of network-wide deadlines), and the zone nudge
// stamps zonePromptedAt. Those two are checked exactly, not ignored.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../adapters/compose.ts";
import { renderPlain } from "../../adapters/console/renderPlain.ts";
import { commands } from "../../commands/index.ts";
import type { Actor, InboundEvent } from "../../src/event.ts";
import type { Send } from "../../src/message.ts";
import { actor, channel, clearAll, run, targets, texts } from "../support/testApp.ts";

// The one place an inbound event is built: adapt it when command parsing changes.
type Fuzzed =
  | { kind: "command"; name: string; text: string }
  | { kind: "action"; actionId: string; value: string }
  | { kind: "formSubmit"; formId: string; context: string; values: Record<string, string> };
function inbound(who: Actor, e: Fuzzed): InboundEvent {
  return { ...e, actor: who, channel };
}

// Fixed actors, each always presented with the same attributes, so resolveActor's profile refresh is a no-op.
const OLGA = actor("olga", { isPlatformAdmin: true });
const ANA = actor("ana");
const BEN = actor("ben");
const PIA = actor("pia", { platformZone: "Europe/Lisbon" });
const NOAH = actor("noah"); // never sets a zone: sees the nudge once
const START = new Date("2026-04-01T08:00:00Z");

const NAMES = [...commands.map((c) => c.name), "Timezone", "DEADLINE", "/deadline", "deadlin", "", "caucus help", "ünïcode", "x".repeat(300)];
// The help examples name members this database has not met: use ours, so more of them get through.
const EXAMPLES = commands.flatMap((c) => c.subcommands.flatMap((s) => s.examples).map((example) => example.replace(/amina/g, "ana").replace(/luis/g, "ben")));

const realTokens = fc.constantFrom(
  ...["help", "add", "remove", "create", "list", "show", "move", "cancel", "report", "open", "join", "leave", "coordinator", "demote", "organisers", "organiser", "all", "off"],
  ...["accept", "decline", "results", "ballots", "audit", "for", "remind", "link", "seats", "method", "nominations", "voting", "endorsements"],
  ...["irv", "stv", "scottish-stv", "meek", "schulze", "approval", "Youth", "youth", '"Trade unions"', '"Youth"', "D1", "D2", "d3", "D0", "D99999999999", "E1", "E2", "e1", "E0"],
  ...["2026-05-01", "2026-04-01", "2026-02-30", "2026-13-01", "9999-12-31", "0000-01-01", "2026-5-1", "01/05/2026", "23:00", "00:00", "24:00", "25:61", "9:5", "12:00pm"],
  ...["Europe/Paris", "Geneva", "Europe/Geneva", "AoE", "aoe", "Portland", "New_York", "+02:00", "Etc/GMT+5", "CET", "Europe/Kiev", "US/Eastern", "Mars/Olympus"],
  ...["0", "1", "-1", "3", "1e309", "NaN", "Infinity", "99999999999999999999", "3d,1h", "0h", "1000000d", "7d,72h,24h,6h,1h", "23:00-06:30", "06:30-06:30"],
  ...["<@U1>", "<@ana>", "<@!123>", "<@U1|ana>", "<@>", "@ana", "@ben", "@olga", "@nobody", "@", "ana", "ben", "https://example.org/x", "javascript:alert(1)"],
);
const oddTokens = fc.constantFrom('"', "“", "”", "‘", "’", "'", '""', "“”", '"unclosed', "“curly unclosed", "‘x’", "O'Brien", "\u202e", "\u0000", "\u200b", "\ufeff", "\n", "\t", "\r\n", "🎉", "👩🏽‍💻", "🏳️‍🌈", "̈", "\u{10FFFF}", "\ud800");
const token = fc.oneof(
  { weight: 6, arbitrary: realTokens },
  { weight: 3, arbitrary: oddTokens },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 8 }) },
  { weight: 1, arbitrary: fc.tuple(realTokens, oddTokens).map(([a, b]) => a + b) },
  { weight: 1, arbitrary: fc.array(realTokens, { minLength: 1, maxLength: 3 }).map((ts) => `“${ts.join(" ")}”`) },
  { weight: 1, arbitrary: fc.constantFrom("x".repeat(250), "ab ".repeat(700), "é".repeat(2001), "🎉".repeat(1500)) },
);
const separator = fc.constantFrom(" ", " ", " ", "  ", "\t", "\n", "");
const words = (min: number, max: number) => fc.array(fc.tuple(token, separator), { minLength: min, maxLength: max }).map((ws) => ws.map(([t, s]) => t + s).join(""));

// A real example with a few tokens replaced, dropped or added: deep enough to reach the commands' own checks.
const mutatedExample = fc
  .tuple(fc.constantFrom(...EXAMPLES), fc.array(fc.tuple(fc.constantFrom("replace", "drop", "insert"), fc.nat(), token), { maxLength: 3 }))
  .map(([example, edits]): Fuzzed => {
    const [name, ...args] = example.slice(1).split(" ");
    for (const [op, at, t] of edits) {
      const i = args.length ? at % (args.length + (op === "insert" ? 1 : 0)) : 0;
      if (op === "replace" && args.length) args[i] = t;
      else if (op === "drop") args.splice(i, 1);
      else args.splice(i, 0, t);
    }
    return { kind: "command", name: name!, text: args.join(" ") };
  });
const randomCommand = fc.record({ kind: fc.constant("command" as const), name: fc.oneof(fc.constantFrom(...NAMES), fc.string({ maxLength: 10 })), text: words(0, 8) });
const idPrefix = fc.oneof(fc.constantFrom(...commands.map((c) => c.name), "", ":", "nomination:accept", "nomination:decline", "nomination:", "nomination:accept:extra"), fc.string({ maxLength: 8 }));
const action = fc.record({
  kind: fc.constant("action" as const),
  actionId: fc.oneof(idPrefix, fc.tuple(idPrefix, fc.string({ maxLength: 6 })).map(([a, b]) => `${a}:${b}`)),
  value: fc.oneof(fc.constantFrom("E1", "E2", "e1", "E0", "E999999999999", "", " ", "D1"), token),
});
const form = fc.record({
  kind: fc.constant("formSubmit" as const),
  formId: fc.oneof(idPrefix, fc.tuple(idPrefix, fc.string({ maxLength: 6 })).map(([a, b]) => `${a}:${b}`)),
  context: fc.oneof(fc.constantFrom("", "E1", "{}", "null"), token),
  values: fc.dictionary(fc.constantFrom("title", "date", "time", "zone", "x", "", "__proto__"), token, { maxKeys: 4 }),
});
const event = fc.oneof({ weight: 5, arbitrary: mutatedExample }, { weight: 4, arbitrary: randomCommand }, { weight: 1, arbitrary: action }, { weight: 1, arbitrary: form });
// Newcomers get a fresh id per run, so every run may be someone's first event.
const who = fc.constantFrom<Actor | "newcomer">(OLGA, ANA, BEN, PIA, NOAH, "newcomer", "newcomer");
const step = fc.record({ who, event, minutes: fc.constantFrom(0, 1, 7, 60, 24 * 60) });

const plain = (s: Send): string => (s.kind === "form" ? `[form ${s.form.title}]` : s.kind === "formErrors" ? Object.values(s.errors).map((e) => `⚠️ ${e}`).join("\n") : renderPlain(s.message));
const isRefusal = (s: Send): boolean => plain(s).startsWith("⚠️");

describe("router fuzz: random and malformed events", () => {
  let app: App;
  let tables: string[];
  let now = START;
  let newcomers = 0;
  const sql = <T,>(query: string, ...params: unknown[]) => app.db.prisma.$queryRawUnsafe<T[]>(query, ...params);

  /** The actor's member as stored, or null before their first command. */
  async function memberOf(a: Actor): Promise<{ id: string; zonePromptedAt: Date | null } | null> {
    const rows = await sql<{ id: string; zonePromptedAt: Date | null }>(
      `SELECT m.id, m."zonePromptedAt" FROM "Identity" i JOIN "Member" m ON m.id = i."memberId" WHERE i.platform = $1 AND i."workspaceId" = $2 AND i."userId" = $3`,
      a.platform,
      a.workspaceId,
      a.userId,
    );
    return rows[0] ?? null;
  }

  /**
   * One digest per table over every row. `stamped` leaves out that member's zonePromptedAt (the nudge, checked on
   * its own); `newcomer` leaves out every row that names that member (checked on its own).
   */
  async function digest(stamped: string | null, newcomer: string | null): Promise<Record<string, string>> {
    const parts = tables.map(
      (t) =>
        // An order-free sum of 64-bit row hashes: no sort, no concatenation.
        `SELECT '${t}' AS t, count(*)::int AS n, coalesce(sum(hashtextextended(j, 0)), 0)::text AS h FROM (` +
        `SELECT (CASE WHEN '${t}' = 'Member' AND x->>'id' = $1::text THEN x - 'zonePromptedAt' ELSE x END)::text AS j ` +
        `FROM (SELECT to_jsonb(r) AS x FROM "${t}" r) a) b WHERE $2::text IS NULL OR position($2::text in j) = 0`,
    );
    const rows = await sql<{ t: string; n: number; h: string }>(parts.join(" UNION ALL "), stamped, newcomer);
    return Object.fromEntries(rows.map((r) => [r.t, `${r.n}:${r.h}`]));
  }

  /** Rows naming a member, per table. */
  async function rowsNaming(id: string): Promise<Record<string, number>> {
    const parts = tables.map((t) => `SELECT '${t}' AS t, count(*)::int AS n FROM "${t}" r WHERE position($1::text in to_jsonb(r)::text) > 0`);
    const rows = await sql<{ t: string; n: number }>(parts.join(" UNION ALL "), id);
    return Object.fromEntries(rows.filter((r) => r.n > 0).map((r) => [r.t, r.n]));
  }

  beforeAll(async () => {
    app = await targets()[0]!.open();
    await clearAll(app);
    tables = (await sql<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations' ORDER BY 1`)).map((r) => r.tablename);
    // Something for the commands to find: a constituency, deadlines (one network-wide, so a newcomer is told
    // of it), an election with a nomination.
    const seed: [Actor, string][] = [
      [OLGA, "/timezone Europe/Paris"],
      [ANA, "/timezone Africa/Nairobi"],
      [BEN, "/timezone America/New_York"],
      [PIA, "/caucus help"],
      [OLGA, "/constituency create Youth"],
      [OLGA, "/constituency add Youth @ana @ben @pia"],
      [OLGA, '/deadline add "Visa letters" 2026-12-01 09:00 Geneva'],
      [OLGA, '/deadline add "Youth proposals" 2026-05-01 23:00 Europe/Paris for Youth remind 3d,1h'],
      [OLGA, '/election create Youth "Youth spokesperson" seats 1 method irv nominations 2026-05-01 12:00 voting 2026-05-08 12:00 Europe/Paris endorsements 0'],
      [OLGA, "/election open E1"],
      [ANA, "/nominate E1 @ben"],
    ];
    for (const [a, line] of seed) expect(texts(await run(app, a, line, START)), line).not.toMatch(/^⚠️/);
  });
  afterAll(async () => app?.close());

  type Step = { who: Actor | "newcomer"; event: Fuzzed; minutes: number };

  /** Runs one step; checks the reply invariants; returns what is needed to check the database. */
  async function handleChecked({ who: w, event: e, minutes }: Step): Promise<{ a: Actor; sends: Send[]; refused: boolean }> {
    now = new Date(now.getTime() + minutes * 60_000);
    const a = w === "newcomer" ? actor(`newcomer${++newcomers}`) : w;
    const sends = await app.bot.handle(inbound(a, e), now); // a throw fails the property
    for (const s of sends) expect(plain(s)).not.toContain("Something went wrong on our side");
    for (const s of sends.filter(isRefusal)) expect(s).toMatchObject({ kind: "reply", visibility: "private" });
    return { a, sends, refused: sends[0] !== undefined && isRefusal(sends[0]) };
  }

  const seed = Number(process.env.FUZZ_SEED ?? 20261201);

  it("never throws, refuses privately with ⚠️ and never fails on our side", async () => {
    const numRuns = Number(process.env.FUZZ_RUNS ?? 1200);
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(step, async (st) => {
        if (!(await handleChecked(st)).refused) accepted++;
      }),
      { numRuns, seed, endOnFailure: true },
    );
    // Some events get through, so the commands' own paths past parsing are exercised too.
    expect(accepted).toBeGreaterThan(numRuns / 100);
  }, 120_000);

  it("leaves the database as it was after a refusal, but for the newcomer and the zone nudge", async () => {
    const numRuns = Number(process.env.FUZZ_DB_RUNS ?? 200);
    let refusals = 0;
    await fc.assert(
      fc.asyncProperty(step, async (st) => {
        // Who the actor is before the event, to tell a newcomer from a member.
        const a0 = st.who === "newcomer" ? actor(`newcomer${newcomers + 1}`) : st.who;
        // Noah stands for a member not nudged yet (the first test nudged him): every event of his may nudge.
        if (a0 === NOAH) await app.db.prisma.$executeRawUnsafe(`UPDATE "Member" SET "zonePromptedAt" = NULL WHERE id = (SELECT "memberId" FROM "Identity" WHERE "userId" = 'noah')`);
        const before = await memberOf(a0);
        const digestBefore = await digest(before?.id ?? null, null);
        const { a, sends, refused } = await handleChecked(st);
        expect(a.userId).toBe(a0.userId);
        if (!refused) return;
        refusals++;

        const after = await memberOf(a);
        const nudged = sends.map(plain).some((t) => t.startsWith("Tip: you have not set your time zone"));
        if (before) {
          expect(after?.id).toBe(before.id);
          expect(await digest(before.id, null)).toEqual(digestBefore);
          // The nudge stamps zonePromptedAt once, at this event's time; otherwise it stays as it was.
          if (nudged) expect(before.zonePromptedAt).toBeNull();
          expect(after?.zonePromptedAt ?? null).toEqual(nudged ? now : before.zonePromptedAt);
        } else if (after) {
          // A newcomer: their member and identity, and what onNewMember planned for network-wide deadlines.
          expect(await digest(null, after.id)).toEqual(digestBefore);
          const named = await rowsNaming(after.id);
          expect(Object.keys(named).every((t) => ["Member", "Identity", "DeadlineRecipient", "Reminder"].includes(t)), JSON.stringify(named)).toBe(true);
          expect(named).toMatchObject({ Member: 1, Identity: 1 });
          // Their member row is a fresh one, nudged (or not) at this event's time.
          const [row] = await sql<Record<string, unknown>>(`SELECT * FROM "Member" WHERE id = $1`, after.id);
          expect(row).toMatchObject({ displayName: a.displayName, zone: null, platformZone: null, quietStart: null, quietEnd: null, quietOff: false, isOrganiser: false, platformAdmin: false });
          expect(row!.zonePromptedAt).toEqual(nudged ? now : null);
          const forConstituency = await sql<{ n: number }>(
            `SELECT count(*)::int AS n FROM "DeadlineRecipient" r JOIN "Deadline" d ON d.id = r."deadlineId" WHERE r."memberId" = $1 AND d."constituencyId" IS NOT NULL`,
            after.id,
          );
          expect(forConstituency[0]?.n).toBe(0);
        } else {
          // Refused before anyone was met (unknown command, unreadable text): nothing at all.
          expect(await digest(null, null)).toEqual(digestBefore);
        }
      }),
      { numRuns, seed: seed + 1, endOnFailure: true },
    );
    // The property must have been exercised: most fuzzed events are refusals.
    expect(refusals).toBeGreaterThan(numRuns / 2);
  }, 120_000);
});

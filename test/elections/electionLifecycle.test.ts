// Issue 8, the lifecycle items: phase dates owned by their election, withdrawal and departed candidates, mandates
// that end, the roll and roster changes in the open, honest messages, and a scheduler one bad election cannot stall.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { App } from "../../adapters/compose.ts";
import { renderPlain } from "../../adapters/console/renderPlain.ts";
import { fitMessage } from "../../src/fitMessage.ts";
import type { Message, Send } from "../../src/message.ts";
import { UNLIMITED } from "../../src/platformPort.ts";
import { parseBlt } from "../../src/tally/parseBlt.ts";
import { tally } from "../../src/tally/tally.ts";
import { actor, clearAll, run, targets, texts, tick } from "../support/testApp.ts";

const T0 = new Date("2026-05-01T08:00:00Z");
const NOMINATIONS = new Date("2026-05-02T12:00:00Z");
const VOTING = new Date("2026-05-03T09:00:00Z");
const CLOSE = new Date("2026-05-04T12:00:00Z");
const AFTER = new Date("2026-05-05T09:00:00Z");
const olga = actor("olga", { isPlatformAdmin: true });

/** ana, ben, cat on Youth's roster; E1 (one seat, IRV) open with ana and ben standing. */
async function openE1(app: App, method = "irv") {
  for (const n of ["olga", "ana", "ben", "cat", "dan"]) await run(app, n === "olga" ? olga : n, "/timezone UTC", T0);
  await run(app, olga, "/constituency create Youth", T0);
  await run(app, olga, "/constituency add Youth ana ben cat", T0);
  await run(app, olga, `/election create Youth "Speaker" seats 1 method ${method} nominations 2026-05-02 12:00 voting 2026-05-04 12:00 UTC`, T0);
  await run(app, olga, "/election open E1", T0);
  await run(app, "ana", "/nominate E1 ana", T0);
  await run(app, "ben", "/nominate E1 ben", T0);
}

const logKinds = async (app: App) => (await app.db.prisma.electionLogEntry.findMany({ orderBy: { seq: "asc" } })).map((l) => [l.kind, l.payload]);
const dmsTo = (sends: Send[]) => sends.flatMap((s) => (s.kind === "dm" ? [s.to.displayName] : []));
const posts = (sends: Send[]) => sends.flatMap((s) => (s.kind === "post" ? [renderPlain(s.message)] : []));

for (const target of targets()) {
  describe(`election lifecycle on ${target.name}`, () => {
    let app: App;
    beforeAll(async () => {
      app = await target.open();
    });
    afterAll(async () => app?.close());
    beforeEach(async () => clearAll(app));

    it("refuses /deadline move and cancel on an election's phase dates, says how to change the election, and tells nobody", async () => {
      await openE1(app);
      const dates = await app.db.prisma.deadline.findMany({ orderBy: { number: "asc" } });
      expect(dates.map((d) => d.electionPhase)).toEqual(["nominations", "voting"]);
      const moved = await run(app, olga, "/deadline move D2 2026-05-09 12:00 UTC", T0);
      expect(texts(moved)).toBe(
        "⚠️ D2 is when E1's voting closes: the election owns that date, frozen in its rules when it opened, so it cannot be moved with /deadline. " +
          "/election show E1 shows the rules; to hold the vote on other dates, create a new election with /election create.",
      );
      const cancelled = await run(app, olga, "/deadline cancel D1", T0);
      expect(texts(cancelled)).toMatch(/^⚠️ D1 is when E1's nominations close: the election owns that date.*cannot be cancelled with \/deadline/);
      expect(moved.concat(cancelled).filter((s) => s.kind !== "reply")).toEqual([]);
      expect((await app.db.prisma.deadline.findMany({ orderBy: { number: "asc" } })).map((d) => [d.dueAt, d.cancelledAt, d.generation])).toEqual(dates.map((d) => [d.dueAt, null, 0]));
      // The election keeps its own dates, and so do the deadlines members were told.
      await tick(app, NOMINATIONS);
      expect((await app.db.prisma.election.findFirstOrThrow()).status).toBe("voting");
    });

    it("withdraws a candidate who leaves the constituency during voting: announced, logged, struck off the count as BLT withdrawn", async () => {
      await openE1(app);
      await tick(app, NOMINATIONS);
      await run(app, "ana", "/vote E1 ana", VOTING);
      await run(app, "ben", "/vote E1 ben", VOTING);
      await run(app, "cat", "/vote E1 ben ana", VOTING);
      const left = await run(app, "ben", "/constituency leave Youth", VOTING);
      expect(posts(left)).toEqual([
        expect.stringMatching(/^🗳️ E1 Speaker: ben left Youth and so is withdrawn\. Ballots are counted as if ben were not on them: each ballot's next choice counts instead\./),
      ]);
      expect(dmsTo(left).sort()).toEqual(["ana", "ben", "cat"]);
      expect((await logKinds(app)).filter(([k]) => k === "withdrawn")).toEqual([["withdrawn", { candidate: "ben", reason: "left Youth", phase: "voting" }]]);
      expect(texts(await run(app, "cat", "/vote E1 ben", VOTING))).toMatch(/^⚠️ ben has withdrawn from E1: leave them out\. Candidates: ana\./);
      const closed = await tick(app, CLOSE);
      // ben had 2 of 3 first preferences; struck off, cat's ballot passes to ana, ben's own is exhausted.
      expect(posts(closed)[0]).toMatch(/Elected: ana\.[\s\S]*Withdrawn before the close \(struck off every ballot\): ben\./);
      const ballots = await run(app, "cat", "/election ballots E1", AFTER);
      const reply = ballots[0]!;
      if (reply.kind !== "reply") throw new Error("expected a reply");
      const blt = parseBlt(reply.message.attachment!.content);
      if (!blt.ok) throw new Error(blt.error);
      expect(blt.value.withdrawn).toEqual([1]);
      expect(reply.message.attachment!.content.split("\n")[1]).toBe("-2");
      // An independent recount of the published file elects the same person.
      expect(tally(blt.value, "irv").elected).toEqual(["ana"]);
      expect(texts(await run(app, "ana", "/mandate ben", AFTER))).toBe("ben holds no mandate from a Caucus election.");
    });

    it("ends a mandate when its holder leaves the constituency, and /mandate says so", async () => {
      await openE1(app);
      await tick(app, NOMINATIONS);
      await run(app, "ana", "/vote E1 ana", VOTING);
      await tick(app, CLOSE);
      expect(texts(await run(app, "cat", "/mandate ana", AFTER))).toMatch(/^ana speaks for:\n• Youth: elected 2026-05-04 12:00 UTC in E1 Speaker/);
      const removed = await run(app, olga, "/constituency remove Youth ana", AFTER);
      expect(posts(removed)).toContain("🗳️ ana left Youth, so their mandate from E1 Speaker has ended (/mandate ana).");
      // Coming back does not restore it: a mandate is given by a vote, not by a roster.
      await run(app, olga, "/constituency add Youth ana", AFTER);
      const shown = texts(await run(app, "cat", "/mandate ana", AFTER));
      expect(shown).toMatch(/^ana holds no current mandate\.\nEnded mandates \(ana no longer speaks for these\):\n• Youth: elected 2026-05-04 12:00 UTC in E1 Speaker .* Ended 2026-05-05 09:00 UTC, when ana left Youth\./);
      expect(shown).not.toMatch(/speaks for:/);
    });

    it("lets a candidate withdraw before voting (they do not stand) and during voting (struck off), until the close", async () => {
      await openE1(app, "approval");
      await run(app, "cat", "/nominate E1 cat", T0);
      const early = await run(app, "cat", "/nomination withdraw E1", T0);
      expect(texts(early)).toMatch(/^You withdrew your nomination in E1: you will not stand\./);
      expect(posts(early)).toEqual(["🗳️ E1: cat withdrew their nomination; they will not stand."]);
      expect(texts(await run(app, "dan", "/nomination withdraw E1", T0))).toBe("⚠️ You are not a nominee in E1.");
      await tick(app, NOMINATIONS);
      expect((await app.db.prisma.election.findFirstOrThrow()).rules).toMatchObject({ candidates: expect.any(Array) });
      expect(((await app.db.prisma.election.findFirstOrThrow()).rules as { candidates: string[] }).candidates).toHaveLength(2);
      await run(app, "ana", "/vote E1 ana ben", VOTING);
      await run(app, "cat", "/vote E1 ben ana", VOTING);
      await run(app, "ben", "/vote E1 ben", VOTING);
      const during = await run(app, "ben", "/nomination withdraw E1", VOTING);
      expect(texts(during)).toMatch(/^You withdrew from E1: the count strikes you off every ballot/);
      expect(posts(during)[0]).toMatch(/^🗳️ E1 Speaker: ben has withdrawn\. Approvals of ben are not counted; a ballot's other approvals still are\./);
      expect(texts(await run(app, "ben", "/nomination withdraw E1", VOTING))).toBe("⚠️ You have already withdrawn from E1.");
      expect((await logKinds(app)).filter(([k]) => k === "withdrawn").map(([, p]) => p)).toEqual([
        { candidate: "cat", reason: "withdrew", phase: "nominations" },
        { candidate: "ben", reason: "withdrew", phase: "voting" },
      ]);
      await tick(app, CLOSE);
      const result = (await app.db.prisma.election.findFirstOrThrow()).result as { elected: string[]; withdrawn: string[] };
      expect(result).toMatchObject({ elected: ["ana"], withdrawn: ["ben"] });
      expect(texts(await run(app, "ana", "/nomination withdraw E1", AFTER))).toMatch(/^⚠️ E1 has closed: withdrawal is possible only until the close/);
    });

    it("logs roster changes in the audit chain while the roll is still to freeze, and shows the roll to the constituency by name", async () => {
      await openE1(app);
      await run(app, olga, "/constituency add Youth dan", T0);
      await run(app, "cat", "/constituency leave Youth", T0);
      expect((await logKinds(app)).filter(([k]) => String(k).startsWith("roster-"))).toEqual([
        ["roster-joined", { member: "dan", constituency: "Youth" }],
        ["roster-left", { member: "cat", constituency: "Youth" }],
      ]);
      expect(texts(await run(app, "dan", "/election roll E1", T0))).toBe("Roll of E1 if nominations closed now (it freezes 2026-05-02 12:00 UTC), 3 members:\nana, ben, dan\nIt says who may vote, never who has voted.");
      await tick(app, NOMINATIONS);
      await run(app, olga, "/constituency add Youth cat", VOTING);
      expect(texts(await run(app, "ana", "/election roll E1", VOTING))).toBe("Roll of E1 (frozen when nominations closed 2026-05-02 12:00 UTC), 3 members:\nana, ben, dan\nIt says who may vote, never who has voted.");
      await run(app, olga, "/constituency remove Youth cat", VOTING);
      expect(texts(await run(app, "cat", "/election roll E1", VOTING))).toBe("⚠️ The roll of E1 is shown to Youth's roster and to organisers; you are on neither.");
    });

    it("tells a member who joins after the roll froze that they cannot vote, instead of promising voting reminders", async () => {
      await openE1(app);
      await tick(app, NOMINATIONS);
      const joined = await run(app, olga, "/constituency add Youth dan", VOTING);
      const toDan = joined.filter((s) => s.kind === "dm" && s.to.displayName === "dan").map((s) => (s.kind === "dm" ? renderPlain(s.message) : ""));
      expect(toDan).toHaveLength(1);
      expect(toDan[0]).toMatch(/E1 voting closes[\s\S]*You are not on the roll of E1: it froze when nominations closed, before you joined, so you cannot vote in it and get no reminders for it\./);
      expect(toDan[0]).not.toMatch(/Reminders:/);
      const dan = await app.db.prisma.member.findFirstOrThrow({ where: { displayName: "dan" } });
      expect(await app.db.prisma.reminder.count({ where: { memberId: dan.id } })).toBe(0);
    });

    it("closes the other elections when one fails at its close, reports the failure to organisers once, and retries it", async () => {
      await openE1(app);
      await run(app, olga, "/constituency create Elders", T0);
      await run(app, olga, "/constituency add Elders dan", T0);
      await run(app, olga, '/election create Elders "Elder" seats 1 method irv nominations 2026-05-02 12:00 voting 2026-05-04 12:00 UTC', T0);
      await run(app, olga, "/election open E2", T0);
      await run(app, "dan", "/nominate E2 dan", T0);
      await tick(app, NOMINATIONS);
      await run(app, "ana", "/vote E1 ana", VOTING);
      await run(app, "dan", "/vote E2 dan", VOTING);
      // Someone with database access breaks E1's ballot: its count throws, E1's close rolls back.
      const e1 = await app.db.prisma.election.findFirstOrThrow({ where: { number: 1 } });
      await app.db.prisma.$executeRawUnsafe(`UPDATE "Ballot" SET choices = '"ana"' WHERE "electionId" = $1`, e1.id);
      const first = await tick(app, CLOSE);
      const status = async () => (await app.db.prisma.election.findMany({ orderBy: { number: "asc" } })).map((e) => e.status);
      expect(await status()).toEqual(["voting", "closed"]);
      expect(posts(first).some((p) => p.startsWith("🗳️ Result of E2"))).toBe(true);
      const report = first.filter((d) => d.kind === "dm" && d.to.displayName === "olga").map((d) => renderPlain(d.message));
      expect(report).toEqual([expect.stringMatching(/^⚠️ E1 Speaker: Caucus could not close and count at 2026-05-04 12:00 UTC\. Nothing was changed\.\nIt is retried automatically/)]);
      // Retried later, not in a tight loop; reported once however often it fails.
      expect((await app.scheduler.nextDue())!.getTime()).toBe(CLOSE.getTime() + 60_000);
      expect((await tick(app, new Date(CLOSE.getTime() + 60_000))).filter((d) => d.kind === "dm" && d.to.displayName === "olga")).toEqual([]);
      await app.db.prisma.$executeRawUnsafe(`UPDATE "Ballot" SET choices = $1::jsonb WHERE "electionId" = $2`, JSON.stringify([(await app.db.prisma.member.findFirstOrThrow({ where: { displayName: "ana" } })).id]), e1.id);
      const retried = await tick(app, new Date(CLOSE.getTime() + 3 * 60_000 + 1));
      expect(await status()).toEqual(["closed", "closed"]);
      expect(posts(retried).some((p) => p.startsWith("🗳️ Result of E1"))).toBe(true);
    });

    it("counts a candidate whose display name is empty instead of throwing at the close", async () => {
      await openE1(app);
      // Blank when voting opens, so frozen blank (a rename after that changes nothing: test/elections/frozenNames.test.ts).
      await app.db.prisma.member.updateMany({ where: { displayName: "ben" }, data: { displayName: "  " } });
      await tick(app, NOMINATIONS);
      await run(app, "cat", '/vote E1 "unnamed candidate"', VOTING);
      await tick(app, CLOSE);
      const e = await app.db.prisma.election.findFirstOrThrow();
      expect(e.status).toBe("closed");
      expect((e.result as { elected: string[] }).elected).toEqual(["unnamed candidate"]);
    });

    it("says at open who sees what and that ballots are published in full, and hides live turnout from plain members", async () => {
      await openE1(app);
      const open = (await app.db.prisma.electionLogEntry.findFirstOrThrow({ where: { kind: "opened" } })).payload as { rules: Record<string, string> };
      expect(open.rules.whoSeesWhat).toMatch(/ballot contents: nobody, ever, with the voter's name.*Turnout.*organisers and the constituency's coordinators, live; everyone at the close.*no running tally is shown to anyone before it/);
      expect(open.rules.ballotsPublished).toMatch(/^Ballots: published in full after the close/);
      expect(texts(await run(app, "ana", "/election show E1", T0))).toContain(open.rules.whoSeesWhat);
      await tick(app, NOMINATIONS);
      await run(app, "ana", "/vote E1 ana", VOTING);
      expect(texts(await run(app, "cat", "/election show E1", VOTING))).toContain("Turnout is published at the close (live only to organisers and Youth's coordinators).");
      expect(texts(await run(app, olga, "/election show E1", VOTING))).toContain("Turnout so far: 1 of 3 on the roll.");
    });

    it("states how many ballots are unique in the result and in /election ballots, on every delivery path", async () => {
      await openE1(app);
      await tick(app, NOMINATIONS);
      await run(app, "ana", "/vote E1 ana ben", VOTING);
      await run(app, "ben", "/vote E1 ana ben", VOTING);
      await run(app, "cat", "/vote E1 ben", VOTING);
      const closed = await tick(app, CLOSE);
      expect(posts(closed)[0]).toContain("Unique ballots: 1 of 3 (cast by one voter only");
      expect(texts(await run(app, "cat", "/election results E1", AFTER))).toContain("Unique ballots: 1 of 3");
      const [reply] = await run(app, "cat", "/election ballots E1", AFTER);
      if (reply?.kind !== "reply") throw new Error("expected a reply");
      const message: Message = reply.message;
      expect(renderPlain({ text: message.text })).toContain("Unique ballots: 1 of 3");
      // Files attached (Slack, Discord), paged in code blocks (a platform without files), printed after (console):
      // the text never says where the file is, and each path says it once, truthfully.
      const withFiles = fitMessage(message, UNLIMITED);
      const withoutFiles = fitMessage(message, { ...UNLIMITED, files: false });
      for (const parts of [withFiles, withoutFiles]) expect(parts.map(renderPlain).join("\n")).not.toMatch(/above|below|attached/i);
      expect(withFiles[0]!.attachment?.filename).toBe("E1-ballots.blt");
      expect(withoutFiles.map(renderPlain).join("\n")).toContain("The file E1-ballots.blt (8 lines) follows in code blocks: save the lines inside them, in order, as E1-ballots.blt.");
      expect(renderPlain(message).split("\n").slice(message.text.length).join("\n")).toBe(message.attachment!.content);
    });
  });
}

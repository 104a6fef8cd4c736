// Issue 9: a constituency's roster follows a platform group (a Slack user group here; a Discord role works the
// same way through the same core API). The far side (the platform's directory) is faked; the database is real.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { App } from "../adapters/compose.ts";
import { MAX_MEETINGS_PER_SYNC, type GroupEvent } from "../src/groupRoster.ts";
import type { PlatformGroup, PlatformUser } from "../src/platformPort.ts";
import { userDirectory } from "../src/userDirectory.ts";
import { actor, clearAll, delivered, run, targets, texts, tick } from "./support/testApp.ts";

const T0 = new Date("2026-05-01T08:00:00Z");
const NOMINATIONS = new Date("2026-05-02T12:00:00Z");
const VOTING = new Date("2026-05-03T09:00:00Z");

/** Slack workspace T1: user group S_YOUTH; the directory knows everyone whose id starts with U, except U404. */
const groups = new Map<string, PlatformGroup>();
const lookups: string[] = [];
const fakeSlack = {
  platform: "slack",
  async lookupUser(_workspaceId: string, userId: string): Promise<PlatformUser> {
    lookups.push(userId);
    if (userId === "U404") return { kind: "unknown" };
    if (userId === "U503") return { kind: "unavailable", reason: "rate limited" };
    return { kind: "found", displayName: userId.slice(1).toLowerCase() };
  },
  async groupMembers(workspaceId: string, groupId: string): Promise<PlatformGroup> {
    return groups.get(`${workspaceId}/${groupId}`) ?? { kind: "unknown" };
  },
};
const slack = (name: string, opts = {}) => actor(name, { platform: "slack", workspaceId: "T1", workspaceName: "Coalition", userId: `U${name.toUpperCase()}`, ...opts });
const olga = slack("olga", { isPlatformAdmin: true });
const YOUTH = "<!subteam^S0YOUTH|@youth>";
const youthEvent = (change: GroupEvent["change"], workspaceId = "T1"): GroupEvent => ({ group: { platform: "slack", workspaceId, groupId: "S0YOUTH" }, change });

for (const target of targets({ directory: userDirectory([fakeSlack]) })) {
  describe(`rosters following a platform group on ${target.name}`, () => {
    let app: App;
    beforeAll(async () => {
      app = await target.open();
    });
    afterAll(async () => app?.close());
    beforeEach(async () => {
      await clearAll(app);
      groups.clear();
      lookups.length = 0;
    });
    const roster = async () => (await app.store.roster((await app.db.prisma.constituency.findFirstOrThrow()).id)).map((r) => r.member.displayName).sort();
    const sync = async (e: GroupEvent, now: Date) => {
      const reports = await app.bot.groupChanged(e, now);
      return { reports, sent: await delivered(app, now) };
    };

    it("follows a user group: its members join the roster, people Caucus has not met are met through the platform, unknown ids are left off", async () => {
      for (const n of ["olga", "ana", "ben"]) await run(app, slack(n), "/timezone UTC", T0);
      await run(app, olga, "/constituency create Youth", T0);
      groups.set("T1/S0YOUTH", { kind: "found", userIds: ["UANA", "UBEN", "UNIA", "U404"], name: "youth" });
      const out = texts(await run(app, olga, `/constituency follow Youth ${YOUTH}`, T0));
      expect(out).toContain("Youth's roster now follows the Slack user group @youth");
      expect(out).toContain("Brought in step: joined: ana, ben, nia");
      expect(out).toContain("<@U404> (the platform does not know them)");
      expect(await roster()).toEqual(["ana", "ben", "nia"]);
      // Only the one Caucus had not met was looked up (and the unknown id).
      expect(lookups.sort()).toEqual(["U404", "UNIA"]);
      expect(texts(await run(app, olga, "/constituency show Youth", T0))).toContain("Follows the Slack user group @youth: its members are the roster for that workspace's people; last brought in step 2026-05-01 08:00 UTC.");
    });

    it("refuses a plain member, a group the platform does not know, and a handle typed by hand; nothing is followed", async () => {
      await run(app, olga, "/constituency create Youth", T0);
      await run(app, slack("ana"), "/timezone UTC", T0);
      expect(texts(await run(app, slack("ana"), `/constituency follow Youth ${YOUTH}`, T0))).toBe(
        "⚠️ Only network organisers can make a roster follow a group. Admins of the workspace that founded the network are organisers by right; an organiser can make you one with /caucus organiser add <member>.",
      );
      expect(texts(await run(app, olga, `/constituency follow Youth ${YOUTH}`, T0))).toBe("⚠️ slack knows no group @youth in this workspace: type @ and pick it from the list.");
      expect(texts(await run(app, olga, "/constituency follow Youth @youth", T0))).toMatch(/^⚠️ "@youth" is not a group mention\. Type @ and pick the user group/);
      expect(await app.db.prisma.constituencyGroup.count()).toBe(0);
    });

    it("keeps the roster in step with the group's changes; the leaver's reminders stop and the joiner hears of the deadlines ahead", async () => {
      await run(app, olga, "/constituency create Youth", T0);
      groups.set("T1/S0YOUTH", { kind: "found", userIds: ["UANA", "UBEN"] });
      await run(app, olga, `/constituency follow Youth ${YOUTH}`, T0);
      await run(app, olga, "/deadline add Report 2026-05-20 12:00 UTC for Youth", T0);
      const benId = (await app.db.prisma.member.findFirstOrThrow({ where: { displayName: "ben" } })).id;
      expect(await app.db.prisma.reminder.count({ where: { memberId: benId } })).toBeGreaterThan(0);

      const { reports, sent } = await sync(youthEvent({ kind: "changed", added: ["UCAT"], removed: ["UBEN"] }), VOTING);
      expect(reports).toEqual([{ constituency: "Youth", added: ["cat"], removed: ["ben"], notMet: [] }]);
      expect(await roster()).toEqual(["ana", "cat"]);
      expect(await app.db.prisma.reminder.count({ where: { memberId: benId, sentAt: null } })).toBe(0);
      expect(sent.map((s) => (s.kind === "dm" ? `${s.to.displayName}: ${texts([{ kind: "reply", visibility: "private", message: s.message }]).split("\n")[0]}` : s.kind))).toEqual([
        "cat: 📅 Deadline D1: Report",
      ]);
      // The same news twice changes nothing.
      expect((await sync(youthEvent({ kind: "changed", added: ["UCAT"], removed: ["UBEN"] }), VOTING)).reports).toEqual([{ constituency: "Youth", added: [], removed: [], notMet: [] }]);
    });

    it("a full member list removes this workspace's people who are not in it and never touches members from another workspace", async () => {
      await run(app, olga, "/constituency create Youth", T0);
      groups.set("T1/S0YOUTH", { kind: "found", userIds: ["UANA", "UBEN"] });
      await run(app, olga, `/constituency follow Youth ${YOUTH}`, T0);
      // A member of the same network known only on the console (another workspace), added by hand.
      await app.db.prisma.workspace.create({ data: { networkId: (await app.db.prisma.network.findFirstOrThrow()).id, platform: "console", externalId: "ws1", name: "Console" } });
      await run(app, actor("zoe"), "/timezone UTC", T0);
      await run(app, olga, "/constituency add Youth zoe", T0);
      expect(await roster()).toEqual(["ana", "ben", "zoe"]);
      await sync(youthEvent({ kind: "all", userIds: ["UBEN", "UDAN"] }), VOTING);
      expect(await roster()).toEqual(["ben", "dan", "zoe"]);
    });

    it("refuses hand-made roster changes for the group's people while it is followed, and allows them after unfollow", async () => {
      await run(app, slack("ana"), "/timezone UTC", T0);
      await run(app, olga, "/constituency create Youth open", T0);
      groups.set("T1/S0YOUTH", { kind: "found", userIds: ["UBEN"] });
      await run(app, olga, `/constituency follow Youth ${YOUTH}`, T0);
      expect(texts(await run(app, olga, "/constituency add Youth ana", T0))).toBe(
        "⚠️ Youth's roster follows the Slack user group @youth for ana's workspace: add them to the group on the platform and the roster follows (or /constituency unfollow \"Youth\" first).",
      );
      expect(texts(await run(app, olga, "/constituency remove Youth ben", T0))).toMatch(/^⚠️ Youth's roster follows the Slack user group @youth for ben's workspace: remove them from the group/);
      expect(texts(await run(app, slack("ana"), "/constituency join Youth", T0))).toMatch(/^⚠️ Youth's roster follows the Slack user group @youth for ana's workspace: join the group/);
      expect(await roster()).toEqual(["ben"]);
      expect(texts(await run(app, slack("ana"), "/constituency unfollow Youth", T0))).toMatch(/^⚠️ Only network organisers can stop a roster following a group\./);
      expect(texts(await run(app, olga, "/constituency unfollow Youth", T0))).toBe(
        "Youth's roster no longer follows the Slack user group @youth. Everyone stays on it; add and remove members with /constituency add and remove.",
      );
      expect(texts(await run(app, olga, "/constituency add Youth ana", T0))).toBe("Added to Youth: ana.");
      // Unfollowed: the group's news no longer reaches the roster.
      expect((await sync(youthEvent({ kind: "all", userIds: [] }), VOTING)).reports).toEqual([]);
      expect(await roster()).toEqual(["ana", "ben"]);
      expect(texts(await run(app, olga, "/constituency unfollow Youth", T0))).toBe("⚠️ Youth follows no group in this workspace.");
    });

    it("once nominations close, the roll is fixed: the group's later changes move the roster, never the roll", async () => {
      await run(app, olga, "/constituency create Youth", T0);
      groups.set("T1/S0YOUTH", { kind: "found", userIds: ["UANA", "UBEN", "UCAT"] });
      await run(app, olga, `/constituency follow Youth ${YOUTH}`, T0);
      for (const n of ["ana", "ben", "cat"]) await run(app, slack(n), "/timezone UTC", T0);
      await run(app, olga, '/election create Youth "Speaker" seats 1 method approval nominations 2026-05-02 12:00 voting 2026-05-04 12:00 UTC', T0);
      await run(app, olga, "/election open E1", T0);
      await run(app, slack("ana"), "/nominate E1 ana", T0);
      await run(app, slack("ben"), "/nominate E1 ben", T0);
      await tick(app, NOMINATIONS);
      const e = await app.db.prisma.election.findFirstOrThrow();
      const rollBefore = (await app.store.elections.roll(e.id)).sort();
      expect(rollBefore).toHaveLength(3);

      await sync(youthEvent({ kind: "changed", added: ["UDAN"], removed: ["UCAT"] }), VOTING);
      expect(await roster()).toEqual(["ana", "ben", "dan"]);
      expect((await app.store.elections.roll(e.id)).sort()).toEqual(rollBefore);
      // cat left the group but is on the roll: they still vote. dan joined after the freeze: not on the roll.
      expect(texts(await run(app, slack("cat"), "/vote E1 ana", VOTING))).toMatch(/^Ballot cast in E1/);
      expect(texts(await run(app, slack("dan"), "/vote E1 ana", VOTING))).toMatch(/not on the roll/);
    });

    it("news of a group from another workspace never reaches a roster following the same group id elsewhere", async () => {
      await run(app, olga, "/constituency create Youth", T0);
      groups.set("T1/S0YOUTH", { kind: "found", userIds: ["UANA"] });
      await run(app, olga, `/constituency follow Youth ${YOUTH}`, T0);
      await run(app, slack("mia", { workspaceId: "T2", workspaceName: "Other" }), "/timezone UTC", T0);
      expect((await sync(youthEvent({ kind: "all", userIds: ["UMIA"] }, "T2"), VOTING)).reports).toEqual([]);
      expect(await roster()).toEqual(["ana"]);
    });

    it(`meets at most ${MAX_MEETINGS_PER_SYNC} new people in one sync and takes the rest at the next`, async () => {
      await run(app, olga, "/constituency create Youth", T0);
      const many = Array.from({ length: MAX_MEETINGS_PER_SYNC + 5 }, (_, i) => `UP${String(i).padStart(4, "0")}`);
      groups.set("T1/S0YOUTH", { kind: "found", userIds: many });
      const out = texts(await run(app, olga, `/constituency follow Youth ${YOUTH}`, T0));
      // Five left over, all listed (the list is cut after 20).
      expect(out.match(/more than \d+ new people in one go/g)).toHaveLength(5);
      expect(await app.db.prisma.constituencyMembership.count()).toBe(MAX_MEETINGS_PER_SYNC);
      const { reports } = await sync(youthEvent({ kind: "all", userIds: many }), VOTING);
      expect([reports[0]!.added.length, reports[0]!.notMet]).toEqual([5, []]);
      expect(lookups).toHaveLength(MAX_MEETINGS_PER_SYNC + 5);
    });

    it("leaves off a member the platform cannot be asked about just now, and takes them at the next full list", async () => {
      await run(app, olga, "/constituency create Youth", T0);
      groups.set("T1/S0YOUTH", { kind: "found", userIds: ["UANA", "U503"] });
      expect(texts(await run(app, olga, `/constituency follow Youth ${YOUTH}`, T0))).toContain("<@U503> (rate limited)");
      expect(await roster()).toEqual(["ana"]);
      const { reports } = await sync(youthEvent({ kind: "all", userIds: ["UANA", "UBEA"] }), VOTING);
      expect(reports[0]!.added).toEqual(["bea"]);
    });
  });
}

// The deadline operations on a real database: who may add, move and cancel, what each returns to deliver,
// and which reminders are left planned afterwards.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { App } from "../../adapters/compose.ts";
import { addDeadline, type DeadlineInput } from "../../src/deadlines/addDeadline.ts";
import { cancelDeadline } from "../../src/deadlines/cancelDeadline.ts";
import type { Acting } from "../../src/deadlines/mayChangeDeadline.ts";
import { moveDeadline } from "../../src/deadlines/moveDeadline.ts";
import { changeReminderSetting } from "../../src/deadlineRegistry.ts";
import { renderPlain } from "../../adapters/console/renderPlain.ts";
import type { Delivery } from "../../src/platformPort.ts";
import type { Result } from "../../src/result.ts";
import type { Constituency, Deadline, Member, Network } from "../../src/store.ts";
import { actor, channel, clearAll, targets, tick } from "../support/testApp.ts";

const NOW = new Date("2026-04-01T08:00:00Z");
const DUE = new Date("2026-04-10T16:00:00Z");
const H = 3_600_000;

function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected ok, got: ${r.error}`);
  return r.value;
}
function refusal(r: Result<unknown>): string {
  if (r.ok) throw new Error("expected a refusal");
  return r.error;
}

const dmsTo = (ds: Delivery[]) => ds.flatMap((d) => (d.kind === "dm" ? [d.to.displayName] : [])).sort();
const postsIn = (ds: Delivery[]) => ds.flatMap((d) => (d.kind === "post" ? [d.channel.channelId] : []));
const dmText = (ds: Delivery[], who: string) => {
  const dm = ds.find((d) => d.kind === "dm" && d.to.displayName === who);
  if (!dm) throw new Error(`no DM to ${who}`);
  return renderPlain(dm.message);
};

for (const target of targets()) {
  describe(`deadline operations (${target.name})`, () => {
    let app: App;
    let network: Network;
    let olga: Member; // organiser
    let ana: Member; // coordinator of Youth
    let ben: Member; // on Youth's roster
    let cara: Member; // in the network, on no roster
    let youth: Constituency;
    let elders: Constituency;

    const as = (member: Member, now = NOW): Acting => ({ store: app.store, network, member, now, channel });
    const input = (over: Partial<DeadlineInput> = {}): DeadlineInput => ({
      title: "Speaker proposals",
      dueAt: DUE,
      zone: "Europe/Paris",
      constituencyId: youth.id,
      ladder: [24 * H, H],
      link: null,
      ...over,
    });
    const pending = async (deadlineId: string) =>
      (await app.db.prisma.reminder.findMany({ where: { deadlineId, sentAt: null, droppedAt: null }, select: { memberId: true, generation: true, dueAt: true } })).map((r) => ({
        ...r,
        who: [olga, ana, ben, cara].find((m) => m.id === r.memberId)!.displayName,
      }));

    beforeAll(async () => {
      app = await target.open();
    });
    afterAll(async () => app?.close());
    beforeEach(async () => {
      await clearAll(app);
      const s = app.store;
      ({ network, member: olga } = await s.resolveActor(actor("Olga", { isPlatformAdmin: true })));
      ana = (await s.resolveActor(actor("Ana"))).member;
      ben = (await s.resolveActor(actor("Ben"))).member;
      cara = (await s.resolveActor(actor("Cara"))).member;
      for (const m of [olga, ana, ben, cara]) await s.updateMember(m.id, { quietOff: true });
      ana = await s.updateMember(ana.id, { zone: "Africa/Nairobi" });
      ben = await s.updateMember(ben.id, { zone: "America/Sao_Paulo" });
      youth = (await s.createConstituency({ networkId: network.id, name: "Youth", open: true, createdById: olga.id })) as Constituency;
      elders = (await s.createConstituency({ networkId: network.id, name: "Elders", open: true, createdById: olga.id })) as Constituency;
      await s.putMembership(youth.id, ana.id, "coordinator", NOW);
      await s.putMembership(youth.id, ben.id, "member", NOW);
    });

    describe("addDeadline", () => {
      it("saves a constituency deadline, tells its roster and returns the channel post and one DM each in their zone", async () => {
        const added = value(await addDeadline(as(olga), input()));
        expect(added.deadline).toMatchObject({ number: 1, title: "Speaker proposals", dueAt: DUE, zone: "Europe/Paris", constituencyId: youth.id, announcedAt: NOW });
        expect(added.forWhom).toBe("Youth");
        expect(added.noticeMs).toBe(DUE.getTime() - NOW.getTime());
        expect(added.told.map((m) => m.displayName).sort()).toEqual(["Ana", "Ben"]);
        expect(postsIn(added.deliveries)).toEqual(["general"]);
        expect(dmsTo(added.deliveries)).toEqual(["Ana", "Ben"]);
        expect(dmText(added.deliveries, "Ana")).toContain("Due 2026-04-10 19:00 Africa/Nairobi (your time) = 2026-04-10 16:00 UTC");
        expect(dmText(added.deliveries, "Ben")).toContain("Due 2026-04-10 13:00 America/Sao_Paulo (your time)");
        expect((await pending(added.deadline.id)).map((r) => r.who).sort()).toEqual(["Ana", "Ana", "Ben", "Ben"]);
      });

      it("tells everyone in the network when the deadline is for no constituency", async () => {
        const added = value(await addDeadline(as(olga), input({ constituencyId: null })));
        expect(added.forWhom).toBe("everyone in the network");
        expect(dmsTo(added.deliveries)).toEqual(["Ana", "Ben", "Cara", "Olga"]);
      });

      it("lets a coordinator add for their constituency", async () => {
        expect(value(await addDeadline(as(ana), input())).deadline.createdById).toBe(ana.id);
      });

      it("refuses a coordinator for another constituency, a plain member, and anyone but organisers network-wide, saving nothing", async () => {
        expect(refusal(await addDeadline(as(ana), input({ constituencyId: elders.id })))).toBe(
          "Only network organisers and the constituency's coordinators can add deadlines for Elders.",
        );
        expect(refusal(await addDeadline(as(ben), input()))).toBe("Only network organisers and the constituency's coordinators can add deadlines for Youth.");
        expect(refusal(await addDeadline(as(ana), input({ constituencyId: null })))).toBe(
          "Only network organisers can add network-wide deadlines (add `for <constituency>` if you coordinate one).",
        );
        expect(await app.store.listDeadlines(network.id, { includeCancelled: true })).toEqual([]);
      });

      it("refuses a time in the past, and one exactly now, saying when it was in the zone it was entered in", async () => {
        expect(refusal(await addDeadline(as(olga), input({ dueAt: new Date("2026-03-30T10:00:00Z") })))).toBe(
          "That is in the past: 2026-03-30 12:00 Europe/Paris was 1 d 22 h ago. Check the date and zone.",
        );
        expect(refusal(await addDeadline(as(olga), input({ dueAt: NOW, zone: "UTC" })))).toBe("That is in the past: 2026-04-01 08:00 UTC was just now. Check the date and zone.");
        expect(await app.store.listDeadlines(network.id, { includeCancelled: true })).toEqual([]);
      });

      it("refuses a constituency of another network as if it did not exist", async () => {
        const other = await app.store.resolveActor(actor("Zed", { workspaceId: "ws2", workspaceName: "Other", isPlatformAdmin: true }));
        const theirs = (await app.store.createConstituency({ networkId: other.network.id, name: "Theirs", open: true, createdById: other.member.id })) as Constituency;
        expect(refusal(await addDeadline(as(olga), input({ constituencyId: theirs.id })))).toBe("That constituency no longer exists. /constituency list shows them.");
      });
    });

    describe("moveDeadline", () => {
      let d: Deadline;
      beforeEach(async () => {
        d = value(await addDeadline(as(olga), input())).deadline;
      });
      const LATER = new Date("2026-04-12T16:00:00Z");

      it("re-plans only the members told who are still in the audience, and tells everyone who was told", async () => {
        // Ben leaves Youth; Cara joins its roster without being told (no roster hook ran).
        await app.store.removeMembership(youth.id, ben.id);
        await app.store.putMembership(youth.id, cara.id, "member", NOW);
        const moved = value(await moveDeadline(as(olga, new Date(NOW.getTime() + H)), { deadline: d, dueAt: LATER, zone: "UTC" }));
        expect(moved.deadline).toMatchObject({ dueAt: LATER, zone: "UTC", generation: d.generation + 1 });
        expect(moved.from).toEqual(DUE);
        expect(moved.noticeMs).toBe(LATER.getTime() - NOW.getTime() - H);
        expect([...moved.told].sort()).toEqual([ana.id, ben.id].sort());
        expect(moved.replanned).toEqual([ana.id]);
        expect(dmsTo(moved.deliveries)).toEqual(["Ana", "Ben"]);
        expect(dmText(moved.deliveries, "Ben")).toBe(
          "🔁 Deadline D1 moved: Speaker proposals\nWas: 2026-04-10 13:00 America/Sao_Paulo\nNow: 2026-04-12 13:00 America/Sao_Paulo (your time)\nMoved 11 d 7 h before the deadline.",
        );
        const post = moved.deliveries.find((x) => x.kind === "post")!;
        expect(renderPlain(post.message)).toBe(
          "🔁 D1 Speaker proposals moved from 2026-04-10 16:00 UTC to 2026-04-12 16:00 UTC = 2026-04-12 16:00 UTC by Olga.\nMoved 11 d 7 h before the deadline.",
        );
        const left = await pending(d.id);
        expect(left.map((r) => [r.who, r.generation, r.dueAt.toISOString()]).sort()).toEqual([
          ["Ana", d.generation + 1, "2026-04-11T16:00:00.000Z"],
          ["Ana", d.generation + 1, "2026-04-12T15:00:00.000Z"],
        ]);
      });

      it("flags short notice counted from the move", async () => {
        const soon = new Date(NOW.getTime() + 10 * H);
        const moved = value(await moveDeadline(as(olga), { deadline: d, dueAt: soon, zone: "UTC" }));
        expect(dmText(moved.deliveries, "Ana")).toContain("Moved 10 h before the deadline. ⚠️ SHORT NOTICE: less than 72 h.");
      });

      it("refuses members who are not organisers or the constituency's coordinators, and changes nothing", async () => {
        expect(refusal(await moveDeadline(as(ben), { deadline: d, dueAt: LATER, zone: "UTC" }))).toBe(
          "Only network organisers and the constituency's coordinators can move deadlines.",
        );
        expect(refusal(await moveDeadline(as(cara), { deadline: d, dueAt: LATER, zone: "UTC" }))).toMatch(/^Only network organisers/);
        expect(value(await moveDeadline(as(ana), { deadline: d, dueAt: LATER, zone: "UTC" })).deadline.dueAt).toEqual(LATER);
      });

      it("refuses a network-wide deadline to a coordinator", async () => {
        const wide = value(await addDeadline(as(olga), input({ constituencyId: null }))).deadline;
        expect(refusal(await moveDeadline(as(ana), { deadline: wide, dueAt: LATER, zone: "UTC" }))).toBe("Only network organisers can move deadlines.");
      });

      it("refuses a cancelled deadline, a time in the past and the time it already has", async () => {
        expect(refusal(await moveDeadline(as(olga), { deadline: d, dueAt: new Date("2026-03-31T22:00:00Z"), zone: "Europe/Paris" }))).toBe(
          "That is in the past (2026-04-01 00:00 Europe/Paris). Give a time that is still ahead.",
        );
        expect(refusal(await moveDeadline(as(olga), { deadline: d, dueAt: DUE, zone: "UTC" }))).toBe("D1 is already due then.");
        const cancelled = value(await cancelDeadline(as(olga), { deadline: d })).deadline;
        expect(refusal(await moveDeadline(as(olga), { deadline: cancelled, dueAt: LATER, zone: "UTC" }))).toBe("D1 was cancelled; add a new deadline instead.");
        expect((await app.store.getDeadline(d.id))!.dueAt).toEqual(DUE);
        expect((await app.store.deadlineEvents(d.id)).map((e) => e.kind)).toEqual(["created", "cancelled"]);
      });

      it("keeps the reminders already sent and plans the new time's steps as a new generation", async () => {
        // The 24 h step goes out at 2026-04-09 16:00; after the move both steps are ahead again for the new time.
        const sent = await tick(app, new Date("2026-04-09T16:00:00Z"));
        expect(sent.filter((s) => s.kind === "dm")).toHaveLength(2);
        const moved = value(await moveDeadline(as(olga, new Date("2026-04-09T17:00:00Z")), { deadline: d, dueAt: LATER, zone: "UTC" }));
        expect(moved.replanned.sort()).toEqual([ana.id, ben.id].sort());
        expect(await app.db.prisma.reminder.count({ where: { deadlineId: d.id, sentAt: { not: null } } })).toBe(2);
        expect((await pending(d.id)).every((r) => r.generation === d.generation + 1)).toBe(true);
      });
    });

    describe("cancelDeadline", () => {
      let d: Deadline;
      beforeEach(async () => {
        d = value(await addDeadline(as(olga), input())).deadline;
      });

      it("cancels, drops every pending reminder and tells everyone who was told", async () => {
        const later = new Date(NOW.getTime() + H);
        const c = value(await cancelDeadline(as(ana, later), { deadline: d }));
        expect(c.deadline.cancelledAt).toEqual(later);
        expect([...c.told].sort()).toEqual([ana.id, ben.id].sort());
        expect(postsIn(c.deliveries)).toEqual(["general"]);
        expect(dmText(c.deliveries, "Ana")).toBe("❌ Deadline D1 cancelled: Speaker proposals (was due 2026-04-10 19:00 Africa/Nairobi). No more reminders for it.");
        expect(await pending(d.id)).toEqual([]);
        expect((await app.store.deadlineEvents(d.id)).at(-1)).toMatchObject({ kind: "cancelled", at: later, byMemberId: ana.id, fromDueAt: DUE });
      });

      it("refuses members who may not, and a deadline already cancelled", async () => {
        expect(refusal(await cancelDeadline(as(ben), { deadline: d }))).toBe("Only network organisers and the constituency's coordinators can cancel deadlines.");
        expect(await pending(d.id)).toHaveLength(4);
        const cancelled = value(await cancelDeadline(as(olga), { deadline: d })).deadline;
        expect(refusal(await cancelDeadline(as(olga), { deadline: cancelled }))).toBe("D1 is already cancelled.");
      });
    });

    describe("changeReminderSetting", () => {
      it("re-plans pending reminders when quiet hours change, and stores quiet hours off as off", async () => {
        // 1 h before 16:00 UTC is 18:00 in Nairobi: quiet 17:00-08:00 moves it to 17:00 there (14:00 UTC).
        const d = value(await addDeadline(as(olga), input({ ladder: [H] }))).deadline;
        const anaAt = async () => (await pending(d.id)).filter((r) => r.who === "Ana").map((r) => r.dueAt.toISOString());
        expect(await anaAt()).toEqual(["2026-04-10T15:00:00.000Z"]);
        ana = await changeReminderSetting(app.store, network, ana, { kind: "quiet", quiet: { start: "17:00", end: "08:00" } }, NOW);
        expect(await anaAt()).toEqual(["2026-04-10T14:00:00.000Z"]);
        ana = await changeReminderSetting(app.store, network, ana, { kind: "quiet", quiet: null }, NOW);
        expect(ana).toMatchObject({ quietOff: true, quietStart: null, quietEnd: null });
        expect(await anaAt()).toEqual(["2026-04-10T15:00:00.000Z"]);
      });

      it("re-plans pending reminders in the new zone when the zone changes", async () => {
        ana = await changeReminderSetting(app.store, network, ana, { kind: "quiet", quiet: { start: "22:00", end: "07:00" } }, NOW);
        const d = value(await addDeadline(as(olga), input({ ladder: [H] }))).deadline;
        // 15:00 UTC is 18:00 in Nairobi (not quiet) but 00:00 in Tokyo (quiet until 07:00, so 22:00 Tokyo = 13:00 UTC).
        ana = await changeReminderSetting(app.store, network, ana, { kind: "zone", zone: "Asia/Tokyo" }, NOW);
        expect(ana.zone).toBe("Asia/Tokyo");
        expect((await pending(d.id)).filter((r) => r.who === "Ana").map((r) => r.dueAt.toISOString())).toEqual(["2026-04-10T13:00:00.000Z"]);
      });
    });
  });
}

// The member's own page (App Home) as a pure function of its data and `now`.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderPlain } from "../adapters/console/renderPlain.ts";
import { memberHome, type HomeData, type HomeDeadline, type HomeElection } from "../src/memberHome.ts";

const H = 3_600_000;
const network = { name: "Coalition", shortNoticeHours: 72 };
const deadline = (over: Partial<HomeDeadline> = {}): HomeDeadline => ({
  number: 1,
  title: "Report",
  dueAt: new Date("2026-05-20T12:00:00Z"),
  link: null,
  forWhom: "Youth",
  noticeMs: 10 * 24 * H,
  shortNotice: false,
  ...over,
});
const election = (over: Partial<HomeElection> = {}): HomeElection => ({
  number: 1,
  title: "Speaker",
  constituency: "Youth",
  status: "nominations",
  nominationsCloseAt: new Date("2026-05-02T12:00:00Z"),
  votingCloseAt: new Date("2026-05-04T12:00:00Z"),
  takesPart: true,
  voted: false,
  nomination: null,
  ...over,
});
const data = (over: Partial<HomeData> = {}): HomeData => ({ network, displayName: "Ana", zone: "UTC", deadlines: [], elections: [], mandates: [], ...over });
const section = (page: ReturnType<typeof memberHome>, heading: string) => page.sections.find((s) => s.heading === heading)!;
// The text only: the card is checked on its own.
const plain = (page: ReturnType<typeof memberHome>, heading: string) => section(page, heading).items.map((m) => renderPlain({ text: m.text }));

describe("memberHome", () => {
  it("shows a deadline across the spring-forward night in Europe/Paris: 23 h left, due at the wall time in the zone by name", () => {
    const page = memberHome(data({ zone: "Europe/Paris", deadlines: [deadline({ dueAt: new Date("2026-03-29T10:00:00Z"), noticeMs: 30 * H, shortNotice: true })] }), new Date("2026-03-28T11:00:00Z"));
    expect(plain(page, "Your upcoming deadlines")).toEqual(["D1 Report: due 2026-03-29 12:00 Europe/Paris · 23 h left · notice 1 d 6 h ⚠️ short notice"]);
    const card = section(page, "Your upcoming deadlines").items[0]!.card!;
    expect(card.fields.map((f) => [f.label, f.value.map((v) => (typeof v === "string" ? v : `${v.at.toISOString()} ${v.zone}`)).join("")])).toEqual([
      ["Due (your time)", "2026-03-29T10:00:00.000Z Europe/Paris"],
      ["Time left", "23 h left"],
      ["Notice given", "1 d 6 h"],
      ["For", "Youth"],
    ]);
    expect(card.flag).toBe("Short notice: less than 72 h");
  });

  it("names the offset of a wall time that occurs twice, when America/New_York falls back", () => {
    const page = memberHome(data({ zone: "America/New_York", deadlines: [deadline({ dueAt: new Date("2026-11-01T06:30:00Z") })] }), new Date("2026-10-31T05:30:00Z"));
    // 01:30 happens twice that night; this is the second one (EST), 25 h after the same wall time the day before.
    expect(plain(page, "Your upcoming deadlines")[0]).toBe("D1 Report: due 2026-11-01 01:30 America/New_York (UTC-05:00) · 1 d 1 h left · notice 10 d");
  });

  it("offers Accept and Decline on a pending nomination, and says only whether the member voted", () => {
    const page = memberHome(
      data({
        elections: [
          election({ number: 1, nomination: "pending" }),
          election({ number: 2, title: "Treasurer", status: "voting", voted: true }),
          election({ number: 3, title: "Chair", status: "voting", voted: false }),
        ],
      }),
      new Date("2026-05-01T12:00:00Z"),
    );
    const acts = plain(page, "Elections you can act in");
    expect(acts).toEqual([
      "E1 Speaker (Youth): nominations close 2026-05-02 12:00 UTC (1 d left).\nNominate a member of Youth, or yourself: /nominate E1 <member>.\nYou are nominated: accept or decline.",
      "E2 Treasurer (Youth): voting closes 2026-05-04 12:00 UTC (3 d left).\nYou have voted. To replace your ballot: /vote E2 <candidates> receipt <your receipt>.",
      "E3 Chair (Youth): voting closes 2026-05-04 12:00 UTC (3 d left).\nYou have not voted yet: /vote E3 <candidates>.",
    ]);
    expect(section(page, "Elections you can act in").items[0]!.components).toEqual([
      { kind: "button", actionId: "nomination:accept", label: "Accept", value: "E1", style: "primary" },
      { kind: "button", actionId: "nomination:decline", label: "Decline", value: "E1", style: "danger" },
    ]);
    expect(plain(page, "Your nominations")).toEqual(["E1 Speaker (Youth): waiting for your answer."]);
    // The ballot opens from the page; its label says whether there is one already, nothing of what is in it.
    expect(section(page, "Elections you can act in").items.slice(1).map((m) => m.components)).toEqual([
      [{ kind: "button", actionId: "vote:ballot", label: "Replace my ballot", value: "E2" }],
      [{ kind: "button", actionId: "vote:ballot", label: "Vote", value: "E3", style: "primary" }],
    ]);
  });

  it("leaves out an election the member cannot act in, but still lists their nomination in it", () => {
    const page = memberHome(data({ elections: [election({ status: "voting", takesPart: false, nomination: "accepted" })] }), new Date("2026-05-03T12:00:00Z"));
    expect(section(page, "Elections you can act in").items).toEqual([]);
    expect(section(page, "Elections you can act in").empty).toBe("No open election you can nominate or vote in.");
    expect(plain(page, "Your nominations")).toEqual(["E1 Speaker (Youth): you accepted: you stand."]);
  });

  it("lists current mandates only", () => {
    const m = { constituency: "Youth", electionNumber: 4, electionTitle: "Speaker", method: "irv", votes: "3", round: 2, electedAt: new Date("2026-04-01T10:00:00Z"), seats: 1, turnout: "3 of 4" };
    const page = memberHome(data({ zone: "Asia/Kolkata", mandates: [{ ...m, endedAt: null }, { ...m, constituency: "Old", endedAt: new Date("2026-04-10T00:00:00Z") }] }), new Date("2026-05-01T00:00:00Z"));
    expect(plain(page, "Your mandates")).toEqual(["Youth: elected 2026-04-01 15:30 Asia/Kolkata in E4 Speaker (irv), with 3 in round 2."]);
  });

  it("lists every deadline once, in the order given, and never shows a negative time left for one ahead", () => {
    const now = new Date("2026-01-01T00:00:00Z");
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 60_000, max: 400 * 24 * H }), { maxLength: 12 }), (aheads) => {
        const ds = aheads.map((ms, i) => deadline({ number: i + 1, title: `T${i + 1}`, dueAt: new Date(now.getTime() + ms) }));
        const lines = plain(memberHome(data({ deadlines: ds }), now), "Your upcoming deadlines");
        expect(lines.map((l) => l.split(":")[0])).toEqual(ds.map((d) => `D${d.number} ${d.title}`));
        for (const l of lines) expect(l).toMatch(/ left · /);
      }),
    );
  });
});

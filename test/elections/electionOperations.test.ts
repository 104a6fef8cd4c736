// The election operations called directly, as commands and the scheduler call them, on PGlite.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { App } from "../../adapters/compose.ts";
import { renderPlain } from "../../adapters/console/renderPlain.ts";
import type { Random } from "../../src/command.ts";
import { answerNomination } from "../../src/elections/answerNomination.ts";
import { sha256, verifyChain } from "../../src/elections/auditChain.ts";
import { ballotKeyOf } from "../../src/elections/ballotSecret.ts";
import { castVote } from "../../src/elections/castVote.ts";
import { closeElection } from "../../src/elections/closeElection.ts";
import { createElection, type NewElection } from "../../src/elections/createElection.ts";
import type { Election } from "../../src/elections/electionStore.ts";
import { headLine } from "../../src/elections/electionFlow.ts";
import { endorse } from "../../src/elections/endorse.ts";
import { nominate } from "../../src/elections/nominate.ts";
import { openElection } from "../../src/elections/openElection.ts";
import { publishedBallots } from "../../src/elections/publishedBallots.ts";
import { startVoting } from "../../src/elections/startVoting.ts";
import { parseMemberRef } from "../../src/memberRef.ts";
import type { Delivery } from "../../src/platformPort.ts";
import type { Result } from "../../src/result.ts";
import type { Constituency, Member, MemberRef, Network, Store } from "../../src/store.ts";
import { parseBlt } from "../../src/tally/parseBlt.ts";
import { actor, channel, clearAll, run, targets } from "../support/testApp.ts";

const T0 = new Date("2026-05-01T08:00:00Z");
const NOMINATIONS = new Date("2026-05-02T12:00:00Z");
const VOTING_OPEN = new Date("2026-05-02T13:00:00Z");
const CLOSE = new Date("2026-05-04T12:00:00Z");

/** Repeatable randomness: every call gives fresh bytes from a counter. */
function counterRandom(): Random {
  let n = 0;
  return (bytes) => Uint8Array.from({ length: bytes }, () => n++ % 256);
}

const value = <T,>(r: Result<T>): T => {
  if (!r.ok) throw new Error(`expected ok, got: ${r.error}`);
  return r.value;
};
const refusal = <T,>(r: Result<T>): string => {
  if (r.ok) throw new Error("expected a refusal");
  return r.error;
};
const dmsTo = (ds: Delivery[]) => ds.filter((d) => d.kind === "dm").map((d) => (d.kind === "dm" ? d.to.displayName : "")).sort();
const posts = (ds: Delivery[]) => ds.filter((d) => d.kind === "post").map((d) => renderPlain(d.message));
/** A choice as the /vote command reads it. */
const name = (text: string): MemberRef => parseMemberRef(text, "console", "ws1");

type World = { network: Network; olga: Member; youth: Constituency; m: Record<string, Member> };

describe("election operations on PGlite", () => {
  let app: App;
  let store: Store;
  let w: World;
  let random: Random;
  /** Each operation runs in a transaction, as the bot and the scheduler run it. */
  const tx = <T,>(fn: (s: Store) => Promise<T>) => store.transaction(fn);

  beforeAll(async () => {
    app = await targets()[0]!.open();
    store = app.store;
  });
  afterAll(async () => app?.close());
  beforeEach(async () => {
    await clearAll(app);
    random = counterRandom();
    const { network, member: olga } = await store.resolveActor(actor("olga", { isPlatformAdmin: true }));
    const m: Record<string, Member> = {};
    for (const [n, zone] of [["ana", "UTC"], ["ben", "Asia/Tokyo"], ["cat", "America/New_York"], ["zed", "UTC"]] as const) {
      const { member } = await store.resolveActor(actor(n));
      m[n] = await store.updateMember(member.id, { zone });
    }
    const youth = await store.createConstituency({ networkId: network.id, name: "Youth", open: false, createdById: olga.id });
    if (youth === "exists") throw new Error("fresh database expected");
    for (const n of ["ana", "ben", "cat"]) await store.putMembership(youth.id, m[n]!.id, "member", T0);
    w = { network, olga, youth, m };
  });

  const draft = (over: Partial<NewElection> = {}): NewElection => ({
    by: w.olga,
    constituency: w.youth,
    title: "Speaker",
    seats: 1,
    method: "irv",
    endorsementsNeeded: 0,
    nominationsCloseAt: NOMINATIONS,
    votingCloseAt: CLOSE,
    zone: "UTC",
    channel,
    ...over,
  });
  const created = async (over: Partial<NewElection> = {}) => value(await tx((s) => createElection(s, draft(over), T0))).election;
  const opened = async (over: Partial<NewElection> = {}) => {
    const e = await created(over);
    return value(await tx((s) => openElection(s, { election: e, network: w.network, by: w.olga, channel }, T0, random))).election;
  };
  const fresh = async (e: Election, s: Store = store) => (await s.elections.get(e.id))!;
  /** ana and ben stand; voting opens at the nominations date. */
  const voting = async (over: Partial<NewElection> = {}) => {
    const e = await opened(over);
    for (const n of ["ana", "ben"]) value(await tx((s) => nominate(s, { election: e, by: w.m[n]!, nominee: w.m[n]! }, T0)));
    value(await tx(async (s) => startVoting(s, await fresh(e, s), NOMINATIONS)));
    return fresh(e);
  };

  describe("createElection", () => {
    it("drafts the election without announcing it and logs who created it", async () => {
      const r = value(await tx((s) => createElection(s, draft({ title: "  Youth   speaker " }), T0)));
      expect(r.election).toMatchObject({ number: 1, status: "draft", title: "Youth speaker", seats: 1, method: "irv", zone: "UTC" });
      expect(r.deliveries).toEqual([]);
      const log = await store.elections.log(r.election.id);
      expect(log.map((l) => [l.kind, l.payload])).toEqual([["created", { by: "olga", title: "Youth speaker", constituency: "Youth", seats: 1, method: "irv", endorsementsNeeded: 0 }]]);
    });

    it("refuses a member who is neither an organiser nor a coordinator of the constituency", async () => {
      const r = await tx((s) => createElection(s, draft({ by: w.m.ana! }), T0));
      expect(refusal(r)).toBe("Only network organisers and coordinators of Youth can create its elections.");
    });

    it("lets a coordinator of the constituency create one", async () => {
      await store.putMembership(w.youth.id, w.m.ana!.id, "coordinator", T0);
      expect(value(await tx((s) => createElection(s, draft({ by: w.m.ana! }), T0))).election.createdById).toBe(w.m.ana!.id);
    });

    it.each([
      [{ seats: 0 }, 'seats must be a whole number from 1 to 50, not "0".'],
      [{ seats: 51, method: "stv" as const }, 'seats must be a whole number from 1 to 50, not "51".'],
      [{ seats: 2 }, "irv elects one seat: use stv or meek for several seats."],
      [{ endorsementsNeeded: 21 }, 'endorsements must be a whole number from 0 to 20, not "21".'],
      [{ nominationsCloseAt: T0 }, "Nominations must close in the future."],
      [{ votingCloseAt: NOMINATIONS }, "Voting must close after nominations close."],
      [{ title: "   " }, "The title is empty: give it a name."],
    ])("refuses %o", async (over, message) => {
      expect(refusal(await tx((s) => createElection(s, draft(over), T0)))).toBe(message);
      expect(await store.elections.list(w.network.id)).toEqual([]);
    });
  });

  describe("openElection", () => {
    it("freezes the rules, commits the seed and announces both phase dates to the roster", async () => {
      const e = await created();
      const r = value(await tx((s) => openElection(s, { election: e, network: w.network, by: w.olga, channel }, T0, random)));
      expect(r.election.status).toBe("nominations");
      expect(r.election.rules).toEqual(r.rules);
      expect(r.election.seedHash).toBe(sha256(r.election.seed!));
      const [announcement, ...deadlinePosts] = posts(r.deliveries);
      expect(announcement).toMatch(/^🗳️ E1 is open: Speaker, for Youth\. The rules are now frozen:\nMethod: Instant runoff/);
      expect(deadlinePosts.map((p) => p.split("\n")[0])).toEqual([
        "📅 New deadline D1: E1 nominations close: Speaker, due 2026-05-02 12:00 UTC = 2026-05-02 12:00 UTC",
        "📅 New deadline D2: E1 voting closes: Speaker, due 2026-05-04 12:00 UTC = 2026-05-04 12:00 UTC",
      ]);
      // Each roster member hears of both dates, in their own zone; zed (not on the roster) does not.
      expect(dmsTo(r.deliveries)).toEqual(["ana", "ana", "ben", "ben", "cat", "cat"]);
      const toBen = r.deliveries.find((d) => d.kind === "dm" && d.to.displayName === "ben")!;
      expect(renderPlain(toBen.message)).toContain("Due 2026-05-02 21:00 Asia/Tokyo (your time)");
      expect((await store.elections.log(e.id)).map((l) => l.kind)).toEqual(["created", "opened"]);
    });

    it("refuses to open twice, so the seed is drawn once", async () => {
      const e = await opened();
      const again = await tx((s) => openElection(s, { election: e, network: w.network, by: w.olga, channel }, T0, random));
      expect(refusal(again)).toBe("E1 is already open (nominations); its rules are frozen.");
    });

    it("refuses the loser of two opens that both read the draft", async () => {
      const e = await created();
      value(await tx((s) => openElection(s, { election: e, network: w.network, by: w.olga, channel }, T0, random)));
      const seed = (await fresh(e)).seed;
      // `e` is the stale draft the second opener read before the first committed.
      const late = await tx((s) => openElection(s, { election: e, network: w.network, by: w.olga, channel }, T0, random));
      expect(refusal(late)).toBe("E1 was opened a moment ago by someone else.");
      expect((await fresh(e)).seed).toBe(seed);
    });

    it("refuses once the nominations date has passed, and refuses members who are not coordinators", async () => {
      const e = await created();
      expect(refusal(await tx((s) => openElection(s, { election: e, network: w.network, by: w.olga, channel }, NOMINATIONS, random)))).toBe(
        "E1's nominations date has passed; create a new election with later dates.",
      );
      expect(refusal(await tx((s) => openElection(s, { election: e, network: w.network, by: w.m.ana!, channel }, T0, random)))).toBe(
        "Only network organisers and coordinators of Youth can open its elections.",
      );
    });
  });

  describe("nominate and answerNomination", () => {
    it("counts a self-nomination as accepted and posts it in the election's channel", async () => {
      const e = await opened();
      const r = value(await tx((s) => nominate(s, { election: e, by: w.m.ana!, nominee: w.m.ana! }, T0)));
      expect(r).toMatchObject({ self: true, status: "accepted" });
      expect(posts(r.deliveries)).toEqual(["🗳️ E1: ana nominated themselves."]);
      expect(dmsTo(r.deliveries)).toEqual([]);
      expect((await store.elections.log(e.id)).slice(2).map((l) => [l.kind, l.payload])).toEqual([
        ["nominated", { candidate: "ana", by: "ana", self: true }],
        ["accepted", { candidate: "ana" }],
      ]);
    });

    it("asks another nominee by DM, with Accept and Decline buttons and the close in their zone", async () => {
      const e = await opened();
      const r = value(await tx((s) => nominate(s, { election: e, by: w.m.ana!, nominee: w.m.ben! }, T0)));
      expect(r).toMatchObject({ self: false, status: "pending" });
      const dm = r.deliveries.find((d) => d.kind === "dm")!;
      expect(dm.kind === "dm" && dm.to.displayName).toBe("ben");
      expect(renderPlain(dm.message)).toBe("🗳️ ana nominated you in E1 Speaker. Do you accept?\nReply /nomination accept E1 or /nomination decline E1, before 2026-05-02 21:00 Asia/Tokyo.");
      expect(dm.message.components?.map((c) => c.kind === "button" && [c.actionId, c.value])).toEqual([
        ["nomination:accept", "E1"],
        ["nomination:decline", "E1"],
      ]);
    });

    it("refuses nominations before the open, after the close, twice, and from or for members off the roster", async () => {
      const d = await created();
      expect(refusal(await tx((s) => nominate(s, { election: d, by: w.m.ana!, nominee: w.m.ana! }, T0)))).toBe("Nominations for E1 are not open yet.");
      const e = await opened({ title: "Second" });
      expect(refusal(await tx((s) => nominate(s, { election: e, by: w.m.ana!, nominee: w.m.ana! }, NOMINATIONS)))).toBe("Nominations for E2 are closed.");
      expect(refusal(await tx((s) => nominate(s, { election: e, by: w.m.zed!, nominee: w.m.ana! }, T0)))).toBe(
        "You are not on the roster of Youth, so you cannot nominate in E2.",
      );
      expect(refusal(await tx((s) => nominate(s, { election: e, by: w.m.ana!, nominee: w.m.zed! }, T0)))).toBe(
        "zed is not on the roster of Youth, so they cannot stand in E2.",
      );
      value(await tx((s) => nominate(s, { election: e, by: w.m.ana!, nominee: w.m.ben! }, T0)));
      expect(refusal(await tx((s) => nominate(s, { election: e, by: w.m.cat!, nominee: w.m.ben! }, T0)))).toBe("ben is already nominated in E2 (/election show E2).");
      expect(await store.elections.nominations(e.id)).toHaveLength(1);
    });

    it("records an acceptance or a decline once, and only from the nominee, while nominations are open", async () => {
      const e = await opened({ method: "stv", seats: 2, endorsementsNeeded: 1 });
      value(await tx((s) => nominate(s, { election: e, by: w.m.ana!, nominee: w.m.ben! }, T0)));
      const accepted = value(await tx((s) => answerNomination(s, { election: e, member: w.m.ben!, decision: "accept" }, T0)));
      expect(accepted).toMatchObject({ status: "accepted", endorsementsNeeded: 1 });
      expect(posts(accepted.deliveries)).toEqual(["🗳️ E1: ben accepted their nomination."]);
      expect(refusal(await tx((s) => answerNomination(s, { election: e, member: w.m.ben!, decision: "accept" }, T0)))).toBe(
        "You have already accepted your nomination in E1.",
      );
      expect(value(await tx((s) => answerNomination(s, { election: e, member: w.m.ben!, decision: "decline" }, T0))).status).toBe("declined");
      expect(refusal(await tx((s) => answerNomination(s, { election: e, member: w.m.cat!, decision: "accept" }, T0)))).toBe("Nobody has nominated you in E1.");
      expect(refusal(await tx((s) => answerNomination(s, { election: e, member: w.m.ben!, decision: "accept" }, NOMINATIONS)))).toBe("Nominations for E1 are closed.");
      expect((await store.elections.nominations(e.id))[0]!.status).toBe("declined");
    });
  });

  describe("endorse", () => {
    it("counts distinct endorsers of a nominee and refuses repeats, self-endorsement and non-nominees", async () => {
      const e = await opened({ endorsementsNeeded: 2 });
      value(await tx((s) => nominate(s, { election: e, by: w.m.ana!, nominee: w.m.ana! }, T0)));
      expect(value(await tx((s) => endorse(s, { election: e, by: w.m.ben!, candidate: w.m.ana! }, T0)))).toMatchObject({ count: 1, needed: 2 });
      expect(refusal(await tx((s) => endorse(s, { election: e, by: w.m.ben!, candidate: w.m.ana! }, T0)))).toBe("You have already endorsed ana.");
      expect(value(await tx((s) => endorse(s, { election: e, by: w.m.cat!, candidate: w.m.ana! }, T0))).count).toBe(2);
      expect(refusal(await tx((s) => endorse(s, { election: e, by: w.m.ana!, candidate: w.m.ana! }, T0)))).toBe(
        "You cannot endorse yourself: endorsements come from other members.",
      );
      expect(refusal(await tx((s) => endorse(s, { election: e, by: w.m.ana!, candidate: w.m.cat! }, T0)))).toBe("cat is not a nominee in E1.");
      expect(refusal(await tx((s) => endorse(s, { election: e, by: w.m.zed!, candidate: w.m.ana! }, T0)))).toBe(
        "You are not on the roster of Youth, so you cannot endorse in E1.",
      );
      expect(refusal(await tx((s) => endorse(s, { election: e, by: w.m.cat!, candidate: w.m.ana! }, NOMINATIONS)))).toBe("Endorsements for E1 are closed.");
    });

    it("refuses endorsements where the election needs none", async () => {
      const e = await opened();
      value(await tx((s) => nominate(s, { election: e, by: w.m.ana!, nominee: w.m.ana! }, T0)));
      expect(refusal(await tx((s) => endorse(s, { election: e, by: w.m.ben!, candidate: w.m.ana! }, T0)))).toBe(
        "E1 needs no endorsements: accepted nominees stand as they are.",
      );
    });
  });

  describe("startVoting", () => {
    it("freezes the roll as of the nominations date and lets only accepted, endorsed nominees stand", async () => {
      const e = await opened({ method: "stv", seats: 2, endorsementsNeeded: 1 });
      for (const n of ["ana", "cat"]) value(await tx((s) => nominate(s, { election: e, by: w.m[n]!, nominee: w.m[n]! }, T0)));
      value(await tx((s) => nominate(s, { election: e, by: w.m.ana!, nominee: w.m.ben! }, T0)));
      value(await tx((s) => endorse(s, { election: e, by: w.m.ben!, candidate: w.m.ana! }, T0)));
      value(await tx((s) => endorse(s, { election: e, by: w.m.ana!, candidate: w.m.ben! }, T0)));
      // zed joins after the nominations date (the bot was down): not on the roll.
      await store.putMembership(w.youth.id, w.m.zed!.id, "member", VOTING_OPEN);
      const r = value(await tx(async (s) => startVoting(s, await fresh(e, s), VOTING_OPEN)));
      // ben was endorsed but never accepted; cat accepted but has no endorsement.
      expect(r.candidates).toEqual(["ana"]);
      expect(r.rollSize).toBe(3);
      expect((await store.elections.roll(e.id)).sort()).toEqual([w.m.ana!.id, w.m.ben!.id, w.m.cat!.id].sort());
      expect(dmsTo(r.deliveries)).toEqual(["ana", "ben", "cat"]);
      expect(posts(r.deliveries)[0]).toMatch(/^🗳️ Voting is open for E1 Speaker \(Youth\), until 2026-05-04 12:00 UTC\.\nCandidates: ana\.\nRank them/);
      expect(r.closed).toBeNull();
      expect(refusal(await tx((s) => startVoting(s, e, VOTING_OPEN)))).toBe("E1's voting was opened a moment ago by another instance.");
    });

    it("closes at once when nobody stands", async () => {
      const e = await opened();
      const r = value(await tx(async (s) => startVoting(s, await fresh(e, s), NOMINATIONS)));
      expect(r.closed?.result).toBeNull();
      // The post carries the log's head hash after the count, so a later rewrite shows against what members saw.
      const head = (await store.elections.lastLog(e.id))!;
      expect(head.kind).toBe("counted");
      expect(posts(r.deliveries)).toEqual([`🗳️ E1 Speaker closed 2026-05-02 12:00 UTC: no candidates stood, so nobody was elected.\n${headLine(head)}`]);
      expect((await fresh(e)).status).toBe("closed");
    });
  });

  describe("castVote", () => {
    it("casts, then replaces with the receipt, one ballot per voter, logging only the receipt's hash", async () => {
      const e = await voting();
      const first = value(await tx((s) => castVote(s, { election: e, voter: w.m.cat!, choices: [name("ben"), name("ANA")] }, VOTING_OPEN, random)));
      expect(first).toMatchObject({ outcome: "cast", ballot: ["ben", "ana"], ranked: true, deliveries: [] });
      expect(first.receipt).toMatch(/^[0-9A-F]{4}(-[0-9A-F]{4}){3}$/);
      // The receipt as typed back: any case, dashes optional.
      const typed = first.receipt.toLowerCase().replace(/-/g, "");
      const second = value(await tx((s) => castVote(s, { election: e, voter: w.m.cat!, choices: [name("ana")], receipt: typed }, VOTING_OPEN, random)));
      expect(second).toMatchObject({ outcome: "replaced", receipt: first.receipt });
      expect(await store.elections.ballots(e.id)).toEqual([{ id: expect.any(String), choices: [w.m.ana!.id] }]);
      const votes = (await store.elections.log(e.id)).filter((l) => l.kind.startsWith("vote-"));
      expect(votes.map((l) => [l.kind, l.payload])).toEqual([
        ["vote-cast", { receiptHash: sha256(first.receipt) }],
        ["vote-replaced", { receiptHash: sha256(first.receipt) }],
      ]);
      // The ballot's key is another hash of the receipt: the log's hash cannot find the ballot.
      const row = await app.db.prisma.ballot.findFirstOrThrow({ where: { electionId: e.id } });
      expect(row.key).toBe(ballotKeyOf(e.id, first.receipt));
      expect(row.key).not.toBe(sha256(first.receipt));
    });

    it("asks a voter who has voted for their receipt, and refuses a wrong one, a malformed one or one with no ballot", async () => {
      const e = await voting();
      const cast = (voter: Member, receipt?: string) => tx((s) => castVote(s, { election: e, voter, choices: [name("ben")], receipt }, VOTING_OPEN, random));
      expect(refusal(await cast(w.m.cat!, "AAAA-BBBB-CCCC-DDDD"))).toBe("You have not voted in E1 yet, so there is no ballot to replace: vote without a receipt.");
      const first = value(await tx((s) => castVote(s, { election: e, voter: w.m.cat!, choices: [name("ana")] }, VOTING_OPEN, random)));
      expect(refusal(await cast(w.m.cat!))).toBe(
        "You have already voted in E1. To replace your ballot, add the receipt you were shown: /vote E1 <your candidates> receipt XXXX-XXXX-XXXX-XXXX. Caucus keeps no link from you to your ballot, so only the receipt can find it.",
      );
      expect(refusal(await cast(w.m.cat!, "12-34"))).toBe('"12-34" is not a receipt: it is 16 letters and digits in groups of four, like XXXX-XXXX-XXXX-XXXX.');
      const wrong = first.receipt === "0000-0000-0000-0000" ? "1111-1111-1111-1111" : "0000-0000-0000-0000";
      expect(refusal(await cast(w.m.cat!, wrong))).toBe(`No ballot in E1 has receipt ${wrong}: check it against the one shown when you voted.`);
      expect((await store.elections.ballots(e.id)).map((b) => b.choices)).toEqual([[w.m.ana!.id]]);
    });

    it("matches a candidate by mention as well as by name", async () => {
      const e = await voting();
      expect(name("<@ben>").kind).toBe("mention");
      expect(value(await tx((s) => castVote(s, { election: e, voter: w.m.cat!, choices: [name("<@ben>")] }, VOTING_OPEN, random))).ballot).toEqual(["ben"]);
    });

    it("refuses a voter off the roll, a non-candidate, a repeat and an empty ballot, storing nothing", async () => {
      const e = await voting();
      const cast = (voter: Member, choices: MemberRef[]) => tx((s) => castVote(s, { election: e, voter, choices }, VOTING_OPEN, random));
      expect(refusal(await cast(w.m.zed!, [name("ana")]))).toBe("You are not on the roll of E1: the roll is the constituency's roster when nominations closed.");
      expect(refusal(await cast(w.m.cat!, [name("cat")]))).toBe('"cat" is not a candidate in E1. Candidates: ana, ben.');
      expect(refusal(await cast(w.m.cat!, [name("<@cat>")]))).toBe('"cat" is not a candidate in E1. Candidates: ana, ben.');
      expect(refusal(await cast(w.m.cat!, [name("ana"), name("@ana")]))).toBe("ana appears twice on your ballot: name each candidate once.");
      expect(refusal(await cast(w.m.cat!, []))).toBe("Name at least one candidate, like /vote E1 ana. Candidates: ana, ben.");
      expect(await store.elections.ballotCount(e.id)).toBe(0);
    });

    it("refuses votes before voting opens and at the close, reading the election afresh under its lock", async () => {
      const e = await opened();
      value(await tx((s) => nominate(s, { election: e, by: w.m.ana!, nominee: w.m.ana! }, T0)));
      expect(refusal(await tx((s) => castVote(s, { election: e, voter: w.m.ana!, choices: [name("ana")] }, T0, random)))).toBe(
        "Voting in E1 has not opened yet: it opens when nominations close.",
      );
      value(await tx(async (s) => startVoting(s, await fresh(e, s), NOMINATIONS)));
      value(await tx(async (s) => closeElection(s, await fresh(e, s), CLOSE)));
      // `e` is the stale copy from before voting opened; the operation must not trust it.
      expect(refusal(await tx((s) => castVote(s, { election: e, voter: w.m.ana!, choices: [name("ana")] }, VOTING_OPEN, random)))).toBe("Voting in E1 has closed.");
      expect(await store.elections.ballotCount(e.id)).toBe(0);
    });
  });

  describe("closeElection and publishedBallots", () => {
    it("counts, records mandates, forgets who voted, seals the ballots and tells the channel and the roll", async () => {
      const e = await voting();
      for (const [voter, choices] of [["ana", ["ana"]], ["ben", ["ben", "ana"]], ["cat", ["ana", "ben"]]] as const) {
        value(await tx((s) => castVote(s, { election: e, voter: w.m[voter]!, choices: choices.map(name) }, VOTING_OPEN, random)));
      }
      expect(refusal(await publishedBallots(store, await fresh(e)))).toBe("Ballots of E1 are published only after the count, so nobody can see a running tally.");
      const r = value(await tx((s) => closeElection(s, e, CLOSE)));
      expect(r).toMatchObject({ elected: ["ana"], ballots: 3, roll: 3 });
      expect(await app.db.prisma.hasVoted.count({ where: { electionId: e.id } })).toBe(0);
      const sealed = await app.db.prisma.ballot.findMany({ where: { electionId: e.id } });
      expect(sealed.map((b) => b.key)).toEqual([null, null, null]);
      expect(await store.elections.mandatesOf(w.m.ana!.id)).toMatchObject([{ constituency: "Youth", electionNumber: 1, votes: "2 votes", round: 1 }]);
      expect(posts(r.deliveries)[0]).toMatch(/^🗳️ Result of E1 Speaker, counted 2026-05-04 12:00 UTC:\nElected: ana\./);
      expect(dmsTo(r.deliveries)).toEqual(["ana", "ben", "cat"]);
      const toCat = r.deliveries.find((d) => d.kind === "dm" && d.to.displayName === "cat")!;
      expect(renderPlain(toCat.message)).toContain("counted 2026-05-04 08:00 America/New_York");
      const log = await store.elections.log(e.id);
      expect(verifyChain(log).ok).toBe(true);
      expect(log.slice(-2).map((l) => l.kind)).toEqual(["closed", "counted"]);
      expect(refusal(await tx((s) => closeElection(s, e, CLOSE)))).toBe("E1 is not in its voting phase (closed).");

      const published = value(await publishedBallots(store, await fresh(e)));
      expect(published).toMatchObject({ filename: "E1-ballots.blt", method: "irv", seed: (await fresh(e)).seed });
      const blt = parseBlt(published.blt);
      expect(blt.ok && blt.value.candidates).toEqual(["ana", "ben"]);
      expect(blt.ok && blt.value.ballots.map((b) => b.prefs.join(">")).sort()).toEqual(["0", "0>1", "1>0"]);
    });

    it("gives /election ballots as a .blt file, which the console prints after the text", async () => {
      const e = await voting();
      value(await tx((s) => castVote(s, { election: e, voter: w.m.cat!, choices: [name("ben")] }, VOTING_OPEN, random)));
      value(await tx((s) => closeElection(s, e, CLOSE)));
      const [reply] = await run(app, "cat", "/election ballots E1", CLOSE);
      const message = reply?.kind === "reply" ? reply.message : undefined;
      const seed = (await fresh(e)).seed!;
      expect(message?.attachment).toEqual({ filename: "E1-ballots.blt", mediaType: "text/plain", content: '2 1\n1 2 0\n0\n"ana"\n"ben"\n"E1 Speaker"\n' });
      expect(message?.text).toEqual([
        [
          `Anonymised ballots of E1 in BLT format, as the file E1-ballots.blt (random order, no voter information). Tie-break seed: ${seed}. ` +
            `Recount: save E1-ballots.blt, then npm run --silent tally -- --method irv --seed ${seed} E1-ballots.blt`,
        ],
        [
          "Unique ballots: 1 of 1 (cast by one voter only: nobody else ranked or approved that way). Ballots are published in full, so a unique one can show how its voter voted to whoever knows that pattern.",
        ],
      ]);
      expect(renderPlain(message!).split("\n").slice(2).join("\n")).toBe(message!.attachment!.content);
    });

    it("elects nobody, and publishes no ballots, when nobody voted", async () => {
      const e = await voting();
      const r = value(await tx((s) => closeElection(s, e, CLOSE)));
      expect(r).toMatchObject({ result: null, elected: [], ballots: 0 });
      // The post carries the log's head hash after the count, so a later rewrite shows against what members saw.
      const head = (await store.elections.lastLog(e.id))!;
      expect(head.kind).toBe("counted");
      expect(posts(r.deliveries)).toEqual([`🗳️ E1 Speaker closed 2026-05-04 12:00 UTC: no ballots were cast, so nobody was elected.\n${headLine(head)}`]);
      expect(await store.elections.mandatesOf(w.m.ana!.id)).toEqual([]);
    });
  });
});

// One person, one member: linking a Slack and a Discord account of one network, on PGlite and PostgreSQL.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { App } from "../../adapters/compose.ts";
import type { Actor } from "../../src/event.ts";
import type { Send } from "../../src/message.ts";
import { actor, clearAll, handle, run, targets, texts, tick } from "../support/testApp.ts";

const T0 = new Date("2026-05-01T08:00:00Z");
const NOMINATIONS_CLOSE = new Date("2026-05-02T12:00:00Z");
const VOTING = new Date("2026-05-02T13:00:00Z");
const CLOSE = new Date("2026-05-04T12:00:00Z");

const slack = (name: string, opts: Partial<Actor> = {}): Actor =>
  actor(name, { platform: "slack", workspaceId: "T1", workspaceName: "Coalition", userId: `U${name.toUpperCase()}`, ...opts });
const discord = (name: string, opts: Partial<Actor> = {}): Actor =>
  actor(name, { platform: "discord", workspaceId: "G1", workspaceName: "Youth server", userId: `D${name.toUpperCase()}`, ...opts });

/** The code in the link DM among `sends`. */
function codeIn(sends: Send[]): string {
  const m = /Your link code: (\S+)/.exec(texts(sends));
  if (!m) throw new Error(`no link code in: ${texts(sends)}`);
  return m[1]!;
}

for (const target of targets()) {
  describe(`one person, one member on ${target.name}`, () => {
    let app: App;
    const olga = slack("olga", { isPlatformAdmin: true });

    /** A Slack-founded network with a Discord server in it, set up through the store (as a join would). */
    async function network(): Promise<string> {
      const { network } = await app.store.resolveActor(olga);
      await app.db.prisma.workspace.create({ data: { networkId: network.id, platform: "discord", externalId: "G1", name: "Youth server", joinedAt: T0 } });
      return network.id;
    }

    async function link(from: Actor, to: Actor, at = T0, extra = ""): Promise<Send[]> {
      const code = codeIn(await run(app, from, "/caucus link", at));
      return run(app, to, `/caucus link ${code}${extra}`, at);
    }

    const memberCount = () => app.db.prisma.member.count();

    beforeAll(async () => {
      app = await target.open();
    });
    afterAll(async () => app?.close());
    beforeEach(async () => clearAll(app));

    it("sends the code by DM to the asking account only, and stores only its hash", async () => {
      await network();
      const sends = await run(app, slack("ana"), "/caucus link", T0);
      const dm = sends.find((s) => s.kind === "dm");
      expect(dm?.kind === "dm" && [dm.to.platform, dm.to.userId]).toEqual(["slack", "UANA"]);
      expect(texts(sends)).toMatch(/I sent you a link code by direct message; it works once, until 2026-05-01 08:15/);
      const code = codeIn(sends);
      const rows = await app.db.prisma.linkCode.findMany();
      expect(rows).toHaveLength(1);
      expect(JSON.stringify(rows)).not.toContain(code);
      expect(JSON.stringify(rows)).not.toContain(code.replace(/-/g, ""));
    });

    it("links a Slack and a Discord account into one member: the asking account's zone, one roster place, DMs on one platform", async () => {
      await network();
      await run(app, olga, "/constituency create Youth open", T0);
      await run(app, slack("ana"), "/timezone Europe/Paris", T0);
      await run(app, discord("ana"), "/timezone America/New_York", T0);
      await run(app, discord("ana"), "/quiet 23:00-06:00", T0);
      await run(app, slack("ana"), "/constituency join Youth", T0);
      await run(app, discord("ana"), "/constituency join Youth", T0);
      expect(await memberCount()).toBe(3);

      const out = texts(await link(slack("ana"), discord("ana")));
      expect(out).toContain("Your slack and discord accounts are now one member of Coalition.");
      expect(out).toContain("Time zone: Europe/Paris (set on slack)");
      expect(out).toContain("Reminders and DMs: on slack, once each. To get them on discord: /caucus reminders on discord.");
      expect(out).toContain("Rosters: Youth (one place each).");
      // The account that asked for the code hears of it there.
      expect(out).toContain("Your link code was used: this slack account and a discord account are now one member");
      expect(await memberCount()).toBe(2);
      expect(await app.db.prisma.constituencyMembership.count()).toBe(1);
      // Either account now acts as the one member; the quiet hours only one of them set are kept.
      expect(texts(await run(app, discord("ana"), "/timezone", T0))).toContain("Your time zone is Europe/Paris (you set it)");
      expect(texts(await run(app, slack("ana"), "/quiet", T0))).toContain("Your quiet hours are 23:00-06:00");
      expect(texts(await run(app, olga, "/constituency show Youth", T0)).match(/ana/g)).toHaveLength(1);

      await run(app, discord("ana"), "/caucus reminders on discord", T0);
      const dms = (await run(app, olga, "/deadline add Report 2026-05-03 12:00 UTC", T0)).filter((s) => s.kind === "dm" && s.to.displayName === "ana");
      expect(dms.map((d) => d.kind === "dm" && d.to.platform)).toEqual(["discord"]);
    });

    it("keeps a Slack profile zone when the Discord account acts (platform facts are per account)", async () => {
      await network();
      await run(app, slack("ana", { platformZone: "Africa/Nairobi" }), "/caucus organisers", T0);
      // The Discord account's first command is the link: it is not nudged to set a zone it now has.
      expect(texts(await link(slack("ana", { platformZone: "Africa/Nairobi" }), discord("ana")))).not.toContain("Tip: you have not set your time zone");
      expect(texts(await run(app, discord("ana"), "/timezone", T0))).toContain("Your time zone is Africa/Nairobi (from your profile");
      expect(texts(await run(app, discord("ana"), "/caucus reminders on console", T0))).toContain("You have no console account linked; yours are on slack, discord.");
    });

    it("reminds the linked member once per deadline step, not once per account", async () => {
      await network();
      await run(app, slack("ana"), "/timezone UTC", T0);
      await run(app, discord("ana"), "/timezone UTC", T0);
      // Both accounts are told and get reminders planned, before they are linked.
      await run(app, olga, "/deadline add Report 2026-05-03 12:00 UTC", T0);
      expect(await app.db.prisma.reminder.count({ where: { member: { displayName: "ana" } } })).toBeGreaterThan(0);
      await link(slack("ana"), discord("ana"));
      const sent = [];
      for (let h = 1; h <= 60; h++) sent.push(...(await tick(app, new Date(T0.getTime() + h * 3_600_000))));
      const toAna = sent.filter((d) => d.kind === "dm" && d.to.displayName === "ana");
      const steps = (await app.db.prisma.deadline.findFirstOrThrow()).ladder as number[];
      expect(toAna.length).toBe(steps.filter((ms) => new Date("2026-05-03T12:00:00Z").getTime() - ms > T0.getTime()).length);
      expect(new Set(toAna.map((d) => d.kind === "dm" && d.to.platform))).toEqual(new Set(["slack"]));
    });

    it("refuses a malformed, unknown, used or expired code, one from another network, and a link to the same account", async () => {
      await network();
      expect(texts(await run(app, discord("ana"), "/caucus link nonsense", T0))).toContain('"nonsense" is not a link code');
      expect(texts(await run(app, discord("ana"), "/caucus link 0000-0000-0000-0000", T0))).toContain("No link code 0000-0000-0000-0000 exists");
      const code = codeIn(await run(app, slack("ana"), "/caucus link", T0));
      expect(texts(await run(app, slack("ana"), `/caucus link ${code}`, T0))).toContain("That code is for this very account");
      const late = new Date(T0.getTime() + 16 * 60_000);
      expect(texts(await run(app, discord("ana"), `/caucus link ${code.toLowerCase()}`, late))).toMatch(/Link code .* expired at 2026-05-01 08:15/);
      const fresh = codeIn(await run(app, slack("ana"), "/caucus link", T0));
      await run(app, discord("ana"), `/caucus link ${fresh}`, T0);
      expect(texts(await run(app, discord("bob"), `/caucus link ${fresh}`, T0))).toContain("has been used already: a code works once");
      // A Discord server of another network.
      const stranger = actor("sam", { platform: "discord", workspaceId: "G9", workspaceName: "Elsewhere", userId: "D9" });
      const third = codeIn(await run(app, slack("cat"), "/caucus link", T0));
      expect(texts(await run(app, stranger, `/caucus link ${third}`, T0))).toContain("is from another Caucus network, not Elsewhere");
      expect(await app.db.prisma.identity.count({ where: { member: { displayName: "cat" } } })).toBe(1);
    });

    it("refuses to link two accounts on the same platform, and an account already linked", async () => {
      const networkId = await network();
      await app.db.prisma.workspace.create({ data: { networkId, platform: "slack", externalId: "T2", name: "Partner" } });
      const partner = slack("ana", { workspaceId: "T2", userId: "UANA2" });
      expect(texts(await link(slack("ana"), partner))).toContain("Both members already have a slack account");
      await link(slack("ana"), discord("ana"));
      expect(texts(await link(slack("ana"), discord("ana")))).toContain("This account is already linked to the member that code is for");
      expect(await memberCount()).toBe(3);
    });

    it("keeps organiser rights by grant for the person, and by right (platform admin) with the admin account only", async () => {
      await network();
      await run(app, slack("ben"), "/timezone UTC", T0);
      await run(app, olga, "/caucus organiser add ben", T0);
      await link(slack("ben"), discord("ben"));
      expect(texts(await run(app, discord("ben"), "/caucus links", T0))).toContain("linked: slack:T1:UBEN");
      // olga is a Slack admin: an organiser on Slack, not through her Discord account.
      await link(olga, discord("olga"));
      expect(texts(await run(app, discord("olga"), "/caucus links", T0))).toContain("Only network organisers can see linked accounts");
      expect(texts(await run(app, olga, "/caucus links", T0))).toContain("linked: slack:T1:UOLGA");
      expect(texts(await run(app, discord("olga"), "/caucus organisers", T0))).toMatch(/Organisers: .*ben.*olga|Organisers: .*olga.*ben/);
    });

    it("unlinks an account into a member of its own with no roster place, vote or right, and logs it", async () => {
      await network();
      await run(app, olga, "/constituency create Youth open", T0);
      await run(app, slack("ana"), "/timezone Europe/Paris", T0);
      await run(app, slack("ana"), "/constituency join Youth", T0);
      await link(slack("ana"), discord("ana"));
      await run(app, olga, '/election create Youth "Speaker" seats 1 method irv nominations 2026-05-02 12:00 voting 2026-05-04 12:00 UTC', T0);
      await run(app, olga, "/election open E1", T0);
      await run(app, slack("ana"), "/nominate E1 ana", T0);
      await tick(app, NOMINATIONS_CLOSE);
      expect(texts(await run(app, discord("ana"), "/vote E1 ana", VOTING))).toContain("Ballot cast in E1");

      const out = await run(app, slack("ana"), "/caucus unlink discord", VOTING);
      expect(texts(out)).toContain("Your discord account is a separate member again");
      // The split-off account hears of it on its own platform.
      expect(out.some((s) => s.kind === "dm" && s.to.platform === "discord" && /unlinked/.test(texts([s])))).toBe(true);
      expect(await memberCount()).toBe(3);
      // Not on the roll: no second vote. Same zone, no roster place.
      expect(texts(await run(app, discord("ana"), "/vote E1 ana", VOTING))).toContain("You are not on the roll of E1");
      expect(texts(await run(app, discord("ana"), "/timezone", VOTING))).toContain("Europe/Paris");
      expect(await app.db.prisma.constituencyMembership.count()).toBe(1);
      expect(texts(await run(app, slack("ana"), "/vote E1 ana", VOTING))).toContain("You have already voted in E1");
      const log = texts(await run(app, olga, "/caucus links", VOTING));
      expect(log).toMatch(/unlinked: discord:G1:DANA split off ana[\s\S]*linked: slack:T1:UANA/);
      expect(texts(await run(app, slack("ana"), "/caucus unlink discord", VOTING))).toContain("Nothing to unlink: this member has only one account (slack)");
    });

    describe("elections across platforms", () => {
      /** Youth (open roster) with ana on Slack, bob and cat on Discord, ana also on Discord (as "Ana D", so names
       *  typed on either platform find one of them until linked); E1 in voting. */
      async function election(opts: { linkFirst: boolean }) {
        await network();
        await run(app, olga, "/constituency create Youth open", T0);
        for (const a of [slack("ana"), anaD, discord("bob"), discord("cat")]) {
          await run(app, a, "/timezone UTC", T0);
          await run(app, a, "/constituency join Youth", T0);
        }
        if (opts.linkFirst) await link(slack("ana"), anaD);
        await run(app, olga, '/election create Youth "Speaker" seats 1 method irv nominations 2026-05-02 12:00 voting 2026-05-04 12:00 UTC endorsements 1', T0);
        await run(app, olga, "/election open E1", T0);
        // Nominated on Slack, endorsed from Discord; a Discord member stands too.
        await run(app, slack("ana"), "/nominate E1 ana", T0);
        await run(app, discord("cat"), "/endorse E1 ana", T0);
        await run(app, discord("bob"), "/nominate E1 bob", T0);
        await run(app, discord("cat"), "/endorse E1 bob", T0);
        await tick(app, NOMINATIONS_CLOSE);
      }
      const anaD = discord("ana", { displayName: "Ana D" });
      const ballots = async () => (await app.db.prisma.ballot.findMany()).map((b) => b.choices as string[]);
      /** The member an account belongs to now (display names follow whichever account acted last). */
      const idOf = async (userId: string) => (await app.db.prisma.identity.findFirstOrThrow({ where: { userId } })).memberId;

      it("lets a linked member vote on Slack then on Discord: one ballot from them, with the second preferences", async () => {
        await election({ linkFirst: true });
        const roll = texts(await run(app, olga, "/election roll E1", VOTING));
        expect(roll.match(/\bana\b/g)).toHaveLength(1);
        const first = texts(await run(app, slack("ana"), "/vote E1 ana bob", VOTING));
        const receipt = /Receipt: (\S+)\./.exec(first)![1]!;
        expect(texts(await run(app, anaD, "/vote E1 bob", VOTING))).toContain("You have already voted in E1");
        expect(texts(await run(app, anaD, `/vote E1 bob ana receipt ${receipt}`, VOTING))).toContain("Ballot replaced in E1");
        await run(app, discord("cat"), "/vote E1 ana", VOTING);
        expect(await ballots()).toHaveLength(2);
        const posts = texts(await tick(app, CLOSE));
        expect(posts).toContain("Turnout: 2 of 3 (67%).");
        const [ana, bob] = [await idOf("UANA"), await idOf("DBOB")];
        expect((await ballots()).sort()).toEqual([[ana], [bob, ana]].sort());
      });

      it("keeps exactly one ballot when both accounts voted before the link: the receipt names the one replaced", async () => {
        await election({ linkFirst: false });
        const early = /Receipt: (\S+)\./.exec(texts(await run(app, slack("ana"), "/vote E1 ana", VOTING)))![1]!;
        await run(app, anaD, "/vote E1 bob ana", VOTING);
        await run(app, discord("cat"), "/vote E1 bob", VOTING);
        expect(await ballots()).toHaveLength(3);
        const code = codeIn(await run(app, slack("ana"), "/caucus link", VOTING));
        expect(texts(await run(app, anaD, `/caucus link ${code}`, VOTING))).toMatch(/Both accounts have voted in E1, and one person has one ballot: your later ballot replaces the earlier one\. Add the receipt of the earlier ballot/);
        expect(texts(await run(app, anaD, `/caucus link ${code} receipt 0000-0000-0000-0000`, VOTING))).toContain("None of the receipts you gave is of a ballot in E1");
        expect(await ballots()).toHaveLength(3);
        expect(await memberCount()).toBe(5);
        const out = texts(await run(app, anaD, `/caucus link ${code} receipt ${early}`, VOTING));
        expect(out).toContain("Ballots: in E1, the ballot with the receipt you gave was dropped; your other one stands.");
        expect(await ballots()).toHaveLength(2);
        expect(await app.db.prisma.hasVoted.count()).toBe(2);
        // The log says a ballot went and the roll shrank: no receipt, no member, no contents.
        const log = await app.db.prisma.electionLogEntry.findMany({ where: { kind: { in: ["vote-replaced-on-link", "roll-merged"] } }, orderBy: { seq: "asc" } });
        expect(log.map((l) => l.kind)).toEqual(["vote-replaced-on-link", "roll-merged"]);
        const anaId = await idOf("DANA");
        for (const l of log) expect(JSON.stringify(l.payload)).not.toMatch(new RegExp(`${anaId}|receipt"|[0-9a-f]{64}`));
        expect(log[1]!.payload).toMatchObject({ rollSize: 3 });
        // The linked member cannot vote a third time, from either account.
        expect(texts(await run(app, slack("ana"), "/vote E1 ana", VOTING))).toContain("You have already voted in E1");
        const posts = texts(await tick(app, CLOSE));
        expect(posts).toContain("Turnout: 2 of 3 (67%).");
        // Had the later ballot gone instead, ana and bob would tie.
        expect(posts).toContain("Elected: bob.");
        const [ana, bob] = [await idOf("DANA"), await idOf("DBOB")];
        expect((await ballots()).sort()).toEqual([[bob, ana], [bob]].sort());
        expect(texts(await run(app, olga, "/election audit E1", CLOSE))).toContain("every check passed");
      });

      it("carries a candidate over: frozen on the ballot under the asking account, voted for and elected as the member", async () => {
        await election({ linkFirst: false });
        await run(app, discord("bob"), "/vote E1 ana", VOTING);
        await link(slack("ana"), anaD, VOTING);
        await run(app, discord("cat"), "/vote E1 ana", VOTING);
        expect(texts(await run(app, anaD, "/vote E1 ana", VOTING))).toContain("Ballot cast in E1");
        const posts = texts(await tick(app, CLOSE));
        expect(posts).toContain("Elected: ana.");
        expect(posts).toContain("Turnout: 3 of 3");
        expect(texts(await run(app, anaD, "/mandate <@DANA>", CLOSE))).toContain("Youth: elected");
        expect(texts(await run(app, olga, "/election audit E1", CLOSE))).toContain("every check passed");
      });

      it("refuses to link two accounts that are both nominated in an open election", async () => {
        await network();
        await run(app, olga, "/constituency create Youth open", T0);
        for (const a of [slack("ana"), discord("ana")]) await run(app, a, "/constituency join Youth", T0);
        await run(app, olga, '/election create Youth "Speaker" seats 1 method irv nominations 2026-05-02 12:00 voting 2026-05-04 12:00 UTC', T0);
        await run(app, olga, "/election open E1", T0);
        await run(app, slack("ana"), "/nominate E1 <@UANA>", T0);
        await run(app, discord("ana"), "/nominate E1 <@DANA>", T0);
        expect(texts(await link(slack("ana"), discord("ana")))).toContain("Both accounts are nominated in E1, and one person stands once");
        expect(await app.db.prisma.linkCode.count({ where: { usedAt: { not: null } } })).toBe(0);
      });
    });

    it("lists unlinked look-alike members across platforms for organisers, and asks each pair by DM", async () => {
      await network();
      await run(app, slack("ana"), "/timezone UTC", T0);
      await run(app, discord("аna", { userId: "DCYR" }), "/timezone UTC", T0); // Cyrillic а
      await run(app, discord("ANA", { userId: "DUP" }), "/timezone UTC", T0);
      await run(app, slack("bob"), "/timezone UTC", T0);
      await run(app, slack("Bob", { userId: "UBOB2" }), "/timezone UTC", T0); // same platform: cannot be linked
      expect(texts(await run(app, slack("ana"), "/caucus duplicates", T0))).toContain("Only network organisers can list possible duplicate members");
      const list = await run(app, olga, "/caucus duplicates", T0);
      const out = texts(list);
      expect(out).toContain("Possible duplicates (names that look alike, accounts on different platforms, not linked): 2.");
      expect(out).toContain('"ana" (slack) and "аna" (discord)');
      expect(out).toContain('"ana" (slack) and "ANA" (discord)');
      expect(out).not.toMatch(/"bob".*"Bob"/);
      const reply = list.find((s) => s.kind === "reply");
      const button = reply?.kind === "reply" ? reply.message.components?.[0] : undefined;
      expect(button?.kind).toBe("button");
      const asked = await handle(app, { kind: "action", actor: olga, channel: { platform: "slack", workspaceId: "T1", channelId: "C1" }, actionId: "caucus:ask-link", value: button?.kind === "button" ? button.value : "" }, T0);
      expect(texts(asked)).toMatch(/Asked "ana" and ".NA?a?" by DM|Asked "ana" and "(аna|ANA)" by DM/);
      const dms = (await run(app, olga, "/caucus ask-to-link", T0)).filter((s) => s.kind === "dm");
      expect(dms).toHaveLength(4);
      expect(texts(dms)).toContain("run /caucus link here on slack, then run /caucus link <code> from your discord account");
      await link(slack("ana"), discord("ANA", { userId: "DUP" }));
      expect(texts(await run(app, olga, "/caucus duplicates", T0))).not.toContain('"ANA"');
    });
  });
}

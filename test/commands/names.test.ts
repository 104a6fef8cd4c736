// Item 7 and item 6's look-alike names: what a name may hide, who a command may create, and which names
// could pass for another's in the same network.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { App } from "../../adapters/compose.ts";
import type { PlatformUser } from "../../src/platformPort.ts";
import { userDirectory } from "../../src/userDirectory.ts";
import { actor, clearAll, delivered, run, targets, texts } from "../support/testApp.ts";

const T0 = new Date("2026-04-01T08:00:00Z");
const olga = actor("olga", { isPlatformAdmin: true });

/** The far side of the network: a platform that knows U777 (Ama) and U555, cannot be reached about U503, and
 *  knows nobody else. The console in the same app cannot be asked at all. */
const lookups: string[] = [];
const fakePlatform = {
  platform: "slack",
  async lookupUser(workspaceId: string, userId: string): Promise<PlatformUser> {
    lookups.push(`${workspaceId}/${userId}`);
    if (userId === "U777") return { kind: "found", displayName: "Ama\u2060 Owusu" };
    if (userId === "U555") return { kind: "found", displayName: "\u3164" };
    if (userId === "U503") return { kind: "unavailable", reason: "rate limited" };
    return { kind: "unknown" };
  },
};
const slack = (name: string, opts = {}) => actor(name, { platform: "slack", workspaceId: "T1", userId: `U${name.toUpperCase()}`, ...opts });

for (const target of targets({ directory: userDirectory([fakePlatform]) })) {
  describe(`names and members on ${target.name}`, () => {
    let app: App;
    beforeAll(async () => {
      app = await target.open();
    });
    afterAll(async () => app?.close());
    beforeEach(async () => {
      lookups.length = 0;
      await clearAll(app);
    });
    const members = () => app.db.prisma.member.findMany({ orderBy: { createdAt: "asc" } });

    it.each([
      ["a word joiner", "/constituency create Youth\u2060", "U+2060"],
      ["only a Hangul filler", "/constituency create \u3164", "U+3164"],
      ["a zero-width non-joiner", "/constituency create You\u200cth", "U+200C"],
      ["a private-use character", "/constituency create Youth\ue000", "U+E000"],
      ["a blank braille pattern", "/constituency create Youth \u2800", "U+2800"],
    ])("refuses a constituency name with %s", async (_what, line, code) => {
      expect(texts(await run(app, olga, line, T0))).toContain(`contains an invisible or control character (${code})`);
      expect(await app.db.prisma.constituency.count()).toBe(0);
    });

    it("refuses an election title with an Arabic letter mark (U+061C) and a deadline title with a soft hyphen", async () => {
      await run(app, olga, "/constituency create Youth", T0);
      const election = texts(await run(app, olga, '/election create Youth "Speaker\u061c" seats 1 method irv nominations 2026-05-02 12:00 voting 2026-05-04 12:00 UTC', T0));
      expect(election).toContain("The title contains an invisible or control character (U+061C)");
      expect(await app.db.prisma.election.count()).toBe(0);
      const deadline = texts(await run(app, olga, '/deadline add "Re\u00adport" 2026-05-02 12:00 UTC', T0));
      expect(deadline).toContain("(U+00AD)");
      expect(await app.db.prisma.deadline.count()).toBe(0);
    });

    it("keeps emoji whole, with their joiners and variation selectors", async () => {
      expect(texts(await run(app, olga, "/constituency create Families 👨‍👩‍👧 ❤️", T0))).toContain('Constituency "Families 👨‍👩‍👧 ❤️" created');
    });

    it("refuses a constituency whose name looks like an existing one (Yоuth with a Cyrillic о)", async () => {
      await run(app, olga, "/constituency create Youth", T0);
      expect(texts(await run(app, olga, "/constituency create Y\u043euth", T0))).toContain('"Yоuth" looks like the existing constituency "Youth" but is spelled with different characters');
      expect(texts(await run(app, olga, "/constituency create Trade unions", T0))).toContain("created");
      expect(await app.db.prisma.constituency.count()).toBe(2);
    });

    it("creates no member for a read-only /mandate of someone Caucus has never met, who then hears of no deadline", async () => {
      await run(app, olga, "/timezone UTC", T0);
      const before = (await members()).length;
      expect(texts(await run(app, olga, "/mandate <@U999>", T0))).toContain("<@U999> has not used Caucus in this network");
      expect(await members()).toHaveLength(before);
      await run(app, olga, "/deadline add Report 2026-05-02 12:00 UTC", T0);
      const dms = (await delivered(app, T0)).filter((d) => d.kind === "dm");
      expect(dms.map((d) => (d.kind === "dm" ? d.to.userId : ""))).not.toContain("U999");
      expect(lookups).toEqual([]);
    });

    it("refuses to add a user the platform does not know to a roster, and says when the platform cannot be asked", async () => {
      const org = slack("olga", { isPlatformAdmin: true });
      await run(app, org, "/constituency create Youth", T0);
      expect(texts(await run(app, org, "/constituency add Youth <@U404>", T0))).toContain("slack knows no user <@U404> in this workspace");
      expect(texts(await run(app, org, "/constituency add Youth <@U503>", T0))).toContain("could not ask slack who <@U503> is just now (rate limited)");
      expect(lookups).toEqual(["T1/U404", "T1/U503"]);
      expect(await app.db.prisma.constituencyMembership.count()).toBe(0);
      expect((await members()).map((m) => m.displayName)).toEqual(["olga"]);
    });

    it("adds a user the platform confirms, under their platform name cleaned (no invisible characters, never blank)", async () => {
      const org = slack("olga", { isPlatformAdmin: true });
      await run(app, org, "/constituency create Youth", T0);
      expect(texts(await run(app, org, "/constituency add Youth <@U777|ama> <@U555>", T0))).toContain("Added to Youth: Ama Owusu, U555");
      expect((await members()).map((m) => m.displayName)).toEqual(["olga", "Ama Owusu", "U555"]);
    });

    it("meets nobody by mention on the console, which cannot be asked: members appear when they act", async () => {
      await run(app, olga, "/constituency create Youth", T0);
      expect(texts(await run(app, olga, "/constituency add Youth <@zed>", T0))).toContain("<@zed> has not used Caucus yet, and console cannot be asked who they are");
      await run(app, "zed", "/timezone UTC", T0);
      expect(texts(await run(app, olga, "/constituency add Youth <@zed>", T0))).toContain("Added to Youth: zed");
    });

    it("cleans display names from the platform on every event, like any other name", async () => {
      await run(app, actor("ana", { displayName: "ana\u2060\u200d" }), "/timezone UTC", T0);
      await run(app, actor("dan", { displayName: "\u3164\u3164" }), "/timezone UTC", T0);
      await run(app, actor("eve", { displayName: "\u202eeve" }), "/timezone UTC", T0);
      expect((await members()).map((m) => m.displayName)).toEqual(["ana", "dan", "eve"]);
    });

    it("refuses a typed name that two members' names could both be, and one that only looks like a member's", async () => {
      await run(app, olga, "/constituency create Youth", T0);
      await run(app, "ana", "/timezone UTC", T0);
      expect(texts(await run(app, olga, "/constituency add Youth \u0430na", T0))).toContain('No member is called "аna" exactly. "ana" looks like it but is spelled with different characters');
      await run(app, actor("\u0430na", { userId: "mallory" }), "/timezone UTC", T0);
      expect(texts(await run(app, olga, "/constituency add Youth ana", T0))).toContain('2 members have names that look like "ana" (ana, аna)');
      expect(await app.db.prisma.constituencyMembership.count()).toBe(0);
      expect(texts(await run(app, olga, "/constituency add Youth <@ana>", T0))).toContain("Added to Youth: ana");
    });
  });
}

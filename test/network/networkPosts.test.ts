import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { App } from "../../adapters/compose.ts";
import type { Send } from "../../src/message.ts";
import { clearAll, targets, texts, tick } from "../support/testApp.ts";
import { channelIn, COALITION, dms, joinCodeOf, person, posts, say, T0, YOUTH_HUB } from "./support.ts";

const NOMINATIONS = new Date("2026-05-02T12:00:00Z");
const VOTING = new Date("2026-05-03T12:00:00Z");
const CLOSE = new Date("2026-05-04T12:00:00Z");

for (const target of targets()) {
  describe(`network posts and removal on ${target.name}`, () => {
    let app: App;
    beforeAll(async () => {
      app = await target.open();
    });
    afterAll(async () => app?.close());
    beforeEach(async () => clearAll(app));

    const olga = person(COALITION, "Olga", { isPlatformAdmin: true });
    const luis = person(COALITION, "Luis");
    const dee = person(YOUTH_HUB, "Dee", { isPlatformAdmin: true });
    const kim = person(YOUTH_HUB, "Kim");
    const general = channelIn(COALITION, "C01GENERAL", "general");
    const announcements = channelIn(COALITION, "C02ANNOUNCE", "announcements");
    const lobby = channelIn(YOUTH_HUB, "910000000000000001", "lobby");
    /** Where the posts went (delivery order depends on each platform's queue, so sorted). */
    const where = (sends: Send[]) => posts(sends).map((p) => `${p.channel.platform}:${p.channel.name}`).sort();

    /** Coalition (Slack) founded the network, Youth Hub (Discord) joined; each names its announcement channel. */
    async function joined(): Promise<void> {
      await say(app, kim, lobby, "/timezone Asia/Manila");
      await say(app, luis, general, "/timezone Europe/Madrid");
      const code = joinCodeOf(await say(app, olga, general, "/caucus invite"));
      await say(app, dee, lobby, `/caucus join ${code}`);
      await say(app, olga, announcements, "/caucus channel here");
      await say(app, dee, lobby, "/caucus channel here");
    }

    it("lets a server's admin (not an organiser) name its channel, and refuses a plain member", async () => {
      await joined();
      expect(texts(await say(app, kim, lobby, "/caucus channel here"))).toMatch(/Only network organisers and admins of this Discord server can choose where network posts go/);
      const set = await say(app, dee, lobby, "/caucus channel here");
      expect(set[0]).toMatchObject({ kind: "reply", visibility: "public" });
      expect(texts(set)).toMatch(/Network posts for this Discord server .* now go to #lobby \(set by Dee\)/);
      expect(texts(await say(app, dee, lobby, "/caucus channel off"))).toMatch(/no longer go to a channel in this Discord server/);
      expect(texts(await say(app, dee, lobby, "/caucus channel off"))).toMatch(/has no announcement channel to clear/);
    });

    it("posts a network-wide deadline, its move and its cancellation in every workspace's channel, each as its own platform's post, and DMs each member in their zone", async () => {
      await joined();
      const added = await say(app, olga, general, '/deadline add "Annual report" 2026-05-01 12:00 UTC');
      expect(where(added)).toEqual(["discord:lobby", "slack:announcements", "slack:general"]);
      expect(posts(added).find((p) => p.channel.platform === "discord")!.channel).toEqual(lobby);
      const toKim = dms(added).find((d) => d.to.displayName === "Kim")!;
      expect(toKim.to).toMatchObject({ platform: "discord", workspaceId: YOUTH_HUB.workspaceId, zone: "Asia/Manila" });
      expect(texts([toKim])).toMatch(/Due 2026-05-01 20:00 Asia\/Manila \(your time\)/);
      expect(texts([dms(added).find((d) => d.to.displayName === "Luis")!])).toMatch(/Due 2026-05-01 14:00 Europe\/Madrid/);
      expect(where(await say(app, olga, general, "/deadline move D1 2026-05-02 12:00 UTC"))).toEqual(["discord:lobby", "slack:announcements", "slack:general"]);
      expect(where(await say(app, olga, announcements, "/deadline cancel D1"))).toEqual(["discord:lobby", "slack:announcements", "slack:general"]);
    });

    it("posts a constituency's deadline only where its roster has members, and follows the roster", async () => {
      await joined();
      await say(app, olga, general, '/constituency create "Youth"');
      await say(app, olga, general, "/constituency add Youth Kim");
      expect(where(await say(app, olga, general, '/deadline add "Camp forms" 2026-05-01 12:00 UTC for Youth'))).toEqual(["discord:lobby", "slack:general"]);
      await say(app, olga, general, "/constituency add Youth Luis");
      expect(where(await say(app, olga, general, "/deadline move D1 2026-05-02 12:00 UTC"))).toEqual(["discord:lobby", "slack:announcements", "slack:general"]);
    });

    it("posts an election's opening, voting and result in the channels of the workspaces its constituency spans", async () => {
      await joined();
      await say(app, olga, general, '/constituency create "Youth"');
      await say(app, olga, general, "/constituency add Youth Kim");
      await say(app, olga, general, '/election create Youth "Hub spokesperson" seats 1 method approval nominations 2026-05-02 12:00 voting 2026-05-04 12:00 UTC');
      const opened = await say(app, olga, general, "/election open E1");
      expect(where(opened).filter((w) => w === "discord:lobby").length).toBe(3); // the opening, and each phase date
      expect(where(opened)).not.toContain("slack:announcements");
      await say(app, kim, lobby, "/nominate E1 Kim");
      expect(where(await tick(app, NOMINATIONS))).toEqual(["discord:lobby", "slack:general"]);
      await say(app, kim, lobby, "/vote E1 Kim", VOTING);
      const closed = await tick(app, CLOSE);
      expect(where(closed)).toEqual(["discord:lobby", "slack:general"]);
      expect(texts(posts(closed).slice(1))).toMatch(/Kim/);
    });

    it("removes a server at once: its members see a network of their own, leave the rosters, lose their reminders, and hear nothing more; their vote stays counted", async () => {
      await joined();
      await say(app, olga, general, '/constituency create "Youth"');
      await say(app, olga, general, "/constituency add Youth Kim Luis");
      await say(app, olga, general, '/deadline add "Annual report" 2026-05-10 12:00 UTC');
      await say(app, olga, general, '/election create Youth "Spokesperson" seats 1 method approval nominations 2026-05-02 12:00 voting 2026-05-04 12:00 UTC');
      await say(app, olga, general, "/election open E1");
      await say(app, luis, general, "/nominate E1 Luis");
      await tick(app, NOMINATIONS);
      await say(app, kim, lobby, "/vote E1 Luis", VOTING);

      expect(texts(await say(app, olga, general, "/caucus network remove Coalition"))).toMatch(/Coalition \(Slack workspace\) founded the network, so it cannot be removed/);
      expect(texts(await say(app, olga, general, "/caucus network remove Nowhere"))).toMatch(/No workspace or server of this network is called "Nowhere"\. It has: Coalition \(Slack workspace\), Youth Hub \(Discord server\)/);
      const removed = await say(app, olga, general, "/caucus network remove youth hub", VOTING);
      expect(texts(removed)).toMatch(/Youth Hub \(Discord server\) is no longer part of the network: its members lost access at once \(2 left every constituency/);
      expect(where(removed)).toEqual(["discord:lobby", "slack:announcements"]);
      expect(texts(posts(removed).filter((p) => p.channel.platform === "discord"))).toMatch(/This Discord server was removed from the network Coalition by Olga/);

      // Kim's next command is in a network of her own: none of the Coalition's deadlines, elections or rosters.
      expect(texts(await say(app, kim, lobby, "/deadline list all", VOTING))).not.toMatch(/Annual report/);
      expect(texts(await say(app, kim, lobby, "/election show E1", VOTING))).toMatch(/There is no election E1|no election/i);
      expect(texts(await say(app, kim, lobby, "/vote E1 Luis", VOTING))).not.toMatch(/ballot (was )?(recorded|replaced)/i);
      expect(texts(await say(app, kim, lobby, "/timezone", VOTING))).toMatch(/Asia\/Manila/);
      // …which Dee, the server's admin, organises by right again.
      const own = texts(await say(app, dee, lobby, "/caucus network", VOTING));
      expect(own).toMatch(/Youth Hub: 1 workspace, the one that founded it/);
      expect(own).toMatch(/Olga \(organiser of Coalition\) removed Youth Hub \(Discord server\): from the network Coalition; it is a network of its own again/);
      expect(texts(await say(app, olga, general, "/constituency show Youth", VOTING))).not.toMatch(/Kim/);

      // Kim's ballot, cast before the removal, is counted; the result is posted in the Coalition only.
      const closed = await tick(app, CLOSE);
      expect(where(closed)).toEqual(["slack:announcements", "slack:general"]);
      const e = await app.db.prisma.election.findFirstOrThrow({ where: { title: "Spokesperson" } });
      expect((e.result as { elected: string[] }).elected).toEqual(["Luis"]);
      expect(await app.db.prisma.ballot.count({ where: { electionId: e.id } })).toBe(1);

      // No more reminders or posts reach the server; the Coalition's network log says who removed it.
      const later = [...(await tick(app, new Date("2026-05-09T12:00:00Z"))), ...(await say(app, olga, general, "/deadline move D1 2026-05-11 12:00 UTC", VOTING))];
      expect(later.some((s) => s.kind === "dm" && s.to.displayName === "Luis")).toBe(true);
      expect(later.filter((s) => (s.kind === "dm" && s.to.platform === "discord") || (s.kind === "post" && s.channel.platform === "discord"))).toEqual([]);
      expect(texts(await say(app, olga, general, "/caucus network", VOTING))).toMatch(/Olga removed Youth Hub \(Discord server\)/);
    });

    it("never posts again in a removed server, even about a deadline created there", async () => {
      await joined();
      await say(app, olga, general, "/caucus organiser add Dee");
      expect(texts(await say(app, dee, lobby, '/deadline add "Hub camp" 2026-05-10 12:00 UTC'))).toMatch(/D1/);
      await say(app, olga, general, "/caucus network remove Youth Hub");
      const moved = await say(app, olga, general, "/deadline move D1 2026-05-11 12:00 UTC");
      expect(where(moved)).toEqual(["slack:announcements"]);
      expect(dms(moved).map((d) => d.to.platform)).not.toContain("discord");
      // Dee, an organiser of the Coalition by grant, lost that right with the server: none of it follows her.
      expect(texts(await say(app, olga, general, "/caucus organisers"))).toBe("Organisers: Olga.");
    });

    it("refuses an organiser removing the workspace they act from", async () => {
      await joined();
      await say(app, olga, general, "/caucus organiser add Dee");
      expect(texts(await say(app, dee, lobby, "/caucus network remove Youth Hub"))).toMatch(/You are acting from Youth Hub \(Discord server\): ask an organiser in another workspace/);
    });
  });
}


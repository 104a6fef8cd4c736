import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { App } from "../../adapters/compose.ts";
import { clearAll, targets, texts } from "../support/testApp.ts";
import { channelIn, COALITION, dms, ELSEWHERE, joinCodeOf, person, posts, say, T0, YOUTH_HUB } from "./support.ts";

const HOUR = 3_600_000;
const at = (ms: number) => new Date(T0.getTime() + ms);

for (const target of targets()) {
  describe(`joining a network on ${target.name}`, () => {
    let app: App;
    beforeAll(async () => {
      app = await target.open();
    });
    afterAll(async () => app?.close());
    beforeEach(async () => clearAll(app));

    const olga = person(COALITION, "Olga", { isPlatformAdmin: true });
    const dee = person(YOUTH_HUB, "Dee", { isPlatformAdmin: true });
    const kim = person(YOUTH_HUB, "Kim");
    const general = channelIn(COALITION, "C01GENERAL", "general");
    const lobby = channelIn(YOUTH_HUB, "910000000000000001", "lobby");

    async function invite(validFor = "", now = T0): Promise<string> {
      return joinCodeOf(await say(app, olga, general, `/caucus invite ${validFor}`.trim(), now));
    }

    it("shows a join code only to the organiser, privately, with its expiry in their zone, and stores only its hash", async () => {
      await say(app, olga, general, "/timezone Europe/Paris");
      const sends = await say(app, olga, general, "/caucus invite");
      expect(sends.every((s) => s.kind === "reply" && s.visibility === "private")).toBe(true);
      const out = texts(sends);
      expect(out).toMatch(/It works once and expires 2026-04-03 10:00 Europe\/Paris \(in 2 d\)/);
      const code = joinCodeOf(sends);
      // The attack: someone who can read the database (a backup, a leaked dump) looks for the code.
      const dump = JSON.stringify(
        await app.db.prisma.$queryRawUnsafe(
          `SELECT (SELECT json_agg(j) FROM "JoinCode" j) AS codes, (SELECT json_agg(l) FROM "NetworkLogEntry" l) AS log, (SELECT json_agg(o) FROM "OutboxMessage" o) AS outbox`,
        ),
      );
      expect(dump).toContain("codeHash");
      for (const form of [code, code.replace(/-/g, ""), code.toLowerCase()]) expect(dump).not.toContain(form);
      expect(await app.db.prisma.joinCode.count()).toBe(1);
    });

    it("takes an optional validity and refuses one outside 1 h to 14 d", async () => {
      expect(texts(await say(app, olga, general, "/caucus invite 2h"))).toMatch(/expires 2026-04-01 10:00 UTC \(in 2 h\)/);
      expect(texts(await say(app, olga, general, "/caucus invite 30d"))).toMatch(/valid from 1 h to 14 d, not 30 d/);
      expect(texts(await say(app, olga, general, "/caucus invite soon"))).toMatch(/"soon" is not a duration/);
    });

    it("joins a Discord server to a Slack-founded network; /caucus network lists both with channel and member count", async () => {
      const code = await invite();
      await say(app, kim, lobby, "/timezone Asia/Manila");
      const joined = texts(await say(app, dee, lobby, `/caucus join ${code.toLowerCase()}`));
      expect(joined).toMatch(/Youth Hub \(Discord server\) is now part of the network Coalition/);
      expect(joined).toMatch(/2 already known here joined it/);
      expect(joined).toMatch(/admins here are not organisers by right/);
      await say(app, dee, lobby, "/caucus channel here");
      const list = texts(await say(app, olga, general, "/caucus network"));
      expect(list).toMatch(/Coalition: 2 workspaces and servers/);
      expect(list).toMatch(/• Coalition \(Slack workspace\): founded the network; no announcement channel .*; 1 member/);
      expect(list).toMatch(/• Youth Hub \(Discord server\): joined 2026-04-01 08:00 UTC; posts in #lobby; 2 members/);
      // The audit: who invited, who joined, who set the channel, where organisers look.
      expect(list).toMatch(/Dee \(admin there\) joined Youth Hub \(Discord server\)/);
      expect(list).toMatch(/Olga created a join code in Coalition \(Slack workspace\)/);
      expect(list).toMatch(/Dee set the announcement channel of Youth Hub \(Discord server\): announcements in #lobby/);
      // Kim kept her zone: a member's own settings travel with them.
      expect(texts(await say(app, kim, lobby, "/timezone"))).toMatch(/Asia\/Manila/);
    });

    it("does not make a joined server's admin a network organiser: they are refused organiser commands until an organiser grants it", async () => {
      await say(app, dee, lobby, `/caucus join ${await invite()}`);
      expect(texts(await say(app, dee, lobby, "/caucus invite"))).toMatch(/Only network organisers can invite another workspace/);
      expect(texts(await say(app, dee, lobby, "/caucus network"))).toMatch(/Only network organisers can see the network's workspaces/);
      expect(texts(await say(app, dee, lobby, '/constituency create "Youth"'))).toMatch(/Only network organisers/);
      expect(texts(await say(app, olga, general, "/caucus organisers"))).toBe("Organisers: Olga.");
      expect(texts(await say(app, olga, general, "/caucus organiser add Dee"))).toMatch(/Dee is now a network organiser/);
      expect(texts(await say(app, dee, lobby, '/constituency create "Youth"'))).toMatch(/Constituency "Youth" created by Dee/);
      // …and the right they were given can be taken back: it is a grant, not a platform right.
      expect(texts(await say(app, olga, general, "/caucus organiser remove Dee"))).toMatch(/Dee is no longer a network organiser/);
    });

    it("refuses a join by someone who is not an admin of the server, and keeps the code for the admin", async () => {
      const code = await invite();
      expect(texts(await say(app, kim, lobby, `/caucus join ${code}`))).toMatch(/Only an admin of this workspace or server .* can join it to a network/);
      expect(texts(await say(app, dee, lobby, `/caucus join ${code}`))).toMatch(/is now part of the network Coalition/);
    });

    it("refuses a code used once already, even from another server", async () => {
      const code = await invite();
      await say(app, dee, lobby, `/caucus join ${code}`);
      const other = person(ELSEWHERE, "Eve", { isPlatformAdmin: true });
      expect(texts(await say(app, other, channelIn(ELSEWHERE, "C9", "x"), `/caucus join ${code}`))).toMatch(/This join code has already been used: each code works once/);
      expect(texts(await say(app, dee, lobby, `/caucus join ${code}`))).toMatch(/already been used/);
    });

    it("lets only one of two servers racing with the same code join", async () => {
      const code = await invite();
      const eve = person(ELSEWHERE, "Eve", { isPlatformAdmin: true });
      const [a, b] = await Promise.all([say(app, dee, lobby, `/caucus join ${code}`), say(app, eve, channelIn(ELSEWHERE, "C9", "x"), `/caucus join ${code}`)]);
      const outcomes = [texts(a), texts(b)];
      expect(outcomes.filter((t) => /is now part of the network Coalition/.test(t))).toHaveLength(1);
      expect(outcomes.filter((t) => /(already been used|used a moment ago by someone else)/.test(t))).toHaveLength(1);
      expect(await app.db.prisma.workspace.count({ where: { joinedAt: { not: null } } })).toBe(1);
    });

    it("refuses an expired code, saying when it expired", async () => {
      const code = await invite("2h");
      expect(texts(await say(app, dee, lobby, `/caucus join ${code}`, at(2 * HOUR)))).toMatch(/This join code expired 2026-04-01 10:00 UTC\. Ask an organiser/);
      expect(await app.db.prisma.workspace.count({ where: { joinedAt: { not: null } } })).toBe(0);
    });

    it("refuses a malformed code without counting it, and counts wrong ones: after 5 in an hour even the right code is refused there", async () => {
      const code = await invite();
      expect(texts(await say(app, dee, lobby, "/caucus join 1234"))).toMatch(/"1234" is not a join code: they are 16 letters and digits/);
      for (let i = 1; i <= 5; i++) {
        const wrong = `AAAA-BBBB-CCCC-${String(i).padStart(4, "0")}`;
        const out = texts(await say(app, dee, lobby, `/caucus join ${wrong}`, at(i * 60_000)));
        expect(out).toMatch(/That is not a join code of any network/);
        expect(out).toMatch(i < 5 ? new RegExp(`${5 - i} more wrong tr(y|ies) this hour`) : /Joining is now paused here for an hour/);
      }
      expect(texts(await say(app, dee, lobby, `/caucus join ${code}`, at(10 * 60_000)))).toMatch(/5 wrong join codes were tried here in the last hour, so joining is paused/);
      // Another workspace is not held back by this one's guesses, and the pause ends after the hour.
      const other = person(ELSEWHERE, "Eve", { isPlatformAdmin: true });
      expect(texts(await say(app, other, channelIn(ELSEWHERE, "C9", "x"), "/caucus join AAAA-BBBB-CCCC-DDDD", at(11 * 60_000)))).toMatch(/4 more wrong tries/);
      expect(texts(await say(app, dee, lobby, `/caucus join ${code}`, at(HOUR + 6 * 60_000)))).toMatch(/is now part of the network Coalition/);
    });

    it("refuses to join a server whose own network has deadlines unless forced; forced, they are set aside, not merged", async () => {
      await say(app, dee, lobby, '/deadline add "Hub camp forms" 2026-05-01 12:00 UTC');
      const code = await invite();
      const refused = texts(await say(app, dee, lobby, `/caucus join ${code}`));
      expect(refused).toMatch(/This workspace's own network already has 1 deadline\. Joining sets them aside/);
      expect(refused).toMatch(/run the same command with `force`/);
      const joined = texts(await say(app, dee, lobby, `/caucus join ${code} force`));
      expect(joined).toMatch(/own 1 deadline were set aside/);
      // The Coalition's registry does not gain the Hub's deadline, and the Hub no longer sees it.
      expect(texts(await say(app, olga, general, "/deadline list all"))).not.toMatch(/Hub camp forms/);
      expect(texts(await say(app, dee, lobby, "/deadline list all"))).not.toMatch(/Hub camp forms/);
      // Its reminders stop: the people it was for are not reachable in the set-aside network.
      const reminded = dms(await (await import("../support/testApp.ts")).tick(app, new Date("2026-05-01T11:00:00Z")));
      expect(reminded.filter((d) => d.message.text.flat().join("").includes("Hub camp forms"))).toEqual([]);
    });

    it("refuses a code for the network the server is already in, and a server that another network's organisers must remove first", async () => {
      await say(app, dee, lobby, `/caucus join ${await invite()}`);
      expect(texts(await say(app, dee, lobby, `/caucus join ${await invite()}`))).toMatch(/already part of that network/);
      const eve = person(ELSEWHERE, "Eve", { isPlatformAdmin: true });
      const elsewhere = channelIn(ELSEWHERE, "C9", "x");
      const theirs = joinCodeOf(await say(app, eve, elsewhere, "/caucus invite"));
      expect(texts(await say(app, dee, lobby, `/caucus join ${theirs}`))).toMatch(/part of another network\. An organiser there must remove it first/);
      // A founder others have joined cannot leave them behind.
      expect(texts(await say(app, olga, general, `/caucus join ${theirs}`))).toMatch(/Other workspaces have joined this workspace's network/);
    });

    it("tells the members it already knew about the network-wide deadlines ahead, in their own zone", async () => {
      await say(app, olga, general, '/deadline add "Annual report" 2026-05-01 12:00 UTC');
      await say(app, kim, lobby, "/timezone Asia/Manila");
      const sends = await say(app, dee, lobby, `/caucus join ${await invite()}`);
      const toKim = dms(sends).find((d) => d.to.displayName === "Kim");
      expect(toKim?.to.platform).toBe("discord");
      expect(texts([toKim!])).toMatch(/Deadline D1: Annual report\nDue 2026-05-01 20:00 Asia\/Manila \(your time\)/);
      expect(posts(sends)).toEqual([]); // no channel named yet anywhere
    });
  });
}

// Attacks on a network from outside it: an organiser of an unrelated network (by right: an admin there), on Slack
// and on Discord, names this network's deadlines, elections, constituency and members through every command's
// examples and through autocomplete. Nothing of it may be changed, shown, or told.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { App } from "../../adapters/compose.ts";
import { commands } from "../../commands/index.ts";
import type { Actor } from "../../src/event.ts";
import type { Send } from "../../src/message.ts";
import { clearAll, targets, texts } from "../support/testApp.ts";
import { channelIn, COALITION, ELSEWHERE, joinCodeOf, person, say, T0, YOUTH_HUB, type Place } from "./support.ts";

const ROGUE_GUILD: Place = { platform: "discord", workspaceId: "900000000000000666", workspaceName: "Rogue" };
/** Words only the victim network's data holds (titles, a failure reason, its name), never typed by the attacker. */
const SECRETS = /Victim|Coalition/;

for (const target of targets()) {
  describe(`isolation between networks on ${target.name}`, () => {
    let app: App;
    beforeAll(async () => {
      app = await target.open();
    });
    afterAll(async () => app?.close());
    beforeEach(async () => clearAll(app));

    const olga = person(COALITION, "Olga", { isPlatformAdmin: true });
    const dee = person(YOUTH_HUB, "Dee", { isPlatformAdmin: true });
    const zanele = person(YOUTH_HUB, "Zanele");
    const general = channelIn(COALITION, "C01GENERAL", "general");
    const lobby = channelIn(YOUTH_HUB, "910000000000000001", "lobby");
    const eve = person(ELSEWHERE, "Eve", { isPlatformAdmin: true });
    const mal = person(ROGUE_GUILD, "Mal", { isPlatformAdmin: true });
    const victimPlaces = [COALITION, YOUTH_HUB].map((p) => `${p.platform}:${p.workspaceId}`);

    /** The Coalition network (Slack + Discord) with a constituency, three deadlines, an election taking nominations, and a failed delivery. */
    async function victim(): Promise<void> {
      await say(app, dee, lobby, `/caucus join ${joinCodeOf(await say(app, olga, general, "/caucus invite"))}`);
      await say(app, dee, lobby, "/caucus channel here");
      await say(app, olga, general, '/constituency create "Youth"');
      await say(app, olga, general, "/constituency open Youth");
      await say(app, zanele, lobby, "/timezone Africa/Johannesburg");
      await say(app, olga, general, "/constituency add Youth Zanele Dee");
      for (const [n, title] of ["Victim budget", "Victim visas", "Victim report"].entries()) {
        await say(app, olga, general, `/deadline add "${title}" 2026-05-0${n + 1} 12:00 UTC`);
      }
      await say(app, olga, general, '/election create Youth "Victim spokesperson" seats 1 method approval nominations 2026-05-02 12:00 voting 2026-05-04 12:00 UTC');
      await say(app, olga, general, "/election open E1");
      await say(app, zanele, lobby, "/nominate E1 Zanele");
      const first = await app.db.prisma.outboxMessage.findFirstOrThrow({ orderBy: { seq: "asc" } });
      await app.db.prisma.outboxMessage.update({ where: { seq: first.seq }, data: { status: "failed", failedReason: "Victim's DMs are closed", failedAt: T0 } });
    }

    /** Everything of the victim network an attack could change. */
    async function snapshot(): Promise<string> {
      const ws = await app.db.prisma.workspace.findFirstOrThrow({ where: { externalId: COALITION.workspaceId } });
      const networkId = ws.networkId;
      const p = app.db.prisma;
      return JSON.stringify({
        workspaces: await p.workspace.findMany({ where: { networkId }, orderBy: { externalId: "asc" } }),
        members: await p.member.findMany({ where: { networkId }, orderBy: { id: "asc" } }),
        deadlines: await p.deadline.findMany({ where: { networkId }, orderBy: { number: "asc" } }),
        reminders: await p.reminder.count({ where: { deadline: { networkId }, sentAt: null, droppedAt: null } }),
        constituencies: await p.constituency.findMany({ where: { networkId }, include: { memberships: { orderBy: { memberId: "asc" } } } }),
        elections: await p.election.findMany({ where: { networkId }, include: { nominations: true, endorsements: true, ballots: true, roll: true } }),
        log: await p.electionLogEntry.findMany({ where: { election: { networkId } }, orderBy: [{ electionId: "asc" }, { seq: "asc" }] }),
        outbox: await p.outboxMessage.findMany({ where: { networkId, status: "failed" }, select: { seq: true, status: true } }),
        joinCodes: await p.joinCode.findMany({ where: { networkId } }),
      }, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
    }

    const leaks = (sends: Send[]) =>
      sends.filter(
        (s) =>
          (s.kind === "dm" && victimPlaces.includes(`${s.to.platform}:${s.to.workspaceId}`)) ||
          (s.kind === "post" && victimPlaces.includes(`${s.channel.platform}:${s.channel.workspaceId}`)) ||
          SECRETS.test(texts([s])),
      );

    it("suggests nothing of the network to an outsider through any autocompleted option, on Slack or Discord", async () => {
      await victim();
      for (const outsider of [eve, mal]) {
        for (const def of commands) {
          for (const sub of def.subcommands) {
            for (const o of sub.options) {
              if (!["deadline", "election", "constituency", "member", "candidate"].includes(o.type)) continue;
              for (const query of ["", "v"]) {
                const got = await app.bot.autocomplete({ actor: outsider, command: def.name, subcommand: sub.name, option: o.name, query, values: { election: "E1" }, now: T0 });
                // An empty query matches everything. The outsider's network is empty but for themselves: the only thing they may be offered is their own name.
                expect(got.filter((s) => s.label !== outsider.displayName), `/${def.name} ${sub.name} ${o.name} "${query}"`).toEqual([]);
              }
            }
          }
        }
      }
    }, 120_000);

    it("lets an outsider's organiser change, see or be told nothing of the network through every command's examples", async () => {
      await victim();
      const before = await snapshot();
      expect(before).toContain('"memberships":[{'); // the roster and the nomination are there to attack
      expect(before).toContain('"nominations":[{');
      const attackers: [Actor, ReturnType<typeof channelIn>][] = [
        [eve, channelIn(ELSEWHERE, "C09", "elsewhere")],
        [mal, channelIn(ROGUE_GUILD, "910000000000000666", "rogue")],
      ];
      let ran = 0;
      for (const [attacker, where] of attackers) {
        for (const def of commands) {
          for (const sub of def.subcommands) {
            for (const example of sub.examples) {
              const sends = await say(app, attacker, where, example);
              ran++;
              expect(leaks(sends), `${attacker.platform}: ${example}\n${texts(sends)}`).toEqual([]);
            }
          }
        }
        // By name and number, the way a member of this network would write them.
        for (const line of ["/deadline show D2", "/deadline cancel D1", "/deadline move D2 2026-06-01 12:00", "/election show E1", "/election roll E1", "/vote E1 Zanele", "/endorse E1 Zanele", "/nominate E1 Zanele", "/nomination withdraw E1", "/constituency join Youth", "/constituency show Youth", "/mandate Zanele", "/caucus network remove Youth Hub", "/caucus deliveries", "/caucus redeliver"]) {
          const sends = await say(app, attacker, where, line);
          ran++;
          expect(leaks(sends), `${attacker.platform}: ${line}\n${texts(sends)}`).toEqual([]);
        }
      }
      expect(ran).toBeGreaterThan(80);
      expect(await snapshot()).toBe(before);
    }, 180_000);

    it("keeps the deliveries report to the network's own messages: an outsider neither sees nor retries them", async () => {
      await victim();
      const failed = await app.db.prisma.outboxMessage.findFirstOrThrow({ where: { status: "failed" } });
      expect(texts(await say(app, olga, general, "/caucus deliveries"))).toMatch(/1 message could not be delivered/);
      expect(texts(await say(app, eve, channelIn(ELSEWHERE, "C09", "x"), "/caucus deliveries"))).toMatch(/No message of this network failed to arrive/);
      expect(texts(await say(app, eve, channelIn(ELSEWHERE, "C09", "x"), `/caucus redeliver #${failed.seq}`))).toMatch(new RegExp(`None of #${failed.seq} is a failed delivery of this network`));
      expect((await app.db.prisma.outboxMessage.findUniqueOrThrow({ where: { seq: failed.seq } })).status).toBe("failed");
    });
  });
}

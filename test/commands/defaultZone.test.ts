// Discord reports no zone for a user: a member sees the network's default until they set theirs, is asked once,
// and an organiser sets the default (/caucus timezone), which re-plans the reminders of those who rely on it.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { App } from "../../adapters/compose.ts";
import type { Actor } from "../../src/event.ts";
import type { ChannelRef } from "../../src/message.ts";
import { actor, clearAll, handle, targets, texts } from "../support/testApp.ts";

const T0 = new Date("2026-06-01T08:00:00Z");
const server: ChannelRef = { platform: "discord", workspaceId: "G1", channelId: "C1", name: "general" };
const onDiscord = (name: string, opts: Partial<Actor> = {}) => actor(name, { platform: "discord", workspaceId: "G1", workspaceName: "Youth network", userId: `u-${name}`, ...opts });
const olga = onDiscord("olga", { isPlatformAdmin: true });
const ana = onDiscord("ana");
const ben = onDiscord("ben");

for (const target of targets()) {
  describe(`the server default zone on ${target.name}`, () => {
    let app: App;
    beforeAll(async () => {
      app = await target.open();
    });
    afterAll(async () => app?.close());
    beforeEach(async () => clearAll(app));

    const say = async (who: Actor, line: string, now = T0) => {
      const [, name, text] = /^\/(\S+)\s*(.*)$/s.exec(line)!;
      return texts(await handle(app, { kind: "command", actor: who, channel: server, name: name!, text: text! }, now));
    };

    it("shows a Discord member without a zone the server default, asks them once, and follows the default when an organiser changes it", async () => {
      expect(await say(ana, "/timezone")).toMatch(/Your time zone is UTC \(not set yet/);
      expect(await say(olga, "/caucus timezone Europe/Berlin")).toMatch(/default time zone is now Europe\/Berlin \(it is 2026-06-01 10:00 Europe\/Berlin there\)\. 2 members have not set/);
      expect(await say(ana, "/timezone")).toMatch(/Your time zone is Europe\/Berlin \(not set yet/);
      expect(await say(ben, "/caucus organisers")).toMatch(/you have not set your time zone, so I show times in Europe\/Berlin\. Set yours with \/timezone/);
      expect(await say(ben, "/caucus organisers")).not.toMatch(/you have not set your time zone/);
      expect(await say(ben, "/caucus timezone")).toMatch(/The network's default time zone is Europe\/Berlin/);
    });

    it("sends members who rely on the default their DMs in it, and re-plans their reminders to its quiet hours; a member who set a zone keeps it", async () => {
      await say(ana, "/caucus help");
      await say(ben, "/timezone UTC");
      await say(olga, "/timezone UTC");
      // 12:00 UTC the day before: mid-day in UTC, midnight in Auckland (quiet hours 22:00–07:00 by default).
      const dms = (await handle(app, { kind: "command", actor: olga, channel: server, name: "deadline", text: 'add "Speakers" 2026-06-05 12:00 UTC remind 24h' }, T0)).filter((s) => s.kind === "dm");
      expect(dms.map((d) => d.kind === "dm" && `${d.to.displayName} ${d.to.zone}`).sort()).toEqual(["ana UTC", "ben UTC", "olga UTC"]);
      const reminderOf = async (name: string) =>
        (await app.db.prisma.reminder.findFirstOrThrow({ where: { member: { displayName: name }, sentAt: null, droppedAt: null } })).dueAt.toISOString();
      expect(await reminderOf("ana")).toBe("2026-06-04T12:00:00.000Z");

      expect(await say(olga, "/caucus timezone Pacific/Auckland")).toMatch(/1 member has not set their own zone/);
      // Before quiet hours begin in Auckland (22:00 NZST = 10:00 UTC), not at midnight there.
      expect(await reminderOf("ana")).toBe("2026-06-04T10:00:00.000Z");
      expect(await reminderOf("ben")).toBe("2026-06-04T12:00:00.000Z");
      const moved = (await handle(app, { kind: "command", actor: olga, channel: server, name: "deadline", text: "move D1 2026-06-06 12:00 UTC" }, T0)).filter((s) => s.kind === "dm");
      expect(moved.map((d) => d.kind === "dm" && `${d.to.displayName} ${d.to.zone}`).sort()).toEqual(["ana Pacific/Auckland", "ben UTC", "olga UTC"]);
    });

    it("refuses a member who is not an organiser, and a zone it does not know, changing nothing", async () => {
      expect(await say(ana, "/caucus timezone Europe/Berlin")).toMatch(/Only network organisers can set the network's default time zone/);
      expect(await say(olga, "/caucus timezone Europe/Berlinn")).toMatch(/"Europe\/Berlinn" is not a time zone I know\. Did you mean `Europe\/Berlin`/);
      expect(await say(olga, "/caucus timezone UTC")).toMatch(/already UTC/);
      expect((await app.db.prisma.network.findFirstOrThrow()).defaultZone).toBe("UTC");
    });
  });
}

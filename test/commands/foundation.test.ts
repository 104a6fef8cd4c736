import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { App } from "../../adapters/compose.ts";
import { actor, channel, clearAll, run, targets, texts } from "../support/testApp.ts";
import { createBot } from "../../src/bot.ts";
import { defineCommand, subcommand } from "../../src/commandDefinition.ts";
import { silentLogger } from "../../src/logger.ts";
import { err } from "../../src/result.ts";

for (const target of targets()) {
  describe(`foundation commands on ${target.name}`, () => {
    let app: App;
    beforeAll(async () => {
      app = await target.open();
    });
    afterAll(async () => app?.close());
    beforeEach(async () => clearAll(app));

    const organiser = actor("Olga", { isPlatformAdmin: true });
    const tableCounts = async () => ({
      constituencies: await app.db.prisma.constituency.count(),
      memberships: await app.db.prisma.constituencyMembership.count(),
    });

    describe("/timezone", () => {
      it("sets Europe/Paris and shows the local time there", async () => {
        const out = texts(await run(app, "ana", "/timezone Europe/Paris", new Date("2026-07-01T10:00:00Z")));
        expect(out).toContain("Your time zone is now Europe/Paris. It is 2026-07-01 12:00 Europe/Paris");
        expect(texts(await run(app, "ana", "/timezone"))).toMatch(/Your time zone is Europe\/Paris \(you set it\)/);
      });
      it("answers Europe/Pari with the closest valid name and saves nothing", async () => {
        const out = texts(await run(app, "ana", "/timezone Europe/Pari"));
        expect(out).toMatch(/"Europe\/Pari" is not a time zone I know\. Did you mean `Europe\/Paris`/);
        const m = await app.db.prisma.member.findFirstOrThrow({ where: { displayName: "ana" } });
        expect(m.zone).toBeNull();
      });
      it("shows UTC until a zone is set, with a one-time prompt to set one", async () => {
        expect(texts(await run(app, "ben", "/timezone"))).toMatch(/Your time zone is UTC \(not set yet/);
        const first = texts(await run(app, "ben", "/caucus help"));
        expect(first).toMatch(/you have not set your time zone, so I show times in UTC/);
        const second = texts(await run(app, "ben", "/caucus help"));
        expect(second).not.toMatch(/you have not set your time zone/);
      });
      it("uses the platform profile's zone until the member sets one (Slack)", async () => {
        const slacker = actor("sam", { platformZone: "America/Bogota" });
        expect(texts(await run(app, slacker, "/timezone"))).toMatch(/America\/Bogota \(from your profile/);
      });
    });

    describe("/constituency", () => {
      it("lets an organiser create one, add members and show the roster with coordinators", async () => {
        await run(app, "ana", "/timezone UTC");
        await run(app, "ben", "/timezone UTC");
        expect(texts(await run(app, organiser, '/constituency create "Trade unions"'))).toMatch(/Constituency "Trade unions" created by Olga/);
        expect(texts(await run(app, organiser, '/constituency add "trade  UNIONS" ana ben'))).toMatch(/Added to Trade unions: ana, ben\./);
        expect(texts(await run(app, organiser, "/constituency coordinator \"Trade unions\" ana"))).toMatch(/Coordinator of Trade unions: ana/);
        const show = texts(await run(app, "ben", '/constituency show "Trade unions"'));
        expect(show).toMatch(/Trade unions \(closed\), 2 on the roster/);
        expect(show).toMatch(/Coordinators: ana/);
        expect(show).toMatch(/Members: ben/);
        expect(texts(await run(app, "ben", "/constituency list"))).toMatch(/• Trade unions: 2 members/);
      });

      it("refuses a duplicate name, whatever its case and spacing", async () => {
        await run(app, organiser, "/constituency create Youth");
        expect(texts(await run(app, organiser, "/constituency create  yOUTH"))).toMatch(/A constituency called "yOUTH" already exists/);
        expect((await tableCounts()).constituencies).toBe(1);
      });

      it("adds nobody when one of the named members does not exist", async () => {
        await run(app, "ana", "/timezone UTC");
        await run(app, organiser, "/constituency create Youth");
        const out = texts(await run(app, organiser, "/constituency add Youth ana zed"));
        expect(out).toMatch(/No member called "zed" in this network/);
        expect((await tableCounts()).memberships).toBe(0);
      });

      it("adds nobody by a mention of someone Caucus has not met on a platform it cannot ask (the console)", async () => {
        await run(app, organiser, "/constituency create Youth");
        expect(texts(await run(app, organiser, "/constituency add Youth <@u777|ama>"))).toMatch(/<@u777> has not used Caucus yet, and console cannot be asked who they are/);
        expect((await tableCounts()).memberships).toBe(0);
      });

      it("refuses /constituency create from a member who is not an organiser", async () => {
        expect(texts(await run(app, "ana", "/constituency create Youth"))).toMatch(/Only network organisers can create constituencies/);
        expect((await tableCounts()).constituencies).toBe(0);
      });

      it("lets members join only open constituencies, and leave", async () => {
        await run(app, organiser, "/constituency create Youth");
        expect(texts(await run(app, "ana", "/constituency join Youth"))).toMatch(/Youth is not open to joining/);
        await run(app, organiser, "/constituency open Youth");
        expect(texts(await run(app, "ana", "/constituency join Youth"))).toMatch(/You joined Youth/);
        expect(texts(await run(app, "ana", "/constituency join Youth"))).toMatch(/already on the roster/);
        expect(texts(await run(app, "ana", "/constituency leave Youth"))).toMatch(/You left Youth/);
        expect(texts(await run(app, "ana", "/constituency leave Youth"))).toMatch(/You are not on the roster of Youth/);
      });

      it("lets a coordinator, but not a plain member, change the roster", async () => {
        await run(app, "ana", "/timezone UTC");
        await run(app, "ben", "/timezone UTC");
        await run(app, organiser, "/constituency create Youth");
        await run(app, organiser, "/constituency coordinator Youth ana");
        await run(app, organiser, "/constituency add Youth ben");
        expect(texts(await run(app, "ben", "/constituency remove Youth ana"))).toMatch(/Only network organisers and coordinators of Youth/);
        expect(texts(await run(app, "ana", "/constituency remove Youth ben"))).toMatch(/Removed from Youth: ben/);
      });

      it("names the constituencies that do exist when one is misspelt", async () => {
        await run(app, organiser, "/constituency create Youth");
        expect(texts(await run(app, organiser, "/constituency show Yuoth"))).toMatch(/no constituency called "Yuoth"\. Constituencies here: Youth/);
      });

      it("caps constituency names at 60 characters", async () => {
        expect(texts(await run(app, organiser, `/constituency create ${"a".repeat(61)}`))).toMatch(/keep it to 60/);
      });

      it("explains an unknown action and a missing one", async () => {
        expect(texts(await run(app, organiser, "/constituency frobnicate"))).toMatch(/"frobnicate" is not a \/constituency action/);
        expect(texts(await run(app, organiser, "/constituency"))).toMatch(/Say what to do/);
      });
    });

    describe("routing and help", () => {
      it("lists every command with syntax and an example", async () => {
        const out = texts(await run(app, "ana", "/caucus help"));
        for (const name of ["/caucus", "/timezone", "/constituency"]) expect(out).toContain(name);
        expect(out).toMatch(/e\.g\. \/timezone Africa\/Nairobi/);
      });
      it("explains one command with /caucus help constituency", async () => {
        expect(texts(await run(app, "ana", "/caucus help constituency"))).toMatch(/Example: \/constituency join Youth/);
      });
      it("suggests the nearest command for a typo", async () => {
        expect(texts(await run(app, "ana", "/timezon Europe/Paris"))).toMatch(/\/timezon is not a Caucus command\. Did you mean \/timezone\?/);
      });
      it("refuses over-long text and an unclosed quote with specific messages", async () => {
        expect(texts(await run(app, organiser, `/constituency create ${"x".repeat(3000)}`))).toMatch(/the limit is 2,000/);
        expect(texts(await run(app, organiser, '/constituency create "Youth'))).toMatch(/never closed/);
      });
      it("refuses to withdraw organiser rights from a platform admin, who holds them by right", async () => {
        const admin = actor("Pat", { isPlatformAdmin: true });
        await run(app, admin, "/timezone UTC");
        expect(texts(await run(app, organiser, "/caucus organiser remove Pat"))).toMatch(/Pat is a platform admin .* an organiser by right/);
        expect(texts(await run(app, organiser, "/caucus organisers"))).toMatch(/Pat/);
      });
      it("lets an organiser grant organiser rights, and refuses others", async () => {
        await run(app, "ana", "/timezone UTC");
        expect(texts(await run(app, "ana", "/caucus organiser add ana"))).toMatch(/Only network organisers can grant/);
        expect(texts(await run(app, organiser, "/caucus organiser add ana"))).toMatch(/ana is now a network organiser/);
        expect(texts(await run(app, "ana", "/constituency create Youth"))).toMatch(/created by ana/);
      });
      it("keeps running and rolls back everything a handler wrote when it hits a bug", async () => {
        const boom = defineCommand({
          name: "boom",
          description: "test",
          subcommands: [subcommand({ name: "", description: "test", options: [], examples: [], answer: "private", async run(ctx) {
            await ctx.store.createConstituency({ networkId: ctx.network.id, name: "Half", open: false, createdById: ctx.member.id });
            throw new Error("disk on fire");
          } })],
        });
        const bot = createBot({ store: app.store, commands: [boom], log: silentLogger, random: randomBytes });
        const out = texts(await bot.handle({ kind: "command", actor: organiser, channel, name: "boom", text: "" }, new Date()));
        expect(out).toMatch(/Something went wrong on our side and nothing was changed \(reference [0-9a-f]{8}\)/);
        expect((await tableCounts()).constituencies).toBe(0);
      });
      it("rolls back what a handler wrote before returning a user mistake", async () => {
        const halfway = defineCommand({
          name: "halfway",
          description: "test",
          subcommands: [subcommand({ name: "", description: "test", options: [], examples: [], answer: "private", async run(ctx) {
            await ctx.store.createConstituency({ networkId: ctx.network.id, name: "Half", open: false, createdById: ctx.member.id });
            return err("the second step failed");
          } })],
        });
        const bot = createBot({ store: app.store, commands: [halfway], log: silentLogger, random: randomBytes });
        const out = texts(await bot.handle({ kind: "command", actor: organiser, channel, name: "halfway", text: "" }, new Date()));
        expect(out).toMatch(/the second step failed/);
        expect((await tableCounts()).constituencies).toBe(0);
      });
    });
  });
}

// The member's page from the database: what bot.home gathers for each member, and what it must not reveal.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { App } from "../adapters/compose.ts";
import { renderPlain } from "../adapters/console/renderPlain.ts";
import type { MemberHome } from "../src/memberHome.ts";
import { actor, clearAll, delivered, run, targets, tick } from "./support/testApp.ts";

const T0 = new Date("2026-05-01T08:00:00Z");
const NOMINATIONS = new Date("2026-05-02T12:00:00Z");
const VOTING = new Date("2026-05-03T09:00:00Z");
const olga = actor("olga", { isPlatformAdmin: true });
const lines = (page: MemberHome, heading: string) => page.sections.find((s) => s.heading === heading)!.items.map((m) => renderPlain({ text: m.text }));

for (const target of targets()) {
  describe(`member home on ${target.name}`, () => {
    let app: App;
    beforeAll(async () => {
      app = await target.open();
    });
    afterAll(async () => app?.close());
    beforeEach(async () => clearAll(app));

    async function setUp() {
      for (const n of ["olga", "ana", "ben", "cat"]) await run(app, n === "olga" ? olga : n, "/timezone UTC", T0);
      await run(app, "ana", "/timezone Europe/Paris", T0);
      await run(app, olga, "/constituency create Youth", T0);
      await run(app, olga, "/constituency add Youth ana ben", T0);
      await run(app, olga, "/deadline add Report 2026-05-20 12:00 UTC for Youth", T0);
      await run(app, olga, '/election create Youth "Speaker" seats 1 method approval nominations 2026-05-02 12:00 voting 2026-05-04 12:00 UTC', T0);
      await run(app, olga, "/election open E1", T0);
      await run(app, "ben", "/nominate E1 ana", T0);
      await run(app, "ben", "/nominate E1 ben", T0);
    }

    it("shows a roster member their deadlines in their zone, the election they can act in, and their pending nomination", async () => {
      await setUp();
      const page = await app.bot.home(actor("ana"), T0);
      expect(lines(page, "Your upcoming deadlines")).toEqual([
        "D2 E1 nominations close: Speaker: due 2026-05-02 14:00 Europe/Paris · 1 d 4 h left · notice 1 d 4 h ⚠️ short notice",
        "D3 E1 voting closes: Speaker: due 2026-05-04 14:00 Europe/Paris · 3 d 4 h left · notice 3 d 4 h",
        "D1 Report: due 2026-05-20 14:00 Europe/Paris · 19 d 4 h left · notice 19 d 4 h",
      ]);
      expect(lines(page, "Elections you can act in")).toEqual([expect.stringMatching(/^E1 Speaker \(Youth\): nominations close 2026-05-02 14:00 Europe\/Paris \(1 d 4 h left\)\.[\s\S]*You are nominated: accept or decline\.$/)]);
      expect(lines(page, "Your nominations")).toEqual(["E1 Speaker (Youth): waiting for your answer."]);
      // cat is not on Youth's roster: nothing of E1 is for them.
      const cats = await app.bot.home(actor("cat"), T0);
      expect(lines(cats, "Elections you can act in")).toEqual([]);
      expect(lines(cats, "Your upcoming deadlines")).toEqual([]);
    });

    it("says whether the member voted, never for whom", async () => {
      await setUp();
      await run(app, "ana", "/nomination accept E1", T0);
      await tick(app, NOMINATIONS);
      await run(app, "ana", "/vote E1 ben", VOTING);
      const page = await app.bot.home(actor("ana"), VOTING);
      const acts = lines(page, "Elections you can act in");
      expect(acts).toEqual([expect.stringMatching(/^E1 Speaker \(Youth\): voting closes .*\nYou have voted\./)]);
      expect(JSON.stringify(page)).not.toContain("ben");
      expect(lines(await app.bot.home(actor("ben"), VOTING), "Elections you can act in")).toEqual([expect.stringMatching(/You have not voted yet: \/vote E1 <candidates>\.$/)]);
    });

    it("meets someone who opens it first, who then hears of the network-wide deadlines ahead", async () => {
      await run(app, olga, "/timezone UTC", T0);
      await run(app, olga, "/deadline add Census 2026-05-20 12:00 UTC", T0);
      await delivered(app, T0);
      const page = await app.bot.home(actor("nia"), T0);
      expect(lines(page, "Your upcoming deadlines")).toEqual([expect.stringMatching(/^D1 Census: due 2026-05-20 12:00 UTC/)]);
      const sent = await delivered(app, T0);
      expect(sent.map((s) => (s.kind === "dm" ? s.to.displayName : s.kind))).toEqual(["nia"]);
    });
  });
}

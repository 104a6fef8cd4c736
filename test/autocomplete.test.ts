import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { App } from "../adapters/compose.ts";
import { actor, clearAll, run, targets } from "./support/testApp.ts";
import { autocomplete } from "../src/autocomplete.ts";
import { defineCommand, subcommand } from "../src/commandDefinition.ts";
import { ok } from "../src/result.ts";
import { parseZone } from "../src/zoneName.ts";

const now = new Date("2026-04-01T08:00:00Z");

for (const target of targets()) {
  describe(`autocomplete on ${target.name}`, () => {
    let app: App;
    beforeAll(async () => {
      app = await target.open();
    });
    afterAll(async () => app?.close());
    beforeEach(async () => clearAll(app));

    const organiser = actor("Olga", { isPlatformAdmin: true });
    const ask = (command: string, subcommand: string, option: string, query: string, values: Record<string, string> = {}) =>
      app.bot.autocomplete({ actor: organiser, command, subcommand, option, query, values, now });

    it("suggests the network's constituencies by any word of their name, prefix matches first", async () => {
      for (const name of ["Trade unions", "Youth", "Union of students"]) await run(app, organiser, `/constituency create "${name}"`);
      const out = await ask("constituency", "add", "name", "uni");
      expect(out.map((s) => s.value)).toEqual(["Trade unions", "Union of students"]);
      expect(out[0]!.label).toBe("Trade unions (0 members)");
    });

    it("suggests nothing from another network", async () => {
      await run(app, organiser, "/constituency create Youth");
      const stranger = actor("Sam", { workspaceId: "other-ws", isPlatformAdmin: true });
      expect(await app.bot.autocomplete({ actor: stranger, command: "constituency", subcommand: "join", option: "name", query: "", values: {}, now })).toEqual([]);
    });

    it("suggests zones for a zone option, at most 25, each a zone the parser accepts, and AoE where allowed", async () => {
      const def = defineCommand({
        name: "when",
        description: "d",
        subcommands: [subcommand({ name: "", description: "d", options: [{ name: "zone", type: "zone", description: "z", aoe: true }], examples: [], answer: "private", run: async () => ok([]) })],
      });
      const request = (query: string) => ({ actor: organiser, command: "when", subcommand: "", option: "zone", query, values: {}, now });
      const all = await autocomplete(app.store, def, request(""));
      expect(all.length).toBe(25);
      for (const z of all) expect(parseZone(z.value).ok || z.value === "AoE").toBe(true);
      expect((await autocomplete(app.store, def, request("paris"))).map((z) => z.value)).toContain("Europe/Paris");
      expect((await autocomplete(app.store, def, request("aoe")))[0]).toEqual({ label: "AoE (Anywhere on Earth, UTC-12)", value: "AoE" });
    });

    it("answers an unknown command or option with no suggestions rather than an error", async () => {
      expect(await ask("constituency", "add", "nosuch", "x")).toEqual([]);
      expect(await ask("constituency", "frobnicate", "name", "x")).toEqual([]);
    });
  });
}

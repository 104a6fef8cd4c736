// Store.firstSighting, the replay record that Discord interactions over HTTP share between instances.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../adapters/compose.ts";
import { clearAll, targets } from "./support/testApp.ts";

const T = new Date("2026-06-01T12:00:00Z");
const TEN_MINUTES = new Date(T.getTime() + 600_000);

for (const target of targets()) {
  describe(`first sightings on ${target.name}`, () => {
    // Two apps on one database: two bot instances, each with its own connection pool (PGlite: one database each,
    // so only the PostgreSQL pair says anything about instances).
    let a: App;
    let b: App;
    beforeAll(async () => {
      a = await target.open();
      b = target.name === "postgres" ? await target.open() : a;
      await clearAll(a);
    });
    afterAll(async () => {
      if (b !== a) await b?.close();
      await a?.close();
    });

    it("lets exactly one of many simultaneous sightings of one id through, across instances", async () => {
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? b : a).store.firstSighting("discord:42", TEN_MINUTES, T)));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await b.store.firstSighting("discord:42", TEN_MINUTES, T)).toBe(false);
      expect(await a.store.firstSighting("discord:43", TEN_MINUTES, T)).toBe(true);
    });
  });
}

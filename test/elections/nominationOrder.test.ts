// The ballot lists candidates in nomination order. Nominations made at one instant (a clock tick, or a test's
// fixed clock) must still come out in the order they were made: SQL leaves the order of rows that tie on time to
// the plan, and an index scan on the nomination key returns them by member id (a random UUID). Seen as
// "Elected: Eve, Ana" instead of "Ana, Eve" in the Discord election test on PostgreSQL.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { App } from "../../adapters/compose.ts";
import { actor, clearAll, run, targets, texts } from "../support/testApp.ts";

const T0 = new Date("2026-05-01T08:00:00Z");
const NOMINATIONS_CLOSE = new Date("2026-05-02T12:00:00Z");
const olga = actor("olga", { isPlatformAdmin: true });

describe("nomination order", () => {
  let app: App;
  beforeAll(async () => {
    // PGlite has one session, so this plan holds for every query after it: what PostgreSQL picks on its own
    // once its statistics favour the index.
    app = await targets()[0]!.open();
    await app.db.prisma.$executeRawUnsafe("SET enable_seqscan = off");
    await app.db.prisma.$executeRawUnsafe("SET enable_bitmapscan = off");
  });
  afterAll(async () => app?.close());
  beforeEach(async () => clearAll(app));

  it("keeps the order nominations were made at one instant, on the ballot and in the nominations list", async () => {
    const pending = ["hal", "ben", "joe", "dee", "fay"];
    const standing = ["ana", "gus", "eve", "cy", "ida"];
    for (const n of [olga, ...pending, ...standing, "cat"]) await run(app, n, "/timezone UTC", T0);
    await run(app, olga, "/constituency create Youth open", T0);
    for (const n of [...pending, ...standing, "cat"]) await run(app, n, "/constituency join Youth", T0);
    await run(app, olga, `/election create Youth "Speaker" seats 1 method irv nominations 2026-05-02 12:00 voting 2026-05-04 12:00 UTC`, T0);
    await run(app, olga, "/election open E1", T0);
    // All at T0: five nominated by Cat (asked to accept), five standing themselves, then the five accept.
    for (const n of pending) expect(texts(await run(app, "cat", `/nominate E1 ${n}`, T0))).toContain(`You nominated ${n}`);
    for (const n of standing) expect(texts(await run(app, n, `/nominate E1 ${n}`, T0))).toContain("You stand in E1");
    for (const n of pending) expect(texts(await run(app, n, "/nomination accept E1", T0))).toContain("You accepted");
    await app.scheduler.tick(NOMINATIONS_CLOSE);
    const shown = texts(await run(app, "cat", "/election show E1", NOMINATIONS_CLOSE));
    const order = [...pending, ...standing];
    expect(shown).toContain(`Nominations: ${order.map((n) => `${n} (accepted)`).join(", ")}`);
    expect(shown).toContain(`Candidates, as frozen when voting opened (the names on the ballot and in the count): ${order.join(", ")}.`);
  });
});

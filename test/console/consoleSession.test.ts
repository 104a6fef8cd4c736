import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../adapters/compose.ts";
import { ConsoleSession } from "../../adapters/console/consoleSession.ts";
import { handle, targets } from "../support/testApp.ts";

describe("console session", () => {
  let app: App;
  beforeAll(async () => {
    app = await targets()[0]!.open();
  });
  afterAll(async () => app?.close());

  it("switches member with `as`, shows buttons, and `click` answers as the member they were shown to", async () => {
    let now = new Date("2026-05-01T08:00:00Z");
    const s = new ConsoleSession((e) => handle(app, e, now), app.store, () => now);
    const say = async (line: string) => (await s.line(line)).join("\n");
    for (const n of ["ana", "ben"]) {
      expect(await say(`as ${n}`)).toBe(`You are now ${n}.`);
      await say("/timezone UTC");
    }
    expect(await say("as me")).toBe("You are now me.");
    await say("/constituency create Youth");
    await say("/constituency add Youth ana ben");
    await say('/election create Youth "Speaker" seats 1 method irv nominations 2026-05-02 12:00 voting 2026-05-04 12:00 UTC');
    await say("/election open E1");
    await say("as ana");
    const nominated = await say("/nominate E1 ben");
    expect(nominated).toMatch(/DM to ben: 🗳️ ana nominated you in E1 Speaker\. Do you accept\?/);
    expect(nominated).toMatch(/\[1: Accept\] \[2: Decline\]/);
    expect(await say("click 1")).toMatch(/to ben: You accepted: you stand in E1/);
    expect(await say("click 9")).toMatch(/No such button/);
    expect(await say("hello")).toMatch(/Type a slash command/);
    now = new Date("2026-05-02T13:00:00Z");
    expect(await say("organiser ben")).toBe("ben is a network organiser.");
  });
});

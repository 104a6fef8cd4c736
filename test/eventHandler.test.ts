import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../adapters/compose.ts";
import { renderPlain } from "../adapters/console/renderPlain.ts";
import { createEventHandler } from "../src/eventHandler.ts";
import { UNLIMITED } from "../src/platformPort.ts";
import { DISCORD_LIKE } from "./support/messageArbitraries.ts";
import { actor, channel, targets } from "./support/testApp.ts";


describe("the event handler an adapter calls", () => {
  let app: App;
  beforeAll(async () => {
    app = await targets()[0]!.open();
  });
  afterAll(async () => app?.close());
  const now = () => new Date("2026-04-01T08:00:00Z");
  const help = { kind: "command" as const, actor: actor("ana"), channel, name: "caucus", text: "help" };

  it("splits /caucus help into messages Discord takes, losing no line", async () => {
    await app.bot.handle(help, now()); // the first command also brings a one-time time-zone tip
    const whole = await createEventHandler(app.bot, UNLIMITED, now).handle(help);
    const parts = await createEventHandler(app.bot, DISCORD_LIKE, now).handle(help);
    expect(parts.length).toBeGreaterThan(whole.length);
    for (const p of parts) if (p.kind === "reply") expect(renderPlain(p.message).length).toBeLessThanOrEqual(2000);
    const text = (sends: typeof parts) => sends.map((s) => (s.kind === "reply" ? renderPlain(s.message) : "")).join("\n");
    const lines = (s: string) => s.split("\n").filter((l) => !/^\(\d+\/\d+\)\s*$/.test(l));
    expect(lines(text(parts))).toEqual(lines(text(whole)));
  });
  it("acknowledges before handling, from the definitions", () => {
    expect(createEventHandler(app.bot, DISCORD_LIKE, now).acknowledge(help)).toEqual({ kind: "defer", visibility: "private" });
  });
});

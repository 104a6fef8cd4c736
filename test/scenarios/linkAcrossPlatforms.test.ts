import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fs from "node:fs/promises";
import type { App } from "../../adapters/compose.ts";
import { targets } from "../support/testApp.ts";
import { inChannel, reminders, simulate, toMember } from "../support/simulate.ts";

describe("one network across Slack and Discord (simulator scenario)", () => {
  let app: App;
  beforeAll(async () => {
    app = await targets()[0]!.open();
  });
  afterAll(async () => app?.close());

  it("links ana's two accounts, reminds her once per step on Slack, and counts one ballot from her", async () => {
    const out = await simulate(app, await fs.readFile("test/fixtures/scenarios/link-across-platforms.txt", "utf8"));
    const to = (who: string) => toMember(out, who).map((l) => l.text).join("\n---\n");
    // The Discord server joins the Slack-founded network with a join code.
    expect(to("yara@discord:youth-server")).toContain("youth-server (Discord server) is now part of the network coalition");
    // Before the link, the organiser sees the pair; the code reaches the Slack account, and is used on Discord.
    expect(to("olga@slack:coalition")).toContain('1. "ana" (slack) and "ana" (discord)');
    expect(to("ana@slack:coalition")).toMatch(/🔗 Your link code: [0-9A-Z]{4}-/);
    expect(to("ana@discord:youth-server")).toContain("Your slack and discord accounts are now one member");
    // Her Slack zone holds on Discord.
    expect(to("ana@discord:youth-server")).toContain("Your time zone is Africa/Nairobi (you set it)");
    // The deadline: each step once, to one account, in her zone; everyone else in theirs.
    const d1 = (who?: string) => reminders(out, who).filter((l) => l.text.includes("D1 Youth statement"));
    // The first line is the reminder; the card's facts follow it.
    expect(d1("ana@slack:coalition").map((l) => l.text.split("\n")[0])).toEqual([
      "⏰ Reminder: D1 Youth statement is due in 6 h: 2026-05-02 21:00 Africa/Nairobi (your time).",
      "⏰ Reminder: D1 Youth statement is due in 1 h: 2026-05-02 21:00 Africa/Nairobi (your time).",
    ]);
    expect(d1("ana@discord:youth-server")).toEqual([]);
    expect(d1("bob@discord:youth-server")[0]!.text).toContain("2026-05-02 14:00 America/New_York");
    expect(d1("cat@discord:youth-server")[0]!.text).toContain("2026-05-03 02:00 Asia/Manila");
    // The election: the roll counts people, ana's Discord vote replaces her Slack one.
    expect(to("olga@slack:coalition")).toMatch(/Roll of E1 .*, 3 members:\nana, bob, cat/);
    expect(to("ana@discord:youth-server")).toContain("Ballot replaced in E1: 1. bob  2. ana");
    const result = inChannel(out).find((l) => l.text.startsWith("🗳️ Result of E1"))!;
    expect(result.channel).toBe("general@slack:coalition");
    expect(result.text).toContain("Turnout: 3 of 3 (100%).");
    // bob 2 (his own and ana's second thoughts) to ana 1: with ana's first ballot counted too it would be 2-2.
    expect(result.text).toMatch(/Round 1: ana 1, bob 2/);
    expect(result.text).toContain("Elected: bob.");
    expect(to("cat@discord:youth-server")).toContain("✅ Audit of E1: every check passed.");
  });
});

// A complete deadline and a complete election, run from Slack: signed slash commands, a button click, a modal
// ballot and its view_submission, DMs and posts through the outbox, all against the fake Web API.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { clearAll } from "../support/testApp.ts";
import type { FakeCall } from "../support/fakeSlack.ts";
import { checkedValues, selectValue, textValue, GENERAL } from "../support/slackPayloads.ts";
import { startSlackHarness, type SlackHarness } from "../support/slackHarness.ts";

const olga = { id: "U0OLGA0001", name: "olga" };
const ana = { id: "U0ANA00001", name: "ana" };
const ben = { id: "U0BEN00001", name: "ben" };
const cat = { id: "U0CAT00001", name: "cat" };
const T0 = new Date("2026-04-01T08:00:00Z");

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness({ start: T0 });
}, 30_000);
afterAll(async () => h?.close());
beforeEach(async () => {
  await clearAll(h.app);
  h.fake.reset();
  h.clock.set(T0);
  h.fake.addUser({ id: olga.id, name: "olga", tz: "Europe/Paris", is_admin: true });
  h.fake.addUser({ id: ana.id, name: "ana", tz: "Africa/Lagos" });
  h.fake.addUser({ id: ben.id, name: "ben", tz: "America/Bogota" });
  h.fake.addUser({ id: cat.id, name: "cat", tz: "Asia/Kolkata" });
});

const mention = (p: { id: string; name: string }) => `<@${p.id}|${p.name}>`;
const blocksText = (c: FakeCall) => JSON.stringify(c.params.blocks ?? []);
const postsTo = (channel: string) => h.fake.callsTo("chat.postMessage").filter((c) => c.params.channel === channel);
const answersTo = (responseUrl: string) => h.fake.responses.filter((r) => r.path === new URL(responseUrl).pathname).map((r) => r.body);
const answerText = (responseUrl: string) => answersTo(responseUrl).map((b) => JSON.stringify(b.blocks)).join("\n");

async function tick(at: Date): Promise<void> {
  h.clock.set(at);
  await h.app.scheduler.tick(at);
  await h.deliver();
}

describe("a deadline from Slack", () => {
  it("is added, announced by DM as a card in each member's zone, posted to the channel, and reminded on the tick", async () => {
    for (const p of [ana, ben]) await h.command(p, "/timezone");
    const add = await h.command(olga, '/deadline add "Speaker proposals" 2026-04-02 12:00 UTC remind 1h link https://example.org/cfp');
    expect(add.status).toBe(200);
    expect(answerText(add.responseUrl)).toContain("D1");
    await h.deliver();

    // The DM: card fields (time left, notice given, the short-notice flag, the link), then the text.
    const dm = postsTo(ana.id).find((c) => blocksText(c).includes("New deadline D1"))!;
    expect(dm).toBeDefined();
    const blocks = dm.params.blocks as { type: string; fields?: { text: string }[]; elements?: { text: string }[] }[];
    expect(blocks[0]!.type).toBe("section");
    expect(blocks[0]!.fields!.map((f) => f.text.split("\n")[0])).toEqual(["*Due*", "*Time left*", "*Notice given*"]);
    expect(blocks[0]!.fields![1]!.text).toContain("1 d 4 h");
    expect(blocks[1]!.type).toBe("context");
    expect(JSON.stringify(blocks[1])).toContain("Short notice: less than 72 h");
    expect(JSON.stringify(blocks[1])).toContain("<https://example.org/cfp|");
    // Slack's date token: each reader sees their own time; the fallback states UTC and the reader's zone.
    expect(blocksText(dm)).toContain(`<!date^${Date.parse("2026-04-02T12:00:00Z") / 1000}^{date_long_pretty} {time}|2026-04-02 12:00 UTC / 2026-04-02 13:00 Africa/Lagos>`);
    expect(postsTo(ben.id).some((c) => blocksText(c).includes("America/Bogota"))).toBe(true);
    // The channel post where it was added.
    expect(postsTo(GENERAL.id).some((c) => blocksText(c).includes("New deadline D1"))).toBe(true);

    h.fake.reset();
    await tick(new Date("2026-04-02T11:00:00Z"));
    const reminder = postsTo(ana.id).find((c) => blocksText(c).includes("Reminder: D1"))!;
    expect(reminder).toBeDefined();
    expect(String(reminder.params.text)).toContain("D1 Speaker proposals");
    expect(blocksText(reminder)).toContain("*Time left*\\n1 h");
  });
});

describe("an election from Slack", () => {
  it("is created, nominated, accepted by button, voted by modal, closed and counted, with the ballots as a .blt file", async () => {
    for (const p of [ana, ben, cat]) await h.command(p, "/timezone UTC");
    await h.command(olga, "/constituency create Youth");
    const added = await h.command(olga, `/constituency add Youth ${mention(ana)} ${mention(ben)} ${mention(cat)}`);
    // A public answer: acknowledged in_channel, answered in_channel.
    expect(added.body).toEqual({ response_type: "in_channel" });
    expect(answersTo(added.responseUrl)[0]!.response_type).toBe("in_channel");
    await h.command(olga, '/election create Youth "Youth rep" seats 1 method approval nominations 2026-04-03 12:00 voting 2026-04-05 12:00 UTC');
    await h.command(olga, "/election open E1");
    await h.deliver();

    // ana nominates ben: ben gets a DM with Accept / Decline buttons, and clicks Accept.
    await h.command(ana, `/nominate E1 ${mention(ben)}`);
    await h.command(ana, `/nominate E1 ${mention(ana)}`);
    await h.deliver();
    const ask = postsTo(ben.id).find((c) => blocksText(c).includes("Do you accept?"))!;
    const actions = (ask.params.blocks as { type: string; elements?: { action_id: string; value: string }[] }[]).find((b) => b.type === "actions")!;
    expect(actions.elements!.map((e) => e.action_id)).toEqual(["nomination:accept", "nomination:decline"]);
    const click = await h.click(ben, "nomination:accept", actions.elements![0]!.value, { id: `D${ben.id.slice(1)}`, name: "directmessage" });
    expect(click.status).toBe(200);
    expect(answerText(click.responseUrl)).toContain("You accepted: you stand in E1.");
    await h.command(ana, "/nomination accept E1");

    // Voting opens on the tick; cat opens the ballot modal with /vote E1.
    await tick(new Date("2026-04-03T12:00:00Z"));
    const vote = await h.command(cat, "/vote E1");
    expect(vote.body).toBeNull();
    const open = h.fake.callsTo("views.open").at(-1)!;
    expect(open.params.trigger_id).toBe(vote.triggerId);
    const view = open.params.view as { blocks: { block_id: string; element: { type: string; options: { text: { text: string }; value: string }[] } }[] };
    const approve = view.blocks.find((b) => b.block_id === "approve")!;
    expect(approve.element.type).toBe("checkboxes");
    const valueOf = (name: string) => approve.element.options.find((o) => o.text.text === name)!.value;
    expect(approve.element.options.map((o) => o.text.text).sort()).toEqual(["ana", "ben"]);

    // A forged option is refused in the modal, on its field; nothing is cast.
    const forged = await h.submit(cat, { approve: checkedValues(["not-a-candidate"]), receipt: textValue(null) });
    expect(forged.body).toMatchObject({ response_action: "errors", errors: { approve: expect.stringContaining("is not a candidate in E1") } });
    // A receipt with no ballot to replace is refused on the receipt field.
    const early = await h.submit(cat, { approve: checkedValues([valueOf("ben")]), receipt: textValue("AAAA-BBBB-CCCC-DDDD") });
    expect(early.body).toMatchObject({ response_action: "errors", errors: { receipt: expect.stringContaining("no ballot to replace") } });
    // The real ballot: the modal is replaced by the private answer with the receipt.
    const cast = await h.submit(cat, { approve: checkedValues([valueOf("ben")]), receipt: textValue(null) });
    expect(cast.body).toMatchObject({ response_action: "update" });
    expect(JSON.stringify(cast.body)).toMatch(/Ballot cast in E1: approved: ben[\s\S]*Receipt: [0-9A-F]{4}-/);
    // The same submission again (a replay): acknowledged with nothing, and nothing more is cast or said.
    const ballotsBefore = await h.app.db.prisma.ballot.count();
    const responsesBefore = h.fake.responses.length;
    expect(await h.replay()).toEqual({ status: 200, body: null });
    expect(await h.app.db.prisma.ballot.count()).toBe(ballotsBefore);
    expect(h.fake.responses).toHaveLength(responsesBefore);
    // The Vote button of the voting-open DM opens the same ballot.
    const opening = postsTo(ana.id).find((c) => blocksText(c).includes("Voting is open for E1"))!;
    expect(blocksText(opening)).toContain('"action_id":"vote:ballot"');
    const opensBefore = h.fake.callsTo("views.open").length;
    await h.click(ana, "vote:ballot", "E1", { id: `D${ana.id.slice(1)}`, name: "directmessage" });
    expect(h.fake.callsTo("views.open")).toHaveLength(opensBefore + 1);
    // The same click again (a replay) opens nothing.
    expect((await h.replay()).status).toBe(200);
    expect(h.fake.callsTo("views.open")).toHaveLength(opensBefore + 1);
    // Typed votes count the same way.
    await h.command(ana, "/vote E1 ana");
    await h.command(ben, "/vote E1 ben");

    // The close on the tick posts the result in the channel where the election was created.
    await tick(new Date("2026-04-05T12:00:00Z"));
    const result = postsTo(GENERAL.id).find((c) => blocksText(c).includes("Result of E1"))!;
    expect(blocksText(result)).toContain("Elected: ben.");
    expect(blocksText(result)).toContain("Turnout: 3 of 3");

    // The anonymised ballots as a .blt file: files.uploadV2's three steps.
    h.fake.reset();
    await h.command(ana, "/election ballots E1");
    expect(h.fake.callsTo("files.getUploadURLExternal")[0]!.params.filename).toBe(h.fake.callsTo("files.getUploadURLExternal")[0]!.params.filename);
    expect(String(h.fake.callsTo("files.getUploadURLExternal")[0]!.params.filename)).toMatch(/\.blt$/);
    expect(h.fake.uploads[0]!.content).toMatch(/^2 1\n/);
    const complete = h.fake.callsTo("files.completeUploadExternal")[0]!;
    expect(complete.params.channel_id).toBeDefined();
  });

  it("opens one select per rank on a ranked ballot and marks a repeated candidate on its rank", async () => {
    for (const p of [ana, ben, cat]) await h.command(p, "/timezone UTC");
    await h.command(olga, "/constituency create Youth");
    await h.command(olga, `/constituency add Youth ${mention(ana)} ${mention(ben)} ${mention(cat)}`);
    await h.command(olga, '/election create Youth "Youth rep" seats 1 method irv nominations 2026-04-03 12:00 voting 2026-04-05 12:00 UTC');
    await h.command(olga, "/election open E1");
    for (const p of [ana, ben]) {
      await h.command(p, `/nominate E1 ${mention(p)}`);
      await h.command(p, "/nomination accept E1");
    }
    await tick(new Date("2026-04-03T12:00:00Z"));
    const v = await h.command(cat, "/vote E1");
    if (!h.fake.callsTo("views.open").length) throw new Error(answerText(v.responseUrl));
    const view = h.fake.callsTo("views.open").at(-1)!.params.view as { blocks: { block_id: string; optional: boolean; element: { type: string; options: { text: { text: string }; value: string }[] } }[] };
    expect(view.blocks.map((b) => [b.block_id, b.element.type, b.optional])).toEqual([
      ["rank1", "static_select", false],
      ["rank2", "static_select", true],
      ["receipt", "plain_text_input", true],
    ]);
    const id = (name: string) => view.blocks[0]!.element.options.find((o) => o.text.text === name)!.value;
    const twice = await h.submit(cat, { rank1: selectValue(id("ana")), rank2: selectValue(id("ana")), receipt: textValue(null) });
    expect(twice.body).toMatchObject({ response_action: "errors", errors: { rank2: "ana appears twice on your ballot: name each candidate once." } });
    const none = await h.submit(cat, { rank1: selectValue(null), rank2: selectValue(null), receipt: textValue(null) });
    expect(none.body).toMatchObject({ response_action: "errors", errors: { rank1: "Choose at least one candidate." } });
    const ok = await h.submit(cat, { rank1: selectValue(id("ben")), rank2: selectValue(id("ana")), receipt: textValue(null) });
    expect(JSON.stringify(ok.body)).toContain("Ballot cast in E1: 1. ben  2. ana");
  });

  it("refuses to add a mention of a user Slack does not know", async () => {
    await h.command(olga, "/constituency create Youth");
    const r = await h.command(olga, "/constituency add Youth <@U0NOBODY01|ghost>");
    expect(r.status).toBe(200);
    await h.settle();
    const text = h.fake.responses.map((x) => JSON.stringify(x.body)).join("\n");
    expect(text).toContain("slack knows no user &lt;@U0NOBODY01&gt; in this workspace");
    expect(h.fake.callsTo("users.info").some((c) => c.params.user === "U0NOBODY01")).toBe(true);
  });
});

// A complete election from Discord: typed options, autocomplete, a nomination accepted with its DM button,
// ballots, the count posted in the channel and the anonymised ballots as a .blt attachment.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ButtonStyle, ComponentType, InteractionResponseType } from "discord-api-types/v10";
import type { App } from "../../adapters/compose.ts";
import { decodeCustomId } from "../../adapters/discord/discordRender.ts";
import { GUILD, bodyText, openDiscordHarness, type DiscordHarness } from "../support/discordHarness.ts";
import { autocompleteInteraction, dmButtonInteraction, MANAGER_PERMISSIONS, modalSubmit, user, type RecordedCall } from "../support/fakeDiscord.ts";

const olga = { user: user("1000000000000000010", "Olga"), permissions: MANAGER_PERMISSIONS };
const [ana, ben, cat, dan, eve] = ["Ana", "Ben", "Cat", "Dan", "Eve"].map((n, i) => ({ user: user(`10000000000000000${21 + i}`, n) }));
const messagesTo = (calls: RecordedCall[], channelId: string) => calls.filter((c) => c.method === "POST" && c.path === `/channels/${channelId}/messages`);

describe("a complete election from Discord", () => {
  let app: App;
  let h: DiscordHarness;
  beforeAll(async () => {
    ({ app, h } = await openDiscordHarness({ start: new Date("2026-05-01T08:00:00Z") }));
  });
  afterAll(async () => {
    await h?.close();
    await app?.close();
  });

  it("creates, opens, nominates, votes, counts and publishes the ballots", async () => {
    for (const who of [olga, ana, ben, cat, dan, eve]) expect((await h.command(who!, "timezone", "", { zone: "UTC" })).text).toContain("Your time zone is now UTC");
    expect((await h.command(olga, "constituency", "create", { name: "Youth" })).text).toContain("Youth");
    // User options arrive as ids; the core reads them as mentions of this server's members.
    const added = await h.command(olga, "constituency", "add", { name: "Youth", member_1: { user: ana!.user }, member_2: { user: ben!.user }, member_3: { user: cat!.user }, member_4: { user: dan!.user }, member_5: { user: eve!.user } });
    expect(added.text).toMatch(/Ana.*Ben.*Cat.*Dan.*Eve/s);

    // Integer seats and a method from the registered choices.
    const created = await h.command(olga, "election", "create", {
      constituency: "Youth",
      title: "Youth spokespeople",
      seats: 2,
      method: "stv",
      nominations: "2026-05-03",
      nominations_time: "12:00",
      voting: "2026-05-05",
      voting_time: "12:00",
      zone: "UTC",
    });
    expect(created.text).toContain("Draft E1 created: Youth spokespeople (Youth), 2 seats by stv.");
    const opened = await h.command(olga, "election", "open", { election: "E1" });
    expect(opened.callback.body).toMatchObject({ type: InteractionResponseType.DeferredChannelMessageWithSource });
    const openPosts = messagesTo(await h.deliver(), GUILD.channelId);
    expect(openPosts.map((c) => bodyText(c.body)).join("\n")).toContain("E1 is open");

    // Autocomplete for the election option: answered with suggestions, not deferred.
    const suggest = await h.send(autocompleteInteraction(GUILD, ana!, "nominate", "", { election: "E" }, "election"));
    expect(suggest.callback.body).toEqual({ type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: [{ name: "E1 Youth spokespeople (nominations)", value: "E1" }] } });

    // A nomination asks the nominee by DM, with Accept and Decline buttons that name the server.
    expect((await h.command(ana!, "nominate", "", { election: "E1", member: { user: ben!.user } })).text).toContain("You nominated Ben");
    const dm = (await h.deliver()).filter((c) => c.method === "POST" && c.path.startsWith("/channels/9"));
    expect(dm).toHaveLength(1);
    expect(bodyText(dm[0]!.body)).toContain("Ana nominated you in E1 Youth spokespeople");
    const buttons = (dm[0]!.body as { components: { components: { type: number; style: number; label: string; custom_id: string }[] }[] }).components[0]!.components;
    expect(buttons.map((b) => [b.type, b.style, b.label])).toEqual([
      [ComponentType.Button, ButtonStyle.Primary, "Accept"],
      [ComponentType.Button, ButtonStyle.Danger, "Decline"],
    ]);
    expect(decodeCustomId(buttons[0]!.custom_id)).toEqual({ kind: "button", guildId: GUILD.id, actionId: "nomination:accept", value: "E1" });
    const accepted = await h.send(dmButtonInteraction(ben!, buttons[0]!.custom_id));
    expect(accepted.text).toContain("You accepted: you stand in E1.");
    await h.deliver();
    for (const who of [ana, eve]) await h.command(who!, "nominate", "", { election: "E1", member: { user: who!.user } });
    await h.deliver();

    // Voting opens on the clock; candidates are suggested from the frozen ballot.
    await h.tick(new Date("2026-05-03T12:00:00Z"));
    const candidates = await h.send(autocompleteInteraction(GUILD, ana!, "vote", "", { election: "E1", candidate_1: "" }, "candidate_1"));
    expect((candidates.callback.body as { data: { choices: { value: string }[] } }).data.choices.map((c) => c.value).sort()).toEqual(["Ana", "Ben", "Eve"]);
    const ballots: [typeof ana, string[]][] = [
      [ana, ["Ana", "Ben"]],
      [ben, ["Ben", "Ana"]],
      [cat, ["Eve", "Ana"]],
      [eve, ["Eve"]],
    ];
    for (const [who, prefs] of ballots) {
      const voted = await h.command(who!, "vote", "", { election: "E1", ...Object.fromEntries(prefs.map((p, i) => [`candidate_${i + 1}`, p])) });
      expect(voted.text).toMatch(/Ballot cast in E1: 1\. /);
      // The ballot is private to the voter: deferred ephemeral, edited in place.
      expect(voted.callback.body).toMatchObject({ data: { flags: 64 } });
    }
    // /vote with no candidate opens the ballot as a modal, as the first response: a select per rank and the receipt.
    const ballotOpened = await h.command(dan!, "vote", "", { election: "E1" });
    expect(ballotOpened.callback.body).toMatchObject({ type: InteractionResponseType.Modal, data: { title: "Ballot E1" } });
    const modal = (ballotOpened.callback.body as { data: { custom_id: string; components: { label: string; component: { type: number; custom_id: string; options?: { label: string; value: string }[] } }[] } }).data;
    expect(modal.components.map((c) => c.component.custom_id)).toEqual(["rank1", "rank2", "rank3", "receipt"]);
    const idOf = (name: string) => modal.components[0]!.component.options!.find((o) => o.label === name)!.value;
    // A value that is no option of this ballot (a forged submission) is refused per field, and nothing counts.
    const forged = await h.send(modalSubmit(GUILD, dan!, modal.custom_id, { rank1: ["not-a-candidate"], rank2: [], rank3: [], receipt: "" }));
    expect(forged.callback.body).toMatchObject({ type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: 64 } });
    expect(forged.text).toMatch(/Not accepted/);
    const cast = await h.send(modalSubmit(GUILD, dan!, modal.custom_id, { rank1: [idOf("Ana")], rank2: [idOf("Eve")], rank3: [], receipt: "" }));
    expect(cast.text).toMatch(/Ballot cast in E1: 1\. Ana {2}2\. Eve/);
    // An invalid choice is refused before it counts.
    expect((await h.command(cat!, "vote", "", { election: "E1", candidate_1: "Zed" })).text).toContain('"Zed" is not a candidate in E1');

    await h.tick(new Date("2026-05-05T12:00:00Z"));
    const resultPost = h.fake.calls.find((c) => c.method === "POST" && c.path === `/channels/${GUILD.channelId}/messages` && bodyText(c.body).includes("Result of E1"))!;
    const result = bodyText(resultPost.body);
    // The result as an embed: the key facts beside each other, then the round-by-round table across.
    expect((resultPost.body as { embeds: unknown[] }).embeds).toEqual([
      {
        title: "🗳️ Result of E1 Youth spokespeople",
        color: 0x5865f2,
        fields: [
          { name: "Elected", value: "Ana, Eve", inline: true },
          { name: "Turnout", value: "5 of 5 (100%)", inline: true },
          { name: "Quota", value: "2.00000", inline: true },
          { name: "Counted", value: "<t:1777982400:F> (<t:1777982400:R>)", inline: true },
          { name: "Round by round", value: expect.stringMatching(/^```\nRound +Ben +Ana +Eve\n1 +1\.00000 +2\.00000 +2\.00000 +Ana elected, Eve elected, Ben excluded\n```$/), inline: false },
        ],
      },
    ]);
    expect(result).toContain("Elected: Ana, Eve.");
    expect(result).toMatch(/Round 1: Ben 1\.00000, Ana 2\.00000, Eve 2\.00000 → Ana elected \(quota\); Eve elected \(quota\)/);
    // Instants in posts are Discord timestamps, shown in each reader's zone.
    expect(result).toMatch(/counted <t:1777982400:F>/);

    // The anonymised ballots come as a file, sent multipart with the edit of the reply.
    const published = await h.command(ana!, "election", "ballots", { election: "E1" });
    const withFile = published.calls.find((c) => c.files.length)!;
    expect(withFile.files.map((f) => f.name)).toEqual(["E1-ballots.blt"]);
    expect(withFile.files[0]!.content.split("\n")[0]).toBe("3 2");
    expect(withFile.body).toMatchObject({ attachments: [{ id: 0, filename: "E1-ballots.blt" }] });
  });
});

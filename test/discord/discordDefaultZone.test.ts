// Discord tells bots no user zone: through the real discord.js client, an organiser sets the server default with
// /caucus timezone (autocompleted), and a member without a zone sees it and is told once how to set theirs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InteractionResponseType } from "discord-api-types/v10";
import type { App } from "../../adapters/compose.ts";
import { targets } from "../support/testApp.ts";
import { GUILD, startDiscordHarness, type DiscordHarness } from "../support/discordHarness.ts";
import { APPLICATION_ID, autocompleteInteraction, chatInput, commandOptions, MANAGER_PERMISSIONS, user, type RecordedCall } from "../support/fakeDiscord.ts";

const olga = user("1000000000000000010", "Olga");
const ana = user("1000000000000000011", "Ana");

describe("the server default zone on Discord (discord.js against the fake Discord)", () => {
  let app: App;
  let h: DiscordHarness;
  beforeAll(async () => {
    app = await targets()[0]!.open();
    h = await startDiscordHarness(app);
  });
  afterAll(async () => {
    await h?.close();
    await app?.close();
  });

  /** What the member read: the edited reply, then any follow-ups, for one interaction. */
  const answersTo = async (i: { token: string }): Promise<string[]> => {
    await h.fake.waitForCall((c) => c.method === "PATCH" && c.path === `/webhooks/${APPLICATION_ID}/${i.token}/messages/@original`);
    await h.adapter.settled();
    const mine = (c: RecordedCall) => c.path.startsWith(`/webhooks/${APPLICATION_ID}/${i.token}`) && (c.method === "PATCH" || c.method === "POST");
    return h.fake.calls.filter(mine).map((c) => (c.body as { content: string }).content);
  };

  it("suggests zones for /caucus timezone, sets the default, shows it to a member without a zone and tells them once how to set theirs", async () => {
    const typing = await h.fake.interact(autocompleteInteraction(GUILD, { user: olga, permissions: MANAGER_PERMISSIONS }, "caucus", "timezone", { zone: "berlin" }, "zone"));
    expect(typing.body).toMatchObject({ type: InteractionResponseType.ApplicationCommandAutocompleteResult });
    expect((typing.body as { data: { choices: { value: string }[] } }).data.choices.map((c) => c.value)).toContain("Europe/Berlin");

    const set = chatInput(GUILD, { user: olga, permissions: MANAGER_PERMISSIONS }, "caucus", commandOptions("timezone", { zone: "Europe/Berlin" }));
    await h.fake.interact(set);
    expect((await answersTo(set))[0]).toMatch(/The network's default time zone is now Europe\/Berlin/);

    const first = chatInput(GUILD, { user: ana }, "timezone");
    await h.fake.interact(first);
    const told = await answersTo(first);
    expect(told[0]).toMatch(/Your time zone is Europe\/Berlin \(not set yet/);
    const again = chatInput(GUILD, { user: ana }, "caucus", commandOptions("organisers", {}));
    await h.fake.interact(again);
    const later = await answersTo(again);
    // Told once: on the first command (/timezone itself excepted), never after.
    const third = chatInput(GUILD, { user: ana }, "caucus", commandOptions("organisers", {}));
    await h.fake.interact(third);
    expect(later.join("\n")).toMatch(/you have not set your time zone, so I show times in Europe\/Berlin/);
    expect((await answersTo(third)).join("\n")).not.toMatch(/you have not set your time zone/);
  });
});

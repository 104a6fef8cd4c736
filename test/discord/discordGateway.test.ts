import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { InteractionResponseType, MessageFlags } from "discord-api-types/v10";
import type { App } from "../../adapters/compose.ts";
import { clearAll, targets } from "../support/testApp.ts";
import { GUILD, startDiscordHarness, type DiscordHarness } from "../support/discordHarness.ts";
import { GatewayDispatchEvents } from "discord-api-types/v10";
import { APPLICATION_ID, autocompleteInteraction, chatInput, commandOptions, guildMemberUpdate, MANAGER_PERMISSIONS, user, type RecordedCall } from "../support/fakeDiscord.ts";

const ana = user("1000000000000000011", "Ana");

describe("Discord over the gateway (discord.js against the fake Discord)", () => {
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
  beforeEach(() => clearAll(app));

  const editOf = (i: { token: string }): Promise<RecordedCall> =>
    h.fake.waitForCall((c) => c.method === "PATCH" && c.path === `/webhooks/${APPLICATION_ID}/${i.token}/messages/@original`);

  it("identifies once, receives READY and the server's GUILD_CREATE, and asks the gateway URL from the API", async () => {
    expect(h.fake.identifies).toBe(1);
    expect(h.adapter.connected()).toBe(true);
    expect(h.adapter.client!.guilds.cache.get(GUILD.id)?.name).toBe("Youth Network");
    const gateway = h.fake.calls.find((c) => c.path === "/gateway/bot")!;
    expect(gateway.auth).toBe("Bot test-token");
  });

  it("defers /timezone privately, then edits the reply with the zone it set", async () => {
    const i = chatInput(GUILD, { user: ana }, "timezone", commandOptions("", { zone: "Europe/Paris" }));
    const callback = await h.fake.interact(i);
    expect(callback.body).toEqual({ type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: MessageFlags.Ephemeral } });
    expect(callback.auth).toBeUndefined();
    const edit = await editOf(i);
    expect((edit.body as { content: string }).content).toContain("Your time zone is now Europe/Paris");
  });

  it("delivers a GUILD_MEMBER_UPDATE dispatch to the client (what role rosters listen to)", async () => {
    const got = new Promise<{ user: { id: string }; roles: string[] }>((resolve) => h.adapter.client!.ws.once(GatewayDispatchEvents.GuildMemberUpdate, resolve));
    h.fake.dispatch(GatewayDispatchEvents.GuildMemberUpdate, guildMemberUpdate(GUILD, ana, ["1100000000000000050"]));
    expect(await got).toMatchObject({ user: { id: ana.id }, roles: ["1100000000000000050"] });
  });

  it("follows up privately with the one-time zone tip after the answer to a member's first command", async () => {
    const ben = user("1000000000000000012", "Ben");
    const i = chatInput(GUILD, { user: ben }, "deadline", commandOptions("list", {}));
    await h.fake.interact(i);
    await h.adapter.settled();
    const followUp = await h.fake.waitForCall((c) => c.method === "POST" && c.path === `/webhooks/${APPLICATION_ID}/${i.token}`);
    expect(followUp.body).toMatchObject({ flags: MessageFlags.Ephemeral, content: expect.stringContaining("Tip: you have not set your time zone") });
  });

  it("suggests zones and constituencies as the member types", async () => {
    const zones = await h.fake.interact(autocompleteInteraction(GUILD, { user: ana }, "timezone", "", { zone: "Nairo" }, "zone"));
    expect((zones.body as { data: { choices: { value: string }[] } }).data.choices[0]!.value).toBe("Africa/Nairobi");
    const olga = { user: user("1000000000000000010", "Olga"), permissions: MANAGER_PERMISSIONS };
    await h.fake.interact(chatInput(GUILD, olga, "constituency", commandOptions("create", { name: "Trade unions" })));
    await h.adapter.settled();
    const found = await h.fake.interact(autocompleteInteraction(GUILD, olga, "deadline", "add", { title: "x", constituency: "tra" }, "constituency"));
    expect(found.body).toEqual({ type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: [{ name: "Trade unions (0 members)", value: "Trade unions" }] } });
  });
});

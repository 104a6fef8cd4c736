import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { InteractionResponseType, MessageFlags } from "discord-api-types/v10";
import type { App } from "../../adapters/compose.ts";
import { clearAll, targets } from "../support/testApp.ts";
import { GUILD, startDiscordHarness, type DiscordHarness } from "../support/discordHarness.ts";
import { APPLICATION_ID, chatInput, commandOptions, user, type RecordedCall } from "../support/fakeDiscord.ts";

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
});

// Select menus, a button that opens a form, and the form's submission, through the real discord.js client. No core
// command has a select yet, so a small command defined here drives them through the real router and database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ComponentType, InteractionResponseType, type APIStringSelectComponent } from "discord-api-types/v10";
import { commands } from "../../commands/index.ts";
import type { App } from "../../adapters/compose.ts";
import { createBot } from "../../src/bot.ts";
import { privateReply } from "../../src/command.ts";
import { defineCommand, subcommand } from "../../src/commandDefinition.ts";
import { silentLogger } from "../../src/logger.ts";
import { ok } from "../../src/result.ts";
import { decodeCustomId } from "../../adapters/discord/discordRender.ts";
import { targets } from "../support/testApp.ts";
import { GUILD, startDiscordHarness, type DiscordHarness } from "../support/discordHarness.ts";
import { buttonInteraction, modalSubmit, selectInteraction, user } from "../support/fakeDiscord.ts";

const options = Array.from({ length: 30 }, (_, i) => ({ label: `Option ${i + 1}`, value: `o${i + 1}` }));
const pick = defineCommand({
  name: "pick",
  description: "Pick one of thirty.",
  subcommands: [
    subcommand({
      name: "",
      description: "Shows a menu of thirty options and a button that opens a form.",
      options: [],
      examples: ["/pick"],
      answer: "private",
      run: async () =>
        ok([
          privateReply({
            text: [["Pick one"]],
            components: [
              { kind: "select", actionId: "pick:one", placeholder: "Option", options },
              { kind: "button", actionId: "pick:form", label: "Say more", value: "x" },
            ],
          }),
        ]),
    }),
  ],
  async onAction(_ctx, actionId, value) {
    if (actionId === "pick:form")
      return ok([{ kind: "form", form: { formId: "pick:why", title: "Why?", submitLabel: "Send", context: value, fields: [{ kind: "text", id: "why", label: "Why this one?", multiline: true, required: true, maxLength: 200 }] } }]);
    return ok([privateReply({ text: [[`You picked ${value}.`]] })]);
  },
  async onForm(_ctx, _formId, context, values) {
    return ok([privateReply({ text: [[`Because: ${String(values.why)} (${context})`]] })]);
  },
});

const ana = { user: user("1000000000000000011", "Ana") };

describe("components and forms through discord.js", () => {
  let app: App;
  let h: DiscordHarness;
  beforeAll(async () => {
    app = await targets()[0]!.open();
    h = await startDiscordHarness({ ...app, bot: createBot({ store: app.store, commands: [...commands, pick], log: silentLogger, random: app.random }) });
  });
  afterAll(async () => {
    await h?.close();
    await app?.close();
  });

  it("pages a long select into menus of 25 with distinct ids, and a choice from the second menu reaches the command", async () => {
    const shown = await h.command(ana, "pick", "", {});
    const edit = shown.calls.find((c) => c.method === "PATCH")!;
    const rows = (edit.body as { components: { components: (APIStringSelectComponent | { type: number; custom_id: string })[] }[] }).components;
    const selects = rows.flatMap((r) => r.components).filter((c): c is APIStringSelectComponent => c.type === ComponentType.StringSelect);
    expect(selects.map((s) => s.options.length)).toEqual([25, 5]);
    expect(selects[0]!.custom_id).not.toBe(selects[1]!.custom_id);
    const chose = await h.send(selectInteraction(GUILD, ana, selects[1]!.custom_id, ["o27"]));
    // Answered at once (the core was quick): a private message, not a defer.
    expect(chose.callback.body).toEqual({ type: InteractionResponseType.ChannelMessageWithSource, data: expect.objectContaining({ content: "You picked o27.", flags: 64 }) });
  });

  it("opens a modal as the first answer to a button, and the submission reaches the command with its context", async () => {
    const shown = await h.command(ana, "pick", "", {});
    const rows = ((shown.calls.find((c) => c.method === "PATCH")!.body as { components: { components: { type: number; custom_id: string }[] }[] }).components).flatMap((r) => r.components);
    const button = rows.find((c) => c.type === ComponentType.Button)!;
    expect(decodeCustomId(button.custom_id)).toMatchObject({ kind: "button", actionId: "pick:form", value: "x" });
    const clicked = await h.send(buttonInteraction(GUILD, ana, button.custom_id));
    expect(clicked.callback.body).toMatchObject({ type: InteractionResponseType.Modal, data: { title: "Why?", components: [{ type: ComponentType.Label, label: "Why this one?" }] } });
    const modalId = (clicked.callback.body as { data: { custom_id: string } }).data.custom_id;
    const sent = await h.send(modalSubmit(GUILD, ana, modalId, { why: "It is the best" }));
    expect(sent.text).toBe("Because: It is the best (x)");
  });
});

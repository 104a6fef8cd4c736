// The pure halves of the Discord adapter: core answers as Discord payloads, Discord interactions as core events.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { ApplicationCommandOptionType, ButtonStyle, ComponentType, InteractionResponseType, PermissionFlagsBits, TextInputStyle, type APIActionRowComponent, type APIComponentInMessageActionRow, type APIStringSelectComponent } from "discord-api-types/v10";
import { DISCORD_LIMITS, DISCORD_MESSAGE } from "../../adapters/discord/discordLimits.ts";
import { decodeCustomId, encodeComponentId, modalForm, renderDefer, renderInline, renderMessage, renderModal } from "../../adapters/discord/discordRender.ts";
import { flattenOptions, hasManageServer, modalValues, translateInteraction } from "../../adapters/discord/discordInbound.ts";
import { fitMessage } from "../../src/fitMessage.ts";
import type { Form, Message } from "../../src/message.ts";
import { localInstant, utcInstant } from "../../src/message.ts";
import { message } from "../support/messageArbitraries.ts";
import { buttonInteraction, chatInput, commandOptions, dmButtonInteraction, MANAGER_PERMISSIONS, modalSubmit, selectInteraction, user } from "../support/fakeDiscord.ts";
import { GUILD } from "../support/discordHarness.ts";

const ana = { user: user("1000000000000000011", "Ana") };
const at = new Date("2026-04-10T15:00:00Z"); // 1775833200
const rowsOf = (m: { body: { components?: unknown } }) => (m.body.components ?? []) as APIActionRowComponent<APIComponentInMessageActionRow>[];

describe("custom ids", () => {
  it("decode back to the core's action id and value, within 100 characters, whenever the core's id fits its declared limit", () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z]{1,12}(:[a-z]{1,12}){0,2}$/),
        fc.string({ maxLength: 90 }),
        fc.integer({ min: 0, max: 35 }),
        fc.option(fc.bigInt({ min: 10n ** 16n, max: 10n ** 20n - 1n }).map(String), { nil: undefined }),
        (actionId, value, index, guildId) => {
          fc.pre(`${actionId}:${value}`.length <= DISCORD_LIMITS.actionIdChars);
          const scope = guildId ? { guildId } : {};
          const button = encodeComponentId({ kind: "button", actionId, label: "x", value }, index, scope);
          expect(button.length).toBeLessThanOrEqual(DISCORD_MESSAGE.customIdChars);
          expect(decodeCustomId(button)).toEqual({ kind: "button", ...scope, actionId, value });
          const select = encodeComponentId({ kind: "select", actionId, placeholder: "p", options: [] }, index, scope);
          expect(decodeCustomId(select)).toEqual({ kind: "select", ...scope, actionId });
        },
      ),
    );
  });

  it("stay unique where fitMessage split a long select into several sharing one action id", () => {
    const options = Array.from({ length: 60 }, (_, i) => ({ label: `Candidate ${i + 1}`, value: `m${i + 1}` }));
    const [part] = fitMessage({ text: [["Choose"]], components: [{ kind: "select", actionId: "vote:pick", placeholder: "Candidate", options }] }, DISCORD_LIMITS);
    const rows = rowsOf(renderMessage(part!));
    const selects = rows.map((r) => r.components[0] as APIStringSelectComponent);
    expect(selects.map((s) => s.options.length)).toEqual([25, 25, 10]);
    expect(new Set(selects.map((s) => s.custom_id)).size).toBe(3);
    expect(selects.map((s) => decodeCustomId(s.custom_id))).toEqual(Array(3).fill({ kind: "select", actionId: "vote:pick" }));
    expect(selects.map((s) => s.placeholder)).toEqual(["Candidate (1–25)", "Candidate (26–50)", "Candidate (51–60)"]);
  });

  it("refuses an id a click could not be decoded from", () => {
    expect(decodeCustomId("something-else")).toBeNull();
    expect(() => encodeComponentId({ kind: "button", actionId: "a|b", label: "x", value: "" }, 0, {})).toThrow(/may not contain/);
  });
});

describe("messages", () => {
  it("renders every part fitMessage makes within Discord's limits", () => {
    fc.assert(
      fc.property(message(60), (m) => {
        for (const part of fitMessage(m, DISCORD_LIMITS)) {
          const r = renderMessage(part, { scope: { guildId: GUILD.id } });
          expect([...(r.body.content ?? "")].length).toBeLessThanOrEqual(DISCORD_MESSAGE.contentChars);
          // fitMessage already made it fit: nothing was cut.
          expect(r.body.content).toBe(part.text.map((l) => l.map((p) => renderInline(p)).join("")).join("\n"));
          const rows = rowsOf(r);
          expect(rows.length).toBeLessThanOrEqual(DISCORD_MESSAGE.rowsPerMessage);
          const ids = rows.flatMap((row) => row.components.map((c) => ("custom_id" in c ? c.custom_id : "")));
          expect(new Set(ids).size).toBe(ids.length);
          for (const row of rows) {
            expect(row.components.length).toBeLessThanOrEqual(DISCORD_MESSAGE.buttonsPerRow);
            for (const c of row.components) {
              if ("custom_id" in c) expect(c.custom_id.length).toBeLessThanOrEqual(DISCORD_MESSAGE.customIdChars);
              if (c.type === ComponentType.StringSelect) expect(c.options.length).toBeLessThanOrEqual(DISCORD_MESSAGE.optionsPerSelect);
            }
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it("shows instants as Discord timestamps (relative too in a card), a fixed UTC one as text", () => {
    const m: Message = {
      text: [["Due ", localInstant(at, "Europe/Paris"), " = ", utcInstant(at)]],
      card: { title: ["⏰ Grant report"], fields: [{ label: "Due", value: [localInstant(at, "Europe/Paris")] }, { label: "Notice", value: ["9 days"] }], flag: "Short notice", url: "https://example.org/call" },
    };
    const r = renderMessage(m);
    expect(r.body.content).toBe("Due <t:1775833200:F> = 2026-04-10 15:00 UTC");
    expect(r.body.embeds).toEqual([
      {
        title: "⏰ Grant report",
        color: 0xe67e22,
        description: "⚠️ Short notice",
        url: "https://example.org/call",
        fields: [
          { name: "Due", value: "<t:1775833200:F> (<t:1775833200:R>)", inline: true },
          { name: "Notice", value: "9 days", inline: true },
        ],
      },
    ]);
    // Never pings @everyone or a role, whatever the text says.
    expect(r.body.allowed_mentions).toEqual({ parse: ["users"] });
    // A link Discord would refuse as an embed url stays readable as a field.
    expect(renderMessage({ text: [], card: { title: ["x"], fields: [], url: "ftp://x" } }).body.embeds![0]!.fields).toEqual([{ name: "Link", value: "ftp://x" }]);
  });

  it("sends an attachment as a file part with its attachment entry", () => {
    const r = renderMessage({ text: [["Ballots"]], attachment: { filename: "E1-ballots.blt", mediaType: "text/plain", content: "3 2\n1 1 2 0\n0\n" } });
    expect(r.files).toEqual([{ name: "E1-ballots.blt", data: Buffer.from("3 2\n1 1 2 0\n0\n"), contentType: "text/plain" }]);
    expect(r.body.attachments).toEqual([{ id: 0, filename: "E1-ballots.blt" }]);
  });

  it("renders Accept and Decline with their styles, and a private defer as ephemeral", () => {
    const r = renderMessage({ text: [["?"]], components: [{ kind: "button", actionId: "nomination:accept", label: "Accept", value: "E1", style: "primary" }, { kind: "button", actionId: "nomination:decline", label: "Decline", value: "E1", style: "danger" }] });
    expect(rowsOf(r)[0]!.components.map((c) => (c.type === ComponentType.Button && "style" in c ? c.style : null))).toEqual([ButtonStyle.Primary, ButtonStyle.Danger]);
    expect(renderDefer({ kind: "defer", visibility: "private" })).toEqual({ type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: 64 } });
    expect(renderDefer({ kind: "defer", visibility: "public" })).toEqual({ type: InteractionResponseType.DeferredChannelMessageWithSource });
  });
});

const candidates = ["Ana", "Ben", "Eve", "Dan", "Cat", "Fay"].map((n, i) => ({ label: n, value: `m${i}` }));
const ranked: Form = {
  formId: "vote:ballot",
  title: "Ballot E1",
  submitLabel: "Cast ballot",
  context: "E1",
  fields: [
    ...candidates.map((_, i) => ({ kind: "choice" as const, id: `rank${i + 1}`, label: `${i + 1}. choice`, required: i === 0, multiple: false, options: candidates })),
    { kind: "text", id: "receipt", label: "Receipt (only to replace a ballot you cast)", multiline: false, required: false, maxLength: 40 },
  ],
};

describe("forms as modals", () => {
  it("holds a ranked ballot's first four ranks and the receipt, saying where the rest goes", () => {
    const fitted = modalForm(ranked, "More ranks: type them.")!;
    expect(fitted.fields.map((f) => f.id)).toEqual(["rank1", "rank2", "rank3", "rank4", "receipt"]);
    const modal = renderModal(fitted);
    expect(decodeCustomId(modal.custom_id)).toEqual({ kind: "modal", formId: "vote:ballot", context: "E1" });
    expect(modal.components).toHaveLength(5);
    expect(modal.components[3]).toMatchObject({ type: ComponentType.Label, description: "More ranks: type them.", component: { type: ComponentType.StringSelect, custom_id: "rank4", min_values: 0, max_values: 1 } });
    expect(modal.components[0]).toMatchObject({ component: { required: true, min_values: 1 } });
    expect(modal.components[4]).toMatchObject({ label: "Receipt (only to replace a ballot you cast)", component: { type: ComponentType.TextInput, style: TextInputStyle.Short, custom_id: "receipt", required: false, max_length: 40 } });
  });

  it("renders an approval ballot as one multi-select, and reads a submission back as the form's values", () => {
    const approval: Form = { ...ranked, fields: [{ kind: "choice", id: "approve", label: "Every candidate you approve", required: true, multiple: true, options: candidates }, ranked.fields.at(-1)!] };
    expect(modalForm(approval, "")).toBe(approval);
    expect(renderModal(approval).components[0]).toMatchObject({ component: { type: ComponentType.StringSelect, min_values: 1, max_values: 6 } });
    const submitted = modalSubmit(GUILD, ana, renderModal(approval).custom_id, { approve: ["m0", "m2"], receipt: "" });
    expect(modalValues(submitted.data.components)).toEqual({ approve: ["m0", "m2"], receipt: "" });
    expect(translateInteraction(submitted, { workspaceName: "Youth Network" })).toMatchObject({ kind: "event", event: { kind: "formSubmit", formId: "vote:ballot", context: "E1", values: { approve: ["m0", "m2"], receipt: "" } } });
  });

  it("cannot hold a required choice of more than 25 options", () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ label: `C${i}`, value: `m${i}` }));
    expect(modalForm({ ...ranked, fields: [{ kind: "choice", id: "approve", label: "x", required: true, multiple: true, options: many }] }, "")).toBeNull();
  });
});

describe("interactions as core events", () => {
  it("reads a subcommand group, a user option as a mention, integers and booleans", () => {
    expect(flattenOptions(commandOptions("organiser add", { member: { user: ana.user } }))).toEqual({ subcommand: "organiser add", values: { member: "<@1000000000000000011>" } });
    expect(flattenOptions(commandOptions("create", { seats: 2, open: true }))).toEqual({ subcommand: "create", values: { seats: 2, open: true } });
    expect(flattenOptions([{ name: "zone", type: ApplicationCommandOptionType.String, value: "Paris" }])).toEqual({ subcommand: "", values: { zone: "Paris" } });
  });

  it("takes Manage Server (or Administrator) from the member's permissions, and the locale", () => {
    expect(hasManageServer(MANAGER_PERMISSIONS)).toBe(true);
    expect(hasManageServer(String(PermissionFlagsBits.Administrator))).toBe(true);
    expect(hasManageServer(String(PermissionFlagsBits.SendMessages))).toBe(false);
    expect(hasManageServer("not a number")).toBe(false);
    const t = translateInteraction(chatInput(GUILD, { ...ana, permissions: MANAGER_PERMISSIONS, locale: "pt-BR" as never }, "timezone"), { workspaceName: "Youth Network" });
    expect(t).toMatchObject({ kind: "event", event: { kind: "command", name: "timezone", text: "", actor: { platform: "discord", workspaceId: GUILD.id, workspaceName: "Youth Network", userId: ana.user.id, displayName: "Ana", isPlatformAdmin: true, locale: "pt-BR" }, channel: { channelId: GUILD.channelId, name: "general" } } });
  });

  it("reads a button and a select, and a click in a DM in the server its id names", () => {
    const id = encodeComponentId({ kind: "button", actionId: "nomination:accept", label: "Accept", value: "E1" }, 0, { guildId: GUILD.id });
    expect(translateInteraction(dmButtonInteraction(ana, id), { workspaceName: "Youth Network", isPlatformAdmin: false })).toMatchObject({
      kind: "event",
      event: { kind: "action", actionId: "nomination:accept", value: "E1", actor: { workspaceId: GUILD.id, isPlatformAdmin: false } },
    });
    const sel = encodeComponentId({ kind: "select", actionId: "vote:pick", placeholder: "x", options: [] }, 2, {});
    expect(translateInteraction(selectInteraction(GUILD, ana, sel, ["m3"]), { workspaceName: "" })).toMatchObject({ kind: "event", event: { kind: "action", actionId: "vote:pick", value: "m3" } });
    expect(translateInteraction(buttonInteraction(GUILD, ana, "from-another-bot"), { workspaceName: "" })).toMatchObject({ kind: "ignored", reply: expect.stringContaining("no longer supported") });
    // A DM click whose id names no server cannot be placed in a network.
    expect(translateInteraction(dmButtonInteraction(ana, "0|nomination:accept|E1"), { workspaceName: "" })).toMatchObject({ kind: "ignored", reason: "no server" });
  });
});

describe("the invite", () => {
  it("asks for the scopes and exactly the permissions the README states", async () => {
    const { BOT_PERMISSIONS, inviteUrl } = await import("../../adapters/discord/discordInvite.ts");
    const url = inviteUrl("1200000000000000001");
    expect(url).toBe("https://discord.com/oauth2/authorize?client_id=1200000000000000001&scope=bot%20applications.commands&permissions=52224");
    expect(BOT_PERMISSIONS).toBe(PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.EmbedLinks | PermissionFlagsBits.AttachFiles);
    const readme = (await import("node:fs")).readFileSync("README.md", "utf8");
    expect(readme).toContain(url.replace("1200000000000000001", "<APPLICATION_ID>"));
  });
});

describe("logging a failed answer", () => {
  it("keeps a REST error's status and code, never its URL (the interaction token) or body (a receipt)", async () => {
    const { DiscordAPIError } = await import("discord.js");
    const { loggableError } = await import("../../adapters/discord/discordInteraction.ts");
    const e = new DiscordAPIError({ code: 50035, message: "Invalid Form Body" }, 50035, 400, "PATCH", "https://discord.com/api/v10/webhooks/1/SECRET-TOKEN/messages/@original", { body: { content: "Receipt: 3F2A-09BC-77D1-E4A0" } });
    const logged = JSON.stringify(loggableError(e));
    expect(logged).not.toMatch(/SECRET-TOKEN|3F2A/);
    expect(loggableError(e)).toEqual({ error: { name: expect.stringContaining("DiscordAPIError"), status: 400, code: 50035, method: "PATCH" } });
  });
});

import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { commands } from "../commands/index.ts";
import { discordCommand, registrationProblems } from "../adapters/discord/discordRegistration.ts";
import { SLACK_COMMAND_LIMITS, slackManifestCommands } from "../adapters/slack/slackManifest.ts";
import { defineCommand, subcommand, type CommandDefinition } from "../src/commandDefinition.ts";
import { helpFor, usageOf } from "../src/commandHelp.ts";
import { parseCommandOptions, parseCommandText } from "../src/parseCommandInput.ts";
import { createBot } from "../src/bot.ts";
import { silentLogger } from "../src/logger.ts";
import { ok } from "../src/result.ts";
import type { Store } from "../src/store.ts";

const scope = { platform: "slack", workspaceId: "T1" };
const noop = async () => ok([]);

// A definition shaped like the real ones, to pin the grammar down independently of any command's wording.
const sample = defineCommand({
  name: "sample",
  description: "A command for the parser's specs.",
  subcommands: [
    subcommand({
      name: "add",
      description: "Add a thing.",
      options: [
        { name: "title", type: "text", description: "Its title.", required: true, maxLength: 20 },
        { name: "date", type: "date", description: "The day.", required: true },
        { name: "time", type: "time", description: "The time.", required: true },
        { name: "zone", type: "zone", description: "The zone.", aoe: true },
        { name: "for", type: "constituency", description: "Who for.", keyword: "for", greedy: true },
        { name: "seats", type: "integer", description: "How many.", keyword: "seats", min: 1, max: 9 },
        { name: "method", type: "choice", description: "How.", keyword: "method", choices: [{ value: "stv" }, { value: "irv" }] },
        { name: "opens", type: "date", description: "Opening day.", keyword: "opens" },
        { name: "opens_time", type: "time", description: "Opening time.", keyword: "opens" },
        { name: "open", type: "flag", description: "Open to all.", keyword: "open" },
      ],
      examples: ['/sample add "Visa letters" 2026-12-01 09:00 Nairobi for Trade unions seats 2 method stv open'],
      answer: "public",
      run: noop,
    }),
    subcommand({
      name: "invite",
      description: "Invite members.",
      options: [
        { name: "name", type: "constituency", description: "Where.", required: true },
        { name: "member", type: "member", description: "Who.", required: true, variadic: true, maxItems: 3 },
      ],
      examples: ["/sample invite Youth <@U1> ana"],
      answer: "private",
      run: noop,
    }),
    subcommand({ name: "group one", description: "A grouped action.", options: [], examples: ["/sample group one"], answer: "private", run: noop }),
  ],
});

const parse = (text: string) => parseCommandText(sample, text, scope);
const args = (text: string) => {
  const r = parse(text);
  if (!r.ok) throw new Error(r.error);
  return r.value.args;
};

describe("the text grammar generated from a definition", () => {
  it("reads positional values, an optional zone, greedy keyword values, numbers, choices and flags", () => {
    expect(args('add "Visa letters" 2026-12-01 09:00 Africa/Nairobi for Trade unions seats 2 method STV open')).toEqual({
      title: "Visa letters",
      date: "2026-12-01",
      time: "09:00",
      zone: "Africa/Nairobi",
      for: "Trade unions",
      seats: 2,
      method: "stv",
      opens: undefined,
      opens_time: undefined,
      open: true,
    });
  });
  it("takes keywords in any order, and several values after one keyword", () => {
    const a = args('add X 2026-12-01 09:00 opens 2026-11-01 12:00 seats 3 for Youth');
    expect(a).toMatchObject({ opens: "2026-11-01", opens_time: "12:00", seats: 3, for: "Youth", zone: undefined, open: false });
  });
  it('never reads a quoted word as a keyword: for "Link for youth"', () => {
    expect(args('add X 2026-12-01 09:00 for "Link for youth"')).toMatchObject({ for: "Link for youth" });
  });
  it("accepts AoE where the zone option allows it", () => {
    expect(args("add X 2026-12-01 09:00 aoe")).toMatchObject({ zone: "AoE" });
  });
  it("collects variadic members, reading mentions as platform ids", () => {
    expect(args("invite Youth <@U1> @ana")).toEqual({
      name: "Youth",
      member: [
        { kind: "mention", platform: "slack", workspaceId: "T1", userId: "U1" },
        { kind: "name", name: "ana" },
      ],
    });
  });
  it("matches a two-word subcommand", () => {
    const r = parse("group one");
    expect(r.ok && r.value.sub.name).toBe("group one");
  });
  it.each([
    ["", /^Say what to do: \/sample add\|invite\|group/],
    ["frobnicate", /^"frobnicate" is not a \/sample action\. Try add, invite or group/],
    ["group two", /^"two" is not a \/sample group action/],
    ["add X 2026-12-01", /^Missing time \(The time\)\. Usage: \/sample add "<title>" <YYYY-MM-DD> <HH:mm>/],
    ["add X 1 December 09:00", /^"1" is not a date: write YYYY-MM-DD/],
    ["add X 2026-12-01 9am", /^"9am" is not a time/],
    ["add X 2026-12-01 09:00 Europe/Pari", /"Europe\/Pari" is not a time zone I know/],
    ["add X 2026-12-01 09:00 seats 12", /^seats must be a whole number from 1 to 9, not "12"/],
    ["add X 2026-12-01 09:00 seats", /^"seats" needs a value/],
    ["add X 2026-12-01 09:00 opens 2026-11-01", /^"opens" needs a date and a time/],
    ["add X 2026-12-01 09:00 method borda", /^"borda" is not a method: use stv or irv/],
    ["add X 2026-12-01 09:00 seats 1 seats 2", /^"seats" is given twice/],
    ["add X 2026-12-01 09:00 UTC extra", /^"extra" is not understood here\. Usage:/],
    [`add ${"x".repeat(21)} 2026-12-01 09:00`, /^The title is 21 characters; keep it to 20/],
    ["invite Youth a b c d", /^At most 3 members at a time/],
    ['add "unclosed 2026-12-01 09:00', /never closed/],
  ])("refuses %j with a specific message", (text, message) => {
    const r = parse(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });
  it("asks whether an unquoted text needed quotes when the value after it is refused", () => {
    expect(parse("add Visa letters 2026-12-01 09:00")).toEqual({
      ok: false,
      error: '"letters" is not a date: write YYYY-MM-DD, e.g. 2026-05-01. (Is the title in quotes? "Visa letters"…)',
    });
    expect(parse('add "Visa" letters 2026-12-01 09:00')).toEqual({ ok: false, error: '"letters" is not a date: write YYYY-MM-DD, e.g. 2026-05-01.' });
  });
  it("writes usage lines from the options", () => {
    expect(usageOf(sample, sample.subcommands[0]!)).toBe(
      '/sample add "<title>" <YYYY-MM-DD> <HH:mm> [<zone>|AoE] [for <for>] [seats <seats>] [method <stv|irv>] [opens <YYYY-MM-DD> <HH:mm>] [open]',
    );
    expect(usageOf(sample, sample.subcommands[1]!)).toBe('/sample invite "<name>" <member> [<member> ...]');
  });
  it("never throws, whatever the text", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom("add", "invite", "for", "seats", "open", '"', "“", "2026-12-01", "09:00", "<@U1>", "aoe"), fc.string()), { maxLength: 12 }), (words) => {
        const r = parse(words.join(" "));
        expect(typeof r.ok).toBe("boolean");
      }),
      { numRuns: 2000 },
    );
  });
});

describe("typed options (Discord) read through the same checks as text", () => {
  it("gives the same values as the equivalent text", () => {
    const viaOptions = parseCommandOptions(
      sample,
      { subcommand: "add", values: { title: "Visa letters", date: "2026-12-01", time: "09:00", zone: "Nairobi", for: "Trade unions", seats: 2, method: "stv", open: true } },
      scope,
    );
    const viaText = parse('add "Visa letters" 2026-12-01 09:00 Nairobi for Trade unions seats 2 method stv open');
    expect(viaOptions.ok && viaText.ok && viaOptions.value.args).toEqual(viaText.ok && viaText.value.args);
  });
  it("collects member_1 … member_n into one list and refuses what text refuses", () => {
    const r = parseCommandOptions(sample, { subcommand: "invite", values: { name: "Youth", member_1: "<@U1>", member_3: "<@U3>" } }, scope);
    expect(r.ok && r.value.args.member).toEqual([
      { kind: "mention", platform: "slack", workspaceId: "T1", userId: "U1" },
      { kind: "mention", platform: "slack", workspaceId: "T1", userId: "U3" },
    ]);
    const bad = parseCommandOptions(sample, { subcommand: "add", values: { title: "X", date: "2026-12-01", time: "09:00", seats: 12 } }, scope);
    expect(bad).toEqual({ ok: false, error: 'seats must be a whole number from 1 to 9, not "12".' });
  });
});

describe("every real command definition", () => {
  const all: CommandDefinition[] = [...commands];
  it.each(all.map((c) => [c.name, c] as const))("/%s: every help example parses", (_name, def) => {
    for (const s of def.subcommands) {
      for (const example of s.examples) {
        const m = /^\/(\S+)\s*(.*)$/.exec(example);
        expect(m?.[1], example).toBe(def.name);
        const r = parseCommandText(def, m![2]!, { platform: "console", workspaceId: "console" });
        expect(r.ok ? r.value.sub.name : r.error, example).toBe(s.name);
      }
    }
  });
  it.each(all.map((c) => [c.name, c] as const))("/%s: its Discord registration is within Discord's published limits", (_name, def) => {
    expect(registrationProblems(discordCommand(def))).toEqual([]);
  });
  it("gives every command a Slack manifest entry within Slack's limits", () => {
    const entries = slackManifestCommands(all);
    expect(entries.map((e) => e.command)).toEqual(all.map((c) => `/${c.name}`));
    for (const e of entries) {
      expect(e.command.length).toBeLessThanOrEqual(SLACK_COMMAND_LIMITS.command);
      expect(e.description.length).toBeLessThanOrEqual(SLACK_COMMAND_LIMITS.description);
      expect(e.usage_hint.length).toBeLessThanOrEqual(SLACK_COMMAND_LIMITS.usage_hint);
    }
  });
  it("registers /constituency with subcommands, a user option and autocompleted constituencies", () => {
    const c = discordCommand(all.find((x) => x.name === "constituency")!);
    const add = c.options.find((o) => o.name === "add")!;
    expect(add).toMatchObject({ type: 1, options: expect.arrayContaining([{ type: 3, name: "name", description: expect.any(String), required: true, autocomplete: true }]) });
    expect(add.options!.filter((o) => o.type === 6).map((o) => o.name)).toEqual(expect.arrayContaining(["member_1", "member_10"]));
    expect([add.options![0]!.required, add.options!.at(-1)!.required]).toEqual([true, undefined]);
  });
  it("groups /caucus organiser add|remove as a Discord subcommand group", () => {
    const c = discordCommand(all.find((x) => x.name === "caucus")!);
    expect(c.options.find((o) => o.name === "organiser")).toMatchObject({ type: 2, options: [{ type: 1, name: "add" }, { type: 1, name: "remove" }] });
  });
  it("flags a payload Discord would refuse", () => {
    const bad = discordCommand(
      defineCommand({
        name: "Bad Name",
        description: "x".repeat(101),
        subcommands: [subcommand({ name: "", description: "d", options: [{ name: "a", type: "text", description: "a" }, { name: "b", type: "text", description: "b", required: true }], examples: [], answer: "private", run: noop })],
      }),
    );
    // The generator moves required options first, so only the name and description remain wrong.
    expect(registrationProblems(bad)).toEqual([
      '/Bad Name: name "Bad Name" must be 1–32 lowercase letters, digits, - or _',
      "/Bad Name: description must be 1–100 characters (101)",
    ]);
  });
  it("shows generated usage in /caucus help <command>", () => {
    const text = helpFor(all.find((x) => x.name === "constituency")!).join("\n");
    expect(text).toContain('/constituency add "<name>" <member> [<member> ...]');
    expect(text).toContain("/constituency demote");
  });
});

describe("two-phase acknowledgement", () => {
  const withForm = defineCommand({
    name: "ballot",
    description: "Vote.",
    subcommands: [
      subcommand({
        name: "",
        description: "Vote, or open the ballot form when no candidate is named.",
        options: [
          { name: "election", type: "election", description: "Which.", required: true },
          { name: "candidate", type: "candidate", description: "Your choices.", variadic: true },
        ],
        examples: ["/ballot E1 ana"],
        answer: "private",
        form: {
          when: (a) => a.candidate.length === 0,
          build: async () => ok({ formId: "ballot:E1", title: "Ballot", submitLabel: "Vote", fields: [], context: "E1" }),
        },
        run: noop,
      }),
    ],
  });
  // acknowledge never touches the store: a store that throws on any use proves it.
  const store = new Proxy({}, { get: () => { throw new Error("the database was touched"); } }) as Store;
  const bot = createBot({ store, commands: [...commands, withForm], log: silentLogger, random: (n) => new Uint8Array(n) });
  const event = (name: string, text: string) => ({ kind: "command" as const, actor: { platform: "slack", workspaceId: "T1", workspaceName: "W", userId: "U1", displayName: "ana", isPlatformAdmin: false }, channel: { platform: "slack", workspaceId: "T1", channelId: "C1" }, name, text });
  it("defers publicly for an answer the channel sees, privately otherwise, without the database", () => {
    expect(bot.acknowledge(event("constituency", "create Youth"))).toEqual({ kind: "defer", visibility: "public" });
    expect(bot.acknowledge(event("constituency", "list"))).toEqual({ kind: "defer", visibility: "private" });
    expect(bot.acknowledge(event("nosuch", ""))).toEqual({ kind: "defer", visibility: "private" });
  });
  it("defers privately when the text will be refused, even for a public subcommand", () => {
    expect(bot.acknowledge(event("constituency", "create"))).toEqual({ kind: "defer", visibility: "private" });
  });
  it("says a form comes first when the definition says so for these values", () => {
    expect(bot.acknowledge(event("ballot", "E1"))).toEqual({ kind: "form" });
    expect(bot.acknowledge(event("ballot", "E1 ana"))).toEqual({ kind: "defer", visibility: "private" });
  });
});

// The Discord application-command payloads, generated from the command definitions (PUT
// /applications/{id}/commands takes the array). Shapes follow Discord's API; limits are checked by
// `registrationProblems` so a definition that Discord would refuse fails the tests, not the deploy.
import type { CommandDefinition, OptionDef, SubcommandDef } from "../../src/commandDefinition.ts";
import { maxItemsOf } from "../../src/parseCommandInput.ts";

// Discord's ApplicationCommandOptionType.
const SUB_COMMAND = 1;
const SUB_COMMAND_GROUP = 2;
const STRING = 3;
const INTEGER = 4;
const BOOLEAN = 5;
const USER = 6;
const ROLE = 8;

export type DiscordOption = {
  type: number;
  name: string;
  description: string;
  required?: boolean;
  choices?: { name: string; value: string }[];
  min_value?: number;
  max_value?: number;
  max_length?: number;
  autocomplete?: boolean;
  options?: DiscordOption[];
};
export type DiscordCommand = { name: string; description: string; type: 1; options: DiscordOption[]; contexts: number[] };

export const DISCORD_LIMITS = { name: 32, description: 100, options: 25, choices: 25, choiceName: 100 } as const;
const AUTOCOMPLETED = new Set<OptionDef["type"]>(["candidate", "constituency", "election", "deadline", "zone"]);

function option(o: OptionDef, name = o.name, required = o.required === true): DiscordOption {
  const out: DiscordOption = { type: STRING, name, description: o.description };
  if (o.type === "integer") {
    out.type = INTEGER;
    if (o.min !== undefined) out.min_value = o.min;
    if (o.max !== undefined) out.max_value = o.max;
  } else if (o.type === "flag") out.type = BOOLEAN;
  else if (o.type === "member") out.type = USER;
  else if (o.type === "group") out.type = ROLE;
  else if (o.type === "choice") out.choices = o.choices.map((c) => ({ name: c.label ?? c.value, value: c.value }));
  else if (o.type === "text" && o.maxLength !== undefined) out.max_length = o.maxLength;
  if (AUTOCOMPLETED.has(o.type)) out.autocomplete = true;
  if (required) out.required = true;
  return out;
}

function options(sub: SubcommandDef): DiscordOption[] {
  const out = sub.options.flatMap((o) =>
    o.variadic ? Array.from({ length: maxItemsOf(o) }, (_, i) => option(o, `${o.name}_${i + 1}`, i === 0 && o.required === true)) : [option(o)],
  );
  // Discord refuses a required option after an optional one.
  return [...out.filter((o) => o.required), ...out.filter((o) => !o.required)];
}

export function discordCommand(def: CommandDefinition): DiscordCommand {
  const bare = def.subcommands.find((s) => s.name === "");
  // Guild-only (context 0): a command acts in a network, which a DM with the bot does not name.
  const base = { name: def.name, description: def.description, type: 1 as const, contexts: [0] };
  if (bare) return { ...base, options: options(bare) };
  const top: DiscordOption[] = [];
  for (const s of def.subcommands) {
    const [first, second] = s.name.split(" ");
    const sub: DiscordOption = { type: SUB_COMMAND, name: second ?? first!, description: s.description, options: options(s) };
    if (!second) {
      top.push(sub);
      continue;
    }
    let group = top.find((g) => g.type === SUB_COMMAND_GROUP && g.name === first);
    if (!group) top.push((group = { type: SUB_COMMAND_GROUP, name: first!, description: `${first} actions`, options: [] }));
    group.options!.push(sub);
  }
  return { ...base, options: top };
}

export const discordRegistration = (defs: readonly CommandDefinition[]): DiscordCommand[] => defs.map(discordCommand);

const NAME = /^[-_\p{Ll}\p{Lo}\p{N}]{1,32}$/u;

/** Everything Discord would refuse in a payload, as readable lines (empty when it is valid). */
export function registrationProblems(cmd: DiscordCommand): string[] {
  const problems: string[] = [];
  const check = (where: string, o: { name: string; description: string; options?: DiscordOption[]; choices?: unknown[] }) => {
    if (!NAME.test(o.name)) problems.push(`${where}: name "${o.name}" must be 1–32 lowercase letters, digits, - or _`);
    if (!o.description || [...o.description].length > DISCORD_LIMITS.description) problems.push(`${where}: description must be 1–100 characters (${[...o.description].length})`);
    if ((o.options?.length ?? 0) > DISCORD_LIMITS.options) problems.push(`${where}: ${o.options!.length} options, at most 25`);
    if ((o.choices?.length ?? 0) > DISCORD_LIMITS.choices) problems.push(`${where}: ${o.choices!.length} choices, at most 25`);
    const names = (o.options ?? []).map((x) => x.name);
    if (new Set(names).size !== names.length) problems.push(`${where}: option names repeat`);
    let optionalSeen = false;
    for (const x of o.options ?? []) {
      if (x.type === SUB_COMMAND || x.type === SUB_COMMAND_GROUP) check(`${where} ${x.name}`, x);
      else {
        if (x.required && optionalSeen) problems.push(`${where} ${x.name}: required option after an optional one`);
        if (!x.required) optionalSeen = true;
        if (x.autocomplete && x.choices) problems.push(`${where} ${x.name}: autocomplete and choices together`);
        check(`${where} ${x.name}`, x);
      }
    }
  };
  check(`/${cmd.name}`, cmd);
  return problems;
}

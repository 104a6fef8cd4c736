// Reads a command's input against its definition: free text (console, simulator, Slack) or the typed options a
// platform already split (Discord). Both paths check each value with the same per-type reader.
import type { CommandDefinition, OptionDef, SubcommandDef } from "./commandDefinition.ts";
import { usageOf } from "./commandHelp.ts";
import { parseGroupMention } from "./groupMention.ts";
import { parseMemberRef } from "./memberRef.ts";
import { parseDuration } from "./parseDuration.ts";
import { err, ok, type Result } from "./result.ts";
import { tokenizeWords, type Word } from "./tokenize.ts";
import { parseZone } from "./zoneName.ts";

/** Where mentions are read from: a mention means a user of the actor's own workspace. */
export type MentionScope = { platform: string; workspaceId: string };

export type ParsedCommand = { sub: SubcommandDef; args: Record<string, unknown> };

/** Structured input, as a platform with typed options delivers it (values are strings, numbers or booleans). */
export type OptionInput = { subcommand: string; values: Readonly<Record<string, string | number | boolean>> };

const DEFAULT_MAX_ITEMS = 10;
export const maxItemsOf = (o: OptionDef): number => o.maxItems ?? DEFAULT_MAX_ITEMS;

const phrase = (list: readonly string[]): string => (list.length <= 1 ? (list[0] ?? "") : `${list.slice(0, -1).join(", ")} or ${list.at(-1)}`);

/** Checks one value of an option, as typed or as a platform passed it. */
export function readOptionValue(o: OptionDef, raw: string | number | boolean, scope: MentionScope): Result<unknown> {
  if (o.type === "flag") return ok(raw === true || raw === "true" || raw === o.keyword);
  const text = String(raw).trim();
  switch (o.type) {
    case "member":
    case "candidate":
      if (!text) return err(`Name the ${o.name}.`);
      return ok(parseMemberRef(text, scope.platform, scope.workspaceId));
    case "group":
      if (!text) return err(`Name the ${o.name}.`);
      return parseGroupMention(text, scope);
    case "integer": {
      const n = typeof raw === "number" ? raw : /^[+-]?\d{1,15}$/.test(text) ? Number(text) : NaN;
      const min = o.min ?? Number.MIN_SAFE_INTEGER;
      const max = o.max ?? Number.MAX_SAFE_INTEGER;
      if (!Number.isInteger(n) || n < min || n > max) {
        const range = o.min !== undefined && o.max !== undefined ? ` from ${o.min} to ${o.max}` : o.min !== undefined ? ` of at least ${o.min}` : "";
        return err(`${o.name} must be a whole number${range}, not "${text}".`);
      }
      return ok(n);
    }
    case "choice": {
      const c = o.choices.find((x) => x.value.toLowerCase() === text.toLowerCase());
      return c ? ok(c.value) : err(`"${text}" is not a ${o.name}: use ${phrase(o.choices.map((x) => x.value))}.`);
    }
    case "zone":
      if (o.aoe && text.toLowerCase() === "aoe") return ok("AoE");
      return parseZone(text);
    case "date":
      // Shape only: whether the day exists (2026-02-30) is for the time parser, which knows the month.
      return /^\d{4}-\d{2}-\d{2}$/.test(text) ? ok(text) : err(`"${text}" is not a date: write YYYY-MM-DD, e.g. 2026-05-01.`);
    case "time":
      return /^\d{1,2}:\d{2}/.test(text) ? ok(text) : err(`"${text}" is not a time: write HH:mm on a 24-hour clock, e.g. 09:00 or 17:30.`);
    case "duration":
      return parseDuration(text);
    case "text":
      if (!text) return err(`The ${o.name} is empty.`);
      if (o.maxLength !== undefined && [...text].length > o.maxLength) return err(`The ${o.name} is ${[...text].length} characters; keep it to ${o.maxLength}.`);
      return ok(text);
    case "constituency":
    case "election":
    case "deadline":
      return text ? ok(text) : err(`Name the ${o.name}.`);
  }
}

/** Finds the subcommand the leading words name (longest match), or the command's own when it has no subcommands. */
function pickSubcommand(def: CommandDefinition, words: Word[]): Result<{ sub: SubcommandDef; rest: Word[] }> {
  const bare = def.subcommands.find((s) => s.name === "");
  const lead = words.map((w) => (w.quoted ? null : w.text.toLowerCase()));
  let best: { sub: SubcommandDef; n: number } | null = null;
  for (const s of def.subcommands) {
    if (!s.name) continue;
    const parts = s.name.split(" ");
    if (parts.every((p, i) => lead[i] === p) && (!best || parts.length > best.n)) best = { sub: s, n: parts.length };
  }
  if (best) return ok({ sub: best.sub, rest: words.slice(best.n) });
  if (bare) return ok({ sub: bare, rest: words });
  if (!words.length && def.defaultSubcommand) {
    const d = def.subcommands.find((s) => s.name === def.defaultSubcommand);
    if (d) return ok({ sub: d, rest: [] });
  }
  // A group named right but its action not: list that group's actions.
  const group = lead[0] ? def.subcommands.filter((s) => s.name.startsWith(`${lead[0]} `)) : [];
  if (group.length) {
    const actions = group.map((s) => s.name.split(" ")[1]!);
    return err(`${lead[1] ? `"${words[1]!.text}" is not a /${def.name} ${lead[0]} action.` : "Say what to do."} Usage: /${def.name} ${lead[0]} ${actions.join("|")} … (/caucus help ${def.name} explains each).`);
  }
  const names = [...new Set(def.subcommands.map((s) => s.name.split(" ")[0]!))];
  if (!words.length) return err(`Say what to do: /${def.name} ${names.join("|")}. /caucus help ${def.name} explains each.`);
  return err(`"${words[0]!.text}" is not a /${def.name} action. Try ${phrase(names)} (/caucus help ${def.name} explains each).`);
}

const describeNeed = (group: OptionDef[]): string => {
  if (group.length === 2 && group[0]!.type === "date" && group[1]!.type === "time") return "a date and a time (YYYY-MM-DD HH:mm)";
  return group.length > 1 ? `${group.length} values` : "a value";
};

/** Parses command text against a definition; every refusal says what was wrong and shows the usage. */
export function parseCommandText(def: CommandDefinition, text: string, scope: MentionScope): Result<ParsedCommand> {
  const tokens = tokenizeWords(text);
  if (!tokens.ok) return tokens;
  const picked = pickSubcommand(def, tokens.value);
  if (!picked.ok) return picked;
  const { sub, rest } = picked.value;
  const usage = `Usage: ${usageOf(def, sub)}`;
  const keywords = new Map<string, OptionDef[]>();
  for (const o of sub.options) if (o.keyword) keywords.set(o.keyword.toLowerCase(), [...(keywords.get(o.keyword.toLowerCase()) ?? []), o]);
  const isKeyword = (w: Word | undefined) => w !== undefined && !w.quoted && keywords.has(w.text.toLowerCase());
  const positional = sub.options.filter((o) => !o.keyword);
  const raw = new Map<OptionDef, string[]>();
  /** Positional text values typed as one bare word: if the next value is refused, the text probably needed quotes. */
  const bare = new Set<OptionDef>();
  const seen = new Set<string>();
  let next = 0;
  for (let i = 0; i < rest.length; ) {
    const w = rest[i]!;
    if (isKeyword(w)) {
      const key = w.text.toLowerCase();
      if (seen.has(key)) return err(`"${key}" is given twice: say it once.`);
      seen.add(key);
      const group = keywords.get(key)!;
      i++;
      for (const o of group) {
        if (o.type === "flag") {
          raw.set(o, [key]);
          continue;
        }
        const taken: string[] = [];
        if (o.greedy || o.variadic) while (i < rest.length && !isKeyword(rest[i])) taken.push(rest[i++]!.text);
        else if (i < rest.length && !isKeyword(rest[i])) taken.push(rest[i++]!.text);
        if (!taken.length) return err(`"${key}" needs ${describeNeed(group)}. ${usage}`);
        raw.set(o, taken);
      }
      continue;
    }
    const o = positional[next++];
    if (!o) return err(`"${w.text}" is not understood here. ${usage}`);
    const taken: string[] = [w.text];
    i++;
    if (o.greedy || o.variadic) while (i < rest.length && !isKeyword(rest[i])) taken.push(rest[i++]!.text);
    raw.set(o, taken);
    if (o.type === "text" && !o.greedy && !o.variadic && !w.quoted) bare.add(o);
  }
  const args: Record<string, unknown> = {};
  for (const o of sub.options) {
    const words = raw.get(o);
    if (!words) {
      if (o.required) {
        const name = o.keyword ? `"${o.keyword}"` : (o.placeholder ?? o.name);
        return err(`Missing ${name}${o.keyword ? "" : ` (${o.description.replace(/\.$/, "")})`}. ${usage}`);
      }
      args[o.name] = o.type === "flag" ? false : o.variadic ? [] : undefined;
      continue;
    }
    if (o.variadic) {
      if (words.length > maxItemsOf(o)) return err(`At most ${maxItemsOf(o)} ${o.name}s at a time. ${usage}`);
      const values: unknown[] = [];
      for (const word of words) {
        const v = readOptionValue(o, word, scope);
        if (!v.ok) return v;
        values.push(v.value);
      }
      args[o.name] = values;
      continue;
    }
    const v = readOptionValue(o, o.greedy ? words.join(" ") : words[0]!, scope);
    if (!v.ok) {
      const before = o.keyword ? undefined : positional[positional.indexOf(o) - 1];
      if (before && bare.has(before)) return err(`${v.error} (Is the ${before.name} in quotes? "${raw.get(before)![0]} ${words[0]}"…)`);
      return v;
    }
    args[o.name] = v.value;
  }
  return ok({ sub, args });
}

/** Reads typed options (Discord), with the same checks as text; variadic options arrive as `<name>_1`, `<name>_2`… */
export function parseCommandOptions(def: CommandDefinition, input: OptionInput, scope: MentionScope): Result<ParsedCommand> {
  const sub = def.subcommands.find((s) => s.name === input.subcommand.trim().toLowerCase());
  if (!sub) return err(`"${input.subcommand}" is not a /${def.name} action. /caucus help ${def.name} lists them.`);
  const args: Record<string, unknown> = {};
  for (const o of sub.options) {
    if (o.variadic) {
      const values: unknown[] = [];
      for (let i = 1; i <= maxItemsOf(o); i++) {
        const r = input.values[`${o.name}_${i}`];
        if (r === undefined || r === "") continue;
        const v = readOptionValue(o, r, scope);
        if (!v.ok) return v;
        values.push(v.value);
      }
      if (o.required && !values.length) return err(`Give at least one ${o.name}.`);
      args[o.name] = values;
      continue;
    }
    const r = input.values[o.name];
    if (r === undefined || r === "") {
      if (o.required) return err(`Missing ${o.name}: ${o.description}`);
      args[o.name] = o.type === "flag" ? false : undefined;
      continue;
    }
    const v = readOptionValue(o, r, scope);
    if (!v.ok) return v;
    args[o.name] = v.value;
  }
  return ok({ sub, args });
}

/** Which subcommand a text names, without checking its values: enough to decide how to acknowledge. */
export function subcommandNamed(def: CommandDefinition, text: string): SubcommandDef | null {
  const tokens = tokenizeWords(text);
  if (!tokens.ok) return null;
  const picked = pickSubcommand(def, tokens.value);
  return picked.ok ? picked.value.sub : null;
}

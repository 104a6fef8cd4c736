// Help text, generated from the command definitions: usage lines cannot drift from the grammar.
import type { CommandDefinition, OptionDef, SubcommandDef } from "./commandDefinition.ts";

function placeholderOf(o: OptionDef, hasKeywords: boolean): string {
  if (o.type === "choice" && !o.placeholder) return `<${o.choices.map((c) => c.value).join("|")}>`;
  const inner = o.placeholder ?? (o.type === "date" ? "YYYY-MM-DD" : o.type === "time" ? "HH:mm" : o.type === "zone" ? "zone" : o.name);
  const base = `<${inner}>`;
  // A name with spaces must be quoted where the next word could be read as part of it, or as a keyword.
  const quoted = (!o.greedy || hasKeywords) && !o.keyword && (o.type === "text" || o.type === "constituency") ? `"${base}"` : base;
  return o.type === "zone" && o.aoe ? `${quoted}|AoE` : quoted;
}

function optionUsage(group: OptionDef[], hasKeywords: boolean): string {
  const first = group[0]!;
  if (first.type === "flag") return `[${first.keyword}]`;
  const values = group.map((o) => (o.variadic ? `${placeholderOf(o, hasKeywords)} [${placeholderOf(o, hasKeywords)} ...]` : placeholderOf(o, hasKeywords))).join(" ");
  const body = first.keyword ? `${first.keyword} ${values}` : values;
  return first.required ? body : `[${body}]`;
}

/** `/deadline add "<title>" <YYYY-MM-DD> <HH:mm> [<zone>|AoE] [for <constituency>] …` */
export function usageOf(def: CommandDefinition, sub: SubcommandDef): string {
  const parts = [`/${def.name}${sub.name ? ` ${sub.name}` : ""}`];
  const done = new Set<string>();
  const hasKeywords = sub.options.some((o) => o.keyword);
  for (const o of sub.options) {
    if (o.keyword) {
      if (done.has(o.keyword)) continue;
      done.add(o.keyword);
      parts.push(optionUsage(sub.options.filter((x) => x.keyword === o.keyword), hasKeywords));
    } else parts.push(optionUsage([o], hasKeywords));
  }
  return parts.join(" ");
}

/** Every command with its forms and one example each. */
export function helpOverview(defs: readonly CommandDefinition[]): string[] {
  const lines = ["Caucus commands (type /caucus help <command> for details):"];
  for (const d of defs) {
    lines.push(`/${d.name}: ${d.description}`);
    for (const s of d.subcommands) lines.push(`    ${usageOf(d, s)}    e.g. ${s.examples[0] ?? usageOf(d, s)}`);
  }
  return lines;
}

/** One command in detail: each form, what it does, its examples. */
export function helpFor(def: CommandDefinition): string[] {
  const lines = [`/${def.name}: ${def.description}`];
  for (const s of def.subcommands) {
    lines.push(usageOf(def, s), `    ${s.description}`);
    for (const e of s.examples) lines.push(`    Example: ${e}`);
  }
  return lines;
}

import type { Command } from "./command.ts";
import { subcommand, type CommandDefinition } from "./commandDefinition.ts";

/** Wraps a command that still parses its own words, so the router treats every command alike while the
 *  remaining ones are ported to typed definitions. */
export function legacyDefinition(cmd: Command): CommandDefinition {
  const args = { name: "args", type: "text", description: "the command's words", variadic: true, maxItems: 1000 } as const;
  return {
    name: cmd.name,
    description: cmd.summary,
    subcommands: (cmd.help.length ? cmd.help : [{ usage: `/${cmd.name}`, summary: cmd.summary, example: `/${cmd.name}` }]).map((h) =>
      subcommand({
      name: "",
      description: h.summary,
      usage: h.usage,
      examples: [h.example],
      options: [args],
      answer: "private" as const,
      run: (ctx, parsed) => cmd.run(ctx, parsed.args),
    })),
    ...(cmd.onAction ? { onAction: cmd.onAction.bind(cmd) } : {}),
    ...(cmd.onForm ? { onForm: cmd.onForm.bind(cmd) } : {}),
  };
}

// The slash-command part of the Slack app manifest, generated from the command definitions.
import type { CommandDefinition } from "../../src/commandDefinition.ts";

export type SlackManifestCommand = { command: string; description: string; usage_hint: string; should_escape: boolean; url?: string };

/** Slack's manifest limits for a slash command. */
export const SLACK_COMMAND_LIMITS = { command: 32, description: 2000, usage_hint: 1000 } as const;

export function slackManifestCommands(defs: readonly CommandDefinition[], requestUrl?: string): SlackManifestCommand[] {
  return defs.map((d) => {
    const names = [...new Set(d.subcommands.map((s) => s.name.split(" ")[0]!).filter(Boolean))];
    const bare = d.subcommands.find((s) => s.name === "");
    const hint = names.length ? `${names.join(" | ")}   (/caucus help ${d.name})` : (bare?.examples[0]?.replace(`/${d.name}`, "").trim() ?? "");
    // should_escape: Slack then sends mentions as <@U123|name>, which the member option reads as an id.
    return { command: `/${d.name}`, description: d.description, usage_hint: hint.slice(0, SLACK_COMMAND_LIMITS.usage_hint), should_escape: true, ...(requestUrl ? { url: requestUrl } : {}) };
  });
}

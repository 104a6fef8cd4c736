// One typed definition per slash command. From it come the text parser (console, simulator, Slack), the
// structured-option reader (Discord), the help, the Discord registration payload, the Slack manifest entry
// and autocomplete: nothing about a command's grammar is written twice.
import type { CommandContext } from "./command.ts";
import type { FormValue } from "./event.ts";
import type { Form, Send } from "./message.ts";
import type { GroupMention } from "./groupMention.ts";
import type { MemberRef } from "./store.ts";
import type { Result } from "./result.ts";

/** What an option holds. Every type but `integer`, `duration` (ms), `flag` and the member types is a checked string. */
export type OptionType =
  | "member"
  /** A platform group: a Slack user group, a Discord role (see src/groupMention.ts). */
  | "group"
  /** A candidate of the election named by the same subcommand's `election` option (Discord: autocompleted text). */
  | "candidate"
  | "constituency"
  | "election"
  | "deadline"
  | "zone"
  | "date"
  | "time"
  | "duration"
  | "integer"
  | "choice"
  | "text"
  /** Present or absent: a bare keyword in text (`open`), a boolean on Discord. */
  | "flag";

type OptionCommon = {
  /** Discord option name: 1–32 lowercase letters, digits, `-` or `_`. */
  readonly name: string;
  /** One line, at most 100 characters (Discord's limit). */
  readonly description: string;
  readonly required?: boolean;
  /** In text, the option follows this word (`for Youth`, `seats 2`). Options sharing a keyword take the words
   *  after it in order (`nominations 2026-05-01 12:00`). Options without one are positional, in order. */
  readonly keyword?: string;
  /** In text, takes every word up to the next keyword, so names need no quotes (`for Trade unions`). */
  readonly greedy?: boolean;
  /** Takes every remaining positional word (`@ana @luis`); Discord gets `<name>_1` … `<name>_<maxItems>`. */
  readonly variadic?: boolean;
  readonly maxItems?: number;
  /** How the option is written in usage lines; defaults to its name (dates and times to their format). */
  readonly placeholder?: string;
};

export type OptionDef =
  | (OptionCommon & { readonly type: "integer"; readonly min?: number; readonly max?: number })
  | (OptionCommon & { readonly type: "choice"; readonly choices: readonly { readonly value: string; readonly label?: string }[] })
  | (OptionCommon & { readonly type: "text"; readonly maxLength?: number })
  /** `aoe`: also accepts AoE (Anywhere on Earth, UTC-12), the way calls for proposals often state deadlines. */
  | (OptionCommon & { readonly type: "zone"; readonly aoe?: boolean })
  | (OptionCommon & { readonly type: "member" | "group" | "candidate" | "constituency" | "election" | "deadline" | "date" | "time" | "duration" | "flag" });

type ScalarOf<O extends OptionDef> = O["type"] extends "integer" | "duration"
  ? number
  : O["type"] extends "flag"
    ? boolean
    : O["type"] extends "member" | "candidate"
      ? MemberRef
      : O["type"] extends "group"
        ? GroupMention
        : O extends { readonly type: "choice"; readonly choices: readonly { readonly value: infer V }[] }
          ? V
          : string;

type ValueOf<O extends OptionDef> = O extends { readonly variadic: true }
  ? ScalarOf<O>[]
  : O["type"] extends "flag"
    ? boolean
    : O extends { readonly required: true }
      ? ScalarOf<O>
      : ScalarOf<O> | undefined;

/** The parsed values a handler receives, typed from its option list. */
export type ArgsOf<Os extends readonly OptionDef[]> = { [O in Os[number] as O["name"]]: ValueOf<O> };

export type SubcommandDef<Os extends readonly OptionDef[] = readonly OptionDef[]> = {
  /** The words after the command name (`add`, `organiser add`); empty for a command without subcommands. */
  readonly name: string;
  /** One line, at most 100 characters: shown in help and in Discord's command picker. */
  readonly description: string;
  readonly options: Os;
  /** Full command lines; the first is shown in the overview. Every one must parse (a test checks). */
  readonly examples: readonly string[];
  /** How the adapter acknowledges before the work is done: an ephemeral or a channel-visible answer. */
  readonly answer: "private" | "public";
  /** Opens a form as its first response when `when` holds for the parsed values: decided without the
   *  database, because a modal must be the first answer (Slack trigger_id, Discord showModal). `build` may read. */
  readonly form?: {
    when(args: ArgsOf<Os>): boolean;
    build(ctx: CommandContext, args: ArgsOf<Os>): Promise<Result<Form>>;
  };
  // Method syntax on purpose: each subcommand's handler takes its own typed args.
  run(ctx: CommandContext, args: ArgsOf<Os>): Promise<Result<Send[]>>;
};

export type CommandDefinition = {
  /** Without the slash: 1–32 lowercase letters. */
  readonly name: string;
  /** One line, at most 100 characters. */
  readonly description: string;
  readonly subcommands: readonly SubcommandDef[];
  /** Run when the text names no subcommand (`/caucus` → help). Without it, the member is told the choices. */
  readonly defaultSubcommand?: string;
  /** Buttons and selects whose actionId starts with `<name>:` come here. */
  onAction?(ctx: CommandContext, actionId: string, value: string): Promise<Result<Send[]>>;
  /** Forms whose formId starts with `<name>:` come here. */
  onForm?(ctx: CommandContext, formId: string, context: string, values: Record<string, FormValue>): Promise<Result<Send[]>>;
};

/** Keeps each subcommand's option list as literal types, so its handler's args are typed. */
export function subcommand<const Os extends readonly OptionDef[]>(def: SubcommandDef<Os>): SubcommandDef {
  return def as unknown as SubcommandDef;
}

export function defineCommand(def: CommandDefinition): CommandDefinition {
  return def;
}

import { DateTime } from "luxon";
import { parseDuration } from "../../src/parseDuration.ts";
import { err, ok, type Result } from "../../src/result.ts";

/** Which platform account a scenario actor is: `ana@discord:youth-server` (`ana@discord` is workspace
 *  "discord"); a bare name is a console member, as before. */
export type ScenarioAccount = { platform: string; workspace: string };

export type ScenarioStep =
  | { kind: "clock"; line: number; at: Date }
  | { kind: "command"; line: number; member: string; account?: ScenarioAccount; name: string; text: string }
  | { kind: "organiser"; line: number; member: string; account?: ScenarioAccount }
  | { kind: "advance"; line: number; ms: number }
  /** The bot is down for a while: nothing fires until it comes back, then it catches up. */
  | { kind: "offline"; line: number; ms: number };

const NAME = "[\\p{L}\\p{N}_.-]+";
const PLATFORM = "[a-z][a-z0-9]*";
/** `name`, or `name@platform`, or `name@platform:workspace`. */
const ACTOR = `(${NAME})(?:@(${PLATFORM})(?::(${NAME}))?)?`;
const accountOf = (platform: string | undefined, workspace: string | undefined): { account?: ScenarioAccount } =>
  platform && platform !== "console" ? { account: { platform, workspace: workspace ?? platform } } : {};
const MAX_STEP_DAYS = 36_500;
const MAX_STEP_MS = MAX_STEP_DAYS * 86_400_000;

/** Drops a trailing `# comment`: a # at the start or after white space, outside quotes. */
function stripComment(raw: string): string {
  let quote: string | null = null;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i]!;
    if (quote) {
      if (ch === quote || (quote === "“" && ch === "”")) quote = null;
    } else if (ch === '"' || ch === "“") quote = ch;
    else if (ch === "#" && (i === 0 || /\s/.test(raw[i - 1]!))) return raw.slice(0, i);
  }
  return raw;
}

/** Parses a scenario file; the first malformed line stops it with its number and the reason. */
export function parseScenario(source: string): Result<ScenarioStep[]> {
  const steps: ScenarioStep[] = [];
  const lines = source.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const n = i + 1;
    const text = stripComment(lines[i]!).trim();
    if (!text) continue;
    const fail = (why: string) => err(`line ${n}: ${why}`);
    const first = steps.length === 0;

    if (/^clock\b/.test(text) && !/^clock\s+\S+$/.test(text)) return fail(`write the clock as one UTC instant, like clock 2026-04-01T08:00:00Z (no spaces inside).`);
    const clock = /^clock\s+(\S+)$/.exec(text);
    if (clock) {
      if (!first) return fail("`clock` may appear only once, as the first line; use `advance <duration>` to move time.");
      const dt = DateTime.fromISO(clock[1]!, { setZone: true });
      if (!dt.isValid || !/(Z|[+-]\d\d:?\d\d)$/.test(clock[1]!)) {
        return fail(`"${clock[1]}" is not a UTC instant: write it like 2026-04-01T08:00:00Z.`);
      }
      steps.push({ kind: "clock", line: n, at: dt.toJSDate() });
      continue;
    }
    if (first) return fail("a scenario must start with `clock <instant>`, e.g. clock 2026-04-01T08:00:00Z.");

    const command = new RegExp(`^${ACTOR}\\s*:\\s*(.*)$`, "u").exec(text);
    if (command) {
      const who = command[1]! + (command[2] ? `@${command[2]}${command[3] ? `:${command[3]}` : ""}` : "");
      const cmd = /^\/(\S+)(?:\s+(.*))?$/s.exec(command[4]!.trim());
      if (!cmd) return fail(`after "${who}:" write a slash command, e.g. ${who}: /timezone Europe/Paris.`);
      steps.push({ kind: "command", line: n, member: command[1]!, ...accountOf(command[2], command[3]), name: cmd[1]!, text: cmd[2] ?? "" });
      continue;
    }
    const organiser = new RegExp(`^organiser\\s+${ACTOR}$`, "u").exec(text);
    if (organiser) {
      steps.push({ kind: "organiser", line: n, member: organiser[1]!, ...accountOf(organiser[2], organiser[3]) });
      continue;
    }
    const advance = /^(advance|offline)\s+(\S+)$/.exec(text);
    if (advance) {
      const d = parseDuration(advance[2]!);
      if (!d.ok) return fail(d.error);
      if (d.value > MAX_STEP_MS) return fail(`"${advance[2]}" is longer than ${MAX_STEP_DAYS} days; a scenario moves the clock in smaller steps.`);
      steps.push({ kind: advance[1] as "advance" | "offline", line: n, ms: d.value });
      continue;
    }
    const word = text.split(/\s+/)[0];
    return fail(
      `cannot read "${text.slice(0, 60)}": expected \`clock <instant>\`, \`<member>: /<command> ...\` (a member may be \`name@platform:workspace\`), \`organiser <member>\`, \`advance <duration>\` or \`offline <duration>\`` +
        (word === "advance" || word === "offline" || word === "organiser" || word === "clock"? ` (check the arguments of ${word})` : "") +
        ".",
    );
  }
  if (steps.length === 0) return err("line 1: the scenario is empty; start it with `clock <instant>`.");
  return ok(steps);
}

import type { Method } from "./method.ts";
import type { Action, ElectReason, ExcludeReason, Round, TallyResult } from "./tallyResult.ts";
import { assertNever } from "../assertNever.ts";

/**
 * A count as a person reads it, round by round, the way RCTab's summary lays it out: each candidate's votes
 * at the end of the round, what the round transferred to or from them, the votes exhausted, and who was
 * elected or excluded and why. Every figure is the result's own decimal string; transfers are exact
 * differences of them.
 */
export function tallyReport(result: TallyResult): string {
  const out: string[] = [];
  out.push(result.title === undefined ? methodName(result.method) : `${methodName(result.method)}: ${printable(result.title)}`);
  const facts = [`${result.seats} ${result.seats === 1 ? "seat" : "seats"}`, `${result.candidates.length} candidates`, `valid votes ${result.validVotes}`];
  if (result.quota !== undefined) facts.push(`quota ${result.quota}`);
  if (result.withdrawn.length > 0) facts.push(`withdrawn ${result.withdrawn.map(printable).join(", ")}`);
  facts.push(result.tieBreakSeed === "" ? "no tie-break seed" : `tie-break seed "${printable(result.tieBreakSeed)}"`);
  out.push(facts.join(" · "));
  out.push(`Elected: ${result.elected.length > 0 ? result.elected.map(printable).join(", ") : "nobody"}`);

  let previous: Round | undefined;
  for (const round of result.rounds) {
    out.push("", roundHeading(round), ...roundTable(result.method, round, previous), ...roundEvents(round));
    previous = round;
  }
  if (result.pairwise) out.push("", ...pairwiseTable(result.candidates, result.pairwise));
  if (result.notes.length > 0) out.push("", ...result.notes);
  return `${out.join("\n")}\n`;
}

function methodName(method: Method): string {
  switch (method) {
    case "scottish-stv":
      return "Scottish STV";
    case "meek":
      return "Meek STV";
    case "irv":
      return "Instant runoff";
    case "approval":
      return "Approval";
    case "schulze":
      return "Schulze";
    default:
      return assertNever(method, "method");
  }
}

function roundHeading(round: Round): string {
  const parts = [`Round ${round.round}`];
  if (round.quota !== undefined) parts.push(`quota ${round.quota}`);
  if (round.surplus !== undefined) parts.push(`surplus ${round.surplus}${round.iterations !== undefined ? ` after ${round.iterations} ${round.iterations === 1 ? "iteration" : "iterations"}` : ""}`);
  return parts.join("   ");
}

function roundTable(method: Method, round: Round, previous: Round | undefined): string[] {
  const decidedNow = new Map<string, Decision>();
  for (const a of round.actions) if (a.type !== "surplus-transferred") decidedNow.set(a.candidate, a);
  const votesLabel = method === "schulze" ? "Beats" : method === "approval" ? "Approvals" : "Votes";
  // The first round transfers nothing: it counts first preferences.
  const transfer = (now: string, before: string | undefined): string[] => (previous === undefined ? [] : [before === undefined ? "" : difference(now, before)]);
  const withKeep = round.votes.some((v) => v.keepFactor !== undefined);
  const rows: string[][] = round.votes.map((v, c) => {
    const decided = decidedNow.get(v.name);
    const status = decided ? actionStatus(decided) : v.state === "hopeful" ? "" : v.state;
    return [printable(v.name), v.votes, ...transfer(v.votes, previous?.votes[c]?.votes), ...(withKeep ? [v.keepFactor ?? ""] : []), status];
  });
  if (round.nonTransferable !== undefined) {
    rows.push(["Exhausted", round.nonTransferable, ...transfer(round.nonTransferable, previous?.nonTransferable), ...(withKeep ? [""] : []), ""]);
  }
  const header = ["Candidate", votesLabel, ...(previous === undefined ? [] : ["Transfer"]), ...(withKeep ? ["Keep factor"] : []), "Status"];
  return table(header, rows, (col) => col > 0 && col < header.length - 1);
}

type Decision = Exclude<Action, { type: "surplus-transferred" }>;

function actionStatus(action: Decision): string {
  switch (action.type) {
    case "elected":
      return `ELECTED (${electReason(action.reason)})`;
    case "excluded":
      return `excluded (${excludeReason(action.reason)})`;
    default:
      return assertNever(action, "action");
  }
}

function electReason(reason: ElectReason): string {
  switch (reason) {
    case "quota":
      return "reached the quota";
    case "majority":
      return "majority of continuing votes";
    case "remaining-seats":
      return "as many left as seats";
    case "most-approvals":
      return "most approvals";
    case "schulze-winner":
      return "Schulze winner";
    default:
      return assertNever(reason, "elect reason");
  }
}

function excludeReason(reason: ExcludeReason): string {
  switch (reason) {
    case "lowest-vote":
      return "fewest votes";
    case "seats-filled":
      return "every seat filled";
    default:
      return assertNever(reason, "exclude reason");
  }
}

function roundEvents(round: Round): string[] {
  const lines: string[] = [];
  for (const a of round.actions) if (a.type === "surplus-transferred") lines.push(`  Surplus of ${printable(a.candidate)} (${a.surplus}) transferred`);
  // The engine explains each tie in words (which round decided it, or the draw and its seed).
  for (const t of round.tieBreaks ?? []) lines.push(`  Tie: ${printable(t.reason)}`);
  return lines;
}

function pairwiseTable(names: readonly string[], pairwise: readonly (readonly number[])[]): string[] {
  const header = ["Preferred over →", ...names.map(printable)];
  const rows = names.map((name, i) => [printable(name), ...names.map((_, j) => (i === j ? "-" : String(pairwise[i]?.[j] ?? 0)))]);
  return ["Pairwise: ballots ranking the row's candidate above the column's", ...table(header, rows, (col) => col > 0)];
}

/** Columns padded to their widest cell; numbers right-aligned. */
function table(header: string[], rows: string[][], numeric: (col: number) => boolean): string[] {
  const widths = header.map((h, col) => Math.max(h.length, ...rows.map((r) => (r[col] ?? "").length)));
  const line = (cells: string[]) =>
    `  ${cells
      .map((cell, col) => (numeric(col) ? cell.padStart(widths[col]!) : cell.padEnd(widths[col]!)))
      .join("   ")
      .trimEnd()}`;
  return [line(header), ...rows.map(line)];
}

/** `a - b` for two decimal strings such as "3.99996" and "4", exactly, with a sign unless zero. */
export function difference(a: string, b: string): string {
  const scale = Math.max(decimals(a), decimals(b));
  const d = units(a, scale) - units(b, scale);
  const abs = d < 0n ? -d : d;
  const digits = abs.toString().padStart(scale + 1, "0");
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return d > 0n ? `+${text}` : d < 0n ? `-${text}` : text;
}

const decimals = (s: string): number => {
  const dot = s.indexOf(".");
  return dot < 0 ? 0 : s.length - dot - 1;
};

function units(s: string, scale: number): bigint {
  const negative = s.startsWith("-");
  const [whole = "0", fraction = ""] = (negative ? s.slice(1) : s).split(".");
  const v = BigInt(whole + fraction.padEnd(scale, "0"));
  return negative ? -v : v;
}

/** Names may hold line breaks (BLT's escapes allow any text); a table shows them escaped. */
const printable = (s: string): string => (/[\u0000-\u001f\u007f]/.test(s) ? JSON.stringify(s).slice(1, -1) : s);

// What the election operations share: the audit log append, the declared rules,
// who stands, candidate names, and how rules and results read. The clock and randomness are arguments.
import { localInstant as local } from "../message.ts";
import type { Card, Inline } from "../message.ts";
import type { Store } from "../store.ts";
import type { TallyResult } from "../tally/tallyResult.ts";
import { nextEntry, sha256, type LogEntry } from "./auditChain.ts";
import { ELECTION_METHODS, TIE_BREAK_RULE } from "./electionMethod.ts";
import type { ElectionRules, FrozenCandidate } from "./electionRules.ts";
import { cleanDisplayName } from "../cleanText.ts";
import { looksAlike } from "../looksAlike.ts";
import type { Election } from "./electionStore.ts";
import { uniqueBallotsLine } from "./uniqueBallots.ts";
import { BALLOTS_PUBLISHED, WHO_SEES_WHAT } from "./whoSeesWhat.ts";

export const electionLabel = (e: { number: number }) => `E${e.number}`;

/** Appends one event to the election's audit log (under the election's row lock, so the chain never forks). */
export async function logEvent(store: Store, e: Election, kind: string, at: Date, payload: Record<string, unknown>): Promise<LogEntry> {
  await store.elections.lock(e.id);
  const entry = nextEntry(await store.elections.lastLog(e.id), kind, at, payload);
  await store.elections.appendLog(e.id, entry);
  return entry;
}

/** The line each phase post carries, so a log rewritten or emptied later no longer matches what members saw. */
export const headLine = (entry: LogEntry): string => `Audit log head after entry ${entry.seq} (${entry.kind}): ${entry.hash}. /election audit prints the hash it expects here.`;

export function declaredRules(e: Election): ElectionRules {
  return {
    method: e.method,
    methodRule: ELECTION_METHODS[e.method].rule,
    seats: e.seats,
    endorsementsNeeded: e.endorsementsNeeded,
    whoMayNominate: "any member on the constituency's roster, for themselves or another roster member",
    whoMayStand: `roster members who accept their nomination${e.endorsementsNeeded ? ` and are endorsed by at least ${e.endorsementsNeeded} other member${e.endorsementsNeeded === 1 ? "" : "s"}` : ""}`,
    whoMayVote: "the constituency's roster as it stands when nominations close (the roll), one ballot each",
    nominationsCloseAt: e.nominationsCloseAt.toISOString(),
    votingCloseAt: e.votingCloseAt.toISOString(),
    tieBreak: TIE_BREAK_RULE,
    whoSeesWhat: WHO_SEES_WHAT,
    ballotsPublished: BALLOTS_PUBLISHED,
  };
}

export function rulesText(e: Election, rules: ElectionRules): Inline[][] {
  return [
    [`Method: ${rules.methodRule}`],
    [`Seats: ${rules.seats}. Who may nominate: ${rules.whoMayNominate}. Who may stand: ${rules.whoMayStand}. Who may vote: ${rules.whoMayVote}.`],
    ["Nominations close ", local(e.nominationsCloseAt, e.zone), "; voting closes ", local(e.votingCloseAt, e.zone), "."],
    [`Ties: ${rules.tieBreak}`],
    ...(rules.whoSeesWhat ? [[rules.whoSeesWhat]] : []),
    ...(rules.ballotsPublished ? [[rules.ballotsPublished]] : []),
  ];
}

/** Accepted nominees still on the roster, endorsed by enough distinct members still on it: who stands. */
export async function standingCandidates(store: Store, e: Election, rosterIds: ReadonlySet<string>): Promise<string[]> {
  const nominations = await store.elections.nominations(e.id);
  const endorsements = (await store.elections.endorsements(e.id)).filter((x) => rosterIds.has(x.endorserId));
  return nominations
    .filter((n) => n.status === "accepted" && rosterIds.has(n.memberId))
    .filter((n) => new Set(endorsements.filter((x) => x.candidateId === n.memberId).map((x) => x.endorserId)).size >= e.endorsementsNeeded)
    .map((n) => n.memberId);
}

/** Display names for members as they are now (nominees, before anything is frozen), made unique for a list. A
 *  name that is empty once trimmed (platforms allow it) reads "unnamed candidate". */
export async function currentNames(store: Store, ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const id of ids) {
    const base = (await store.getMember(id))?.displayName.trim() || "unnamed candidate";
    let name = base;
    for (let i = 2; used.has(name); i++) name = `${base} (${i})`;
    used.add(name);
    out.set(id, name);
  }
  return out;
}

/**
 * Freezes the standing candidates' names, in ballot order, when voting opens. Names that look alike (the same
 * UTS #39 skeleton: "ana" and "аna" with a Cyrillic а, or two "ana"s) are all numbered, "ana (1)", "аna (2)", so
 * no ballot name can pass for another and nobody gets the plain name by being nominated first.
 */
export async function freezeCandidates(store: Store, ids: readonly string[]): Promise<FrozenCandidate[]> {
  const shown = await Promise.all(ids.map(async (id) => cleanDisplayName((await store.getMember(id))?.displayName ?? "", "unnamed candidate")));
  const used: string[] = [];
  return ids.map((memberId, i) => {
    const displayName = shown[i]!;
    const alike = shown.filter((d) => looksAlike(d, displayName)).length;
    // Numbered within the look-alike group, in ballot order: 1 for the first, 2 for the second...
    let n = shown.slice(0, i + 1).filter((d) => looksAlike(d, displayName)).length;
    let name = alike > 1 ? `${displayName} (${n})` : displayName;
    // A member really called "ana (2)" must not collide with a generated one.
    while (used.some((u) => looksAlike(u, name))) name = `${displayName} (${++n})`;
    used.push(name);
    return { memberId, name, displayName };
  });
}

/** The candidates as frozen when voting opened (none before). Elections frozen by an older version stored bare
 *  member ids: they are read with today's names, as that version did. */
export async function frozenCandidates(store: Store, e: Pick<Election, "rules">): Promise<FrozenCandidate[]> {
  const stored = e.rules?.candidates ?? [];
  if (stored.every((c) => typeof c !== "string")) return stored as FrozenCandidate[];
  const ids = stored.map((c) => (typeof c === "string" ? c : c.memberId));
  const names = await currentNames(store, ids);
  return ids.map((memberId) => ({ memberId, name: names.get(memberId)!, displayName: names.get(memberId)! }));
}

/** What a candidate's figure means: votes, approvals, or (Schulze) how many rivals they beat. */
export function mandateStrength(e: Pick<Election, "method">, result: TallyResult, figure: string): string {
  switch (e.method) {
    case "schulze":
      return `beating ${figure} of ${result.candidates.length - 1} rivals by strongest path`;
    case "approval":
      return `${figure} approvals`;
    case "irv":
    case "stv":
    case "meek":
      return `${figure} votes`;
  }
}

const TIE_VERB = { exclude: "excluded", elect: "elected", "transfer-first": "transferred first" } as const;

function roundLine(r: TallyResult["rounds"][number], method: Election["method"]): string {
  const figure = (v: { name: string; votes: string }) => (method === "schulze" ? `${v.name} beats ${v.votes}` : `${v.name} ${v.votes}`);
  const votes = r.votes.filter((v) => v.state !== "withdrawn").map(figure).join(", ");
  const actions = r.actions
    .map((a) => {
      switch (a.type) {
        case "elected":
          return `${a.candidate} elected (${a.reason})`;
        case "excluded":
          return `${a.candidate} excluded (${a.reason})`;
        case "surplus-transferred":
          return `surplus of ${a.surplus} from ${a.candidate} transferred`;
      }
    })
    .join("; ");
  const ties = (r.tieBreaks ?? [])
    .map((t) => ` Tie between ${t.tied.join(", ")} decided by ${t.decidedBy === "lot" ? "lot" : `round ${t.earlierRound}`}: ${t.chosen} ${TIE_VERB[t.purpose]}.`)
    .join("");
  return `Round ${r.round}: ${votes}${actions ? ` → ${actions}` : ""}.${ties}`;
}

/** Schulze's evidence: how many voters ranked each candidate above each other one. */
function pairwiseLines(result: TallyResult): Inline[][] {
  const m = result.pairwise ?? [];
  return [
    ["Pairwise preferences (voters ranking the row candidate above the column candidate):"],
    ...result.candidates.map((row, i) => [`${row}: ${result.candidates.map((col, j) => (i === j ? `${col} -` : `${col} ${m[i]?.[j] ?? 0}`)).join(", ")}`]),
  ];
}

export function resultText(e: Election, result: TallyResult, turnout: { ballots: number; roll: number; unique: number }, zone: string): Inline[][] {
  const pct = turnout.roll ? Math.round((100 * turnout.ballots) / turnout.roll) : 0;
  return [
    [`🗳️ Result of ${electionLabel(e)} ${e.title}, counted `, local(e.closedAt ?? e.votingCloseAt, zone), ":"],
    [`Elected: ${result.elected.length ? result.elected.join(", ") : "nobody"}.`],
    [`Turnout: ${turnout.ballots} of ${turnout.roll} (${pct}%). Valid votes: ${result.validVotes}.${result.quota ? ` Quota: ${result.quota}.` : ""} Method: ${ELECTION_METHODS[e.method].rule}`],
    ...result.rounds.map((r) => [roundLine(r, e.method)]),
    ...(result.pairwise ? pairwiseLines(result) : []),
    ...(result.withdrawn.length ? [[`Withdrawn before the close (struck off every ballot): ${result.withdrawn.join(", ")}.`]] : []),
    [uniqueBallotsLine(turnout.unique, turnout.ballots)],
    [`Tie-break seed, revealed: ${e.seed ?? ""} (its SHA-256 ${e.seedHash ?? ""} was published when voting opened).`],
    [`Recount it yourself: /election ballots ${electionLabel(e)} gives the anonymised ballots (BLT); npm run --silent tally -- --method ${ELECTION_METHODS[e.method].engine} --seed <seed> ballots.blt. Audit log: /election audit ${electionLabel(e)}.`],
  ];
}

/** The round-by-round table: a row per round, a column per candidate (votes; blank once out of the count), then
 *  what the round decided. Schulze has no transfers to tabulate: its rounds as lines. In a code block, so columns
 *  line up where the platform renders one (Slack, Discord). */
export function roundTable(result: TallyResult, method: Election["method"]): string {
  if (method === "schulze") return result.rounds.map((r) => roundLine(r, method)).join("\n");
  const names = result.candidates;
  const rows = result.rounds.map((r) => {
    const cells = names.map((n) => {
      const v = r.votes.find((x) => x.name === n);
      return v && v.state !== "withdrawn" ? v.votes : "";
    });
    const decided = r.actions.map((a) => (a.type === "surplus-transferred" ? `${a.candidate} surplus` : `${a.candidate} ${a.type}`)).join(", ");
    return [String(r.round), ...cells, decided];
  });
  const table = [["Round", ...names, ""], ...rows];
  const widths = table[0]!.map((_, c) => Math.max(...table.map((row) => [...row[c]!].length)));
  const lines = table.map((row) => row.map((cell, c) => cell.padEnd(widths[c]!)).join("  ").trimEnd());
  return ["```", ...lines, "```"].join("\n");
}

/** The count's key facts and its round-by-round table, shown above the result text (an embed on Discord). */
export function resultCard(e: Election, result: TallyResult, turnout: { ballots: number; roll: number }, zone: string): Card {
  const pct = turnout.roll ? Math.round((100 * turnout.ballots) / turnout.roll) : 0;
  return {
    title: [`🗳️ Result of ${electionLabel(e)} ${e.title}`],
    fields: [
      { label: "Elected", value: [result.elected.length ? result.elected.join(", ") : "nobody"] },
      { label: "Turnout", value: [`${turnout.ballots} of ${turnout.roll} (${pct}%)`] },
      ...(result.quota ? [{ label: "Quota", value: [result.quota] }] : []),
      { label: "Counted", value: [local(e.closedAt ?? e.votingCloseAt, zone)] },
      { label: "Round by round", value: [roundTable(result, e.method)] },
    ],
  };
}

/** Candidates (member ids) who withdrew or left the constituency: the count strikes them off every ballot. */
export async function withdrawnCandidates(store: Store, e: Pick<Election, "id">): Promise<Set<string>> {
  return new Set((await store.elections.nominations(e.id)).filter((n) => n.status === "withdrawn").map((n) => n.memberId));
}

/** Builds the engine's input from stored ballots, in a seeded random order so the order reveals nothing.
 *  Candidates are the frozen list, under their frozen names and in ballot order. Withdrawn candidates stay on the
 *  list and on the ballots, marked withdrawn as in BLT, so the published file says who withdrew and any BLT
 *  counter skips them the same way. */
export async function countInput(store: Store, e: Election, candidates: readonly FrozenCandidate[]) {
  const ids = candidates.map((c) => c.memberId);
  const gone = await withdrawnCandidates(store, e);
  const withdrawn = ids.flatMap((id, i) => (gone.has(id) ? [i] : []));
  const ballots = (await store.elections.ballots(e.id))
    .map((b) => ({ b, key: sha256(`${e.seed ?? ""}:${b.id}`) }))
    .sort((x, y) => x.key.localeCompare(y.key))
    .map(({ b }) => b.choices.map((c) => ids.indexOf(c)).filter((i) => i >= 0))
    // An approval ballot is a set: written in one order, so the order a voter typed cannot mark their ballot.
    .map((prefs) => ({ weight: 1, prefs: ELECTION_METHODS[e.method].ranked ? prefs : prefs.sort((a, b) => a - b) }));
  return { title: `${electionLabel(e)} ${e.title}`, candidates: candidates.map((c) => c.name), ...(withdrawn.length ? { withdrawn } : {}), seats: e.seats, ballots, tieBreakSeed: e.seed ?? "" };
}

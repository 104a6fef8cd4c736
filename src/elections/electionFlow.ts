// What the election operations share: the audit log append, the declared rules,
// who stands, candidate names, and how rules and results read. The clock and randomness are arguments.
import { localInstant as local } from "../message.ts";
import type { Inline } from "../message.ts";
import type { Store } from "../store.ts";
import type { TallyResult } from "../tally/tallyResult.ts";
import { nextEntry, sha256, type LogEntry } from "./auditChain.ts";
import { ELECTION_METHODS, TIE_BREAK_RULE } from "./electionMethod.ts";
import type { ElectionRules } from "./electionRules.ts";
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

/** Display names for candidates, made unique ("ana", "ana (2)") because results are reported by name. A name
 *  that is empty once trimmed (platforms allow it) reads "unnamed candidate": the count refuses empty names. */
export async function candidateNames(store: Store, ids: string[]): Promise<Map<string, string>> {
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

/** Candidates (member ids) who withdrew or left the constituency: the count strikes them off every ballot. */
export async function withdrawnCandidates(store: Store, e: Pick<Election, "id">): Promise<Set<string>> {
  return new Set((await store.elections.nominations(e.id)).filter((n) => n.status === "withdrawn").map((n) => n.memberId));
}

/** Builds the engine's input from stored ballots, in a seeded random order so the order reveals nothing.
 *  Withdrawn candidates stay on the list and on the ballots, marked withdrawn as in BLT, so the published file
 *  says who withdrew and any BLT counter skips them the same way. */
export async function countInput(store: Store, e: Election, names: Map<string, string>) {
  const ids = [...names.keys()];
  const gone = await withdrawnCandidates(store, e);
  const withdrawn = ids.flatMap((id, i) => (gone.has(id) ? [i] : []));
  const ballots = (await store.elections.ballots(e.id))
    .map((b) => ({ b, key: sha256(`${e.seed ?? ""}:${b.id}`) }))
    .sort((x, y) => x.key.localeCompare(y.key))
    .map(({ b }) => b.choices.map((c) => ids.indexOf(c)).filter((i) => i >= 0))
    // An approval ballot is a set: written in one order, so the order a voter typed cannot mark their ballot.
    .map((prefs) => ({ weight: 1, prefs: ELECTION_METHODS[e.method].ranked ? prefs : prefs.sort((a, b) => a - b) }));
  return { title: `${electionLabel(e)} ${e.title}`, candidates: [...names.values()], ...(withdrawn.length ? { withdrawn } : {}), seats: e.seats, ballots, tieBreakSeed: e.seed ?? "" };
}

import { z } from "zod";
import type { Store } from "../store.ts";
import { sha256, verifyChain, type ChainCheck, type LogEntry } from "./auditChain.ts";
import { resultHash } from "./ballotSetHash.ts";
import { countElection } from "./countElection.ts";
import type { Election, ElectionStatus } from "./electionStore.ts";

export type AuditFinding = { verdict: "pass" | "fail" | "unchecked"; text: string };
/** The head hash posted in the channel at a phase change, as the current log says it was. */
export type PhaseHead = { phase: "open" | "voting open" | "close"; kind: string; entry: LogEntry | null };
export type ElectionAudit = { entries: LogEntry[]; chain: ChainCheck; findings: AuditFinding[]; heads: PhaseHead[]; ok: boolean };

// The entries each status implies. An emptied or truncated log lacks some of them.
const PHASE_ENTRIES: Record<ElectionStatus, string[]> = {
  draft: ["created"],
  nominations: ["created", "opened"],
  voting: ["created", "opened", "voting-opened"],
  closed: ["created", "opened", "voting-opened", "closed", "counted"],
};
const HEADS = [
  ["open", "opened"],
  ["voting open", "voting-opened"],
  ["close", "counted"],
] as const;

// Log payloads are JSON from the database: parsed at the edge, and a malformed one is itself a finding.
const votingOpenedSchema = z.object({ seedHash: z.string() });
const closedSchema = z.object({ ballots: z.number().int(), ballotsHash: z.string().optional() });
const countedSchema = z.object({ seed: z.string().nullable(), resultHash: z.string().optional() });

const pass = (text: string): AuditFinding => ({ verdict: "pass", text });
const fail = (text: string): AuditFinding => ({ verdict: "fail", text });

/**
 * Checks an election against its own log: the chain, that no phase entry is missing, that the ballots stored now
 * are the ones committed at close, that a recount of them with the same engine gives the committed result (and
 * that the stored result is that one), and that the revealed seed hashes to the seedHash committed when voting
 * opened. A log rewritten consistently from scratch passes these; the phase heads (posted in the channel) are
 * what catches it, so they are returned for the member to compare.
 */
export async function auditElection(store: Store, e: Election): Promise<ElectionAudit> {
  const entries = await store.elections.log(e.id);
  const chain = verifyChain(entries);
  const findings: AuditFinding[] = [];
  const first = (kind: string) => entries.find((x) => x.kind === kind) ?? null;

  const missing = PHASE_ENTRIES[e.status].filter((k) => !first(k));
  findings.push(
    missing.length
      ? fail(`the log has no ${missing.map((k) => `"${k}"`).join(", ")} entr${missing.length === 1 ? "y" : "ies"}, yet the election is ${e.status}: entries were removed or the log was emptied`)
      : pass(`the log holds every phase entry of a ${e.status} election (${PHASE_ENTRIES[e.status].join(", ")})`),
  );

  const opened = first("voting-opened");
  const committedSeedHash = opened ? votingOpenedSchema.safeParse(opened.payload) : null;
  if (committedSeedHash && !committedSeedHash.success) findings.push(fail(`entry ${opened!.seq} (voting-opened) has no seed hash`));
  const seedHash = committedSeedHash?.success ? committedSeedHash.data.seedHash : null;
  if (seedHash !== null && e.seedHash !== seedHash) findings.push(fail(`the election's seed hash (${e.seedHash}) is not the one logged when voting opened (${seedHash})`));

  if (e.status === "closed") {
    const seed = e.seed ?? "";
    if (seedHash !== null) {
      findings.push(
        sha256(seed) === seedHash
          ? pass(`the revealed seed hashes to the seed hash committed when voting opened (${seedHash})`)
          : fail(`the revealed seed ${seed} hashes to ${sha256(seed)}, not to the seed hash committed when voting opened (${seedHash})`),
      );
    }
    const count = await countElection(store, e);
    const closedEntry = first("closed");
    const closed = closedEntry ? closedSchema.safeParse(closedEntry.payload) : null;
    if (closed && !closed.success) findings.push(fail(`entry ${closedEntry!.seq} (closed) is malformed`));
    if (closed?.success) {
      const c = closed.data;
      if (c.ballotsHash === undefined) findings.push({ verdict: "unchecked", text: "the ballots: this election closed before the log committed to a ballot hash" });
      else if (c.ballotsHash === count.ballotsHash && c.ballots === count.ballots) findings.push(pass(`the ${count.ballots} stored ballots are the ones committed at close (ballot hash ${c.ballotsHash})`));
      else findings.push(fail(`the stored ballots are not the ones committed at close: ${count.ballots} ballots with hash ${count.ballotsHash}, committed ${c.ballots} with hash ${c.ballotsHash}`));
    }
    const countedEntry = first("counted");
    const counted = countedEntry ? countedSchema.safeParse(countedEntry.payload) : null;
    if (counted && !counted.success) findings.push(fail(`entry ${countedEntry!.seq} (counted) is malformed`));
    if (counted?.success) {
      const committed = counted.data.resultHash ?? null;
      if (counted.data.seed !== e.seed) findings.push(fail(`the seed on the election (${e.seed}) is not the one revealed in the log (${counted.data.seed})`));
      const hashOf = (r: unknown) => (r === null || r === undefined ? null : resultHash(r));
      const what = (h: string | null) => (h === null ? "no result (nobody elected)" : `result hash ${h}`);
      if (!count.result.ok) findings.push(fail(`the stored ballots cannot be counted: ${count.result.error}`));
      else {
        const recount = hashOf(count.result.value);
        findings.push(
          recount === committed
            ? pass(`a recount of the stored ballots gives the result committed at close (${what(committed)})`)
            : fail(`a recount of the stored ballots gives ${what(recount)}, but the log committed ${what(committed)} at close`),
        );
      }
      const stored = hashOf(e.result);
      findings.push(
        stored === committed
          ? pass("the result /election results shows is the one committed at close")
          : fail(`the result /election results shows (${what(stored)}) is not the one committed at close (${what(committed)})`),
      );
    }
  }

  const heads = HEADS.filter(([, kind]) => PHASE_ENTRIES[e.status].includes(kind)).map(([phase, kind]) => ({ phase, kind, entry: first(kind) }));
  return { entries, chain, findings, heads, ok: chain.ok && findings.every((f) => f.verdict !== "fail") };
}

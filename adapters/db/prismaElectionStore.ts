// The ElectionStore port on Prisma.
import { Prisma, type PrismaClient } from "./generated/prisma/client.ts";
import type { LogEntry } from "../../src/elections/auditChain.ts";
import { electionRulesSchema } from "../../src/elections/electionRules.ts";
import { isElectionMethod } from "../../src/elections/electionMethod.ts";
import { NOMINATION_STATUSES, type Election, type ElectionPatch, type ElectionStatus, type ElectionStore, type MandateView, type Nomination, type NominationStatus, type StoredBallot } from "../../src/elections/electionStore.ts";
import { channelRefSchema } from "../../src/jsonColumns.ts";
import { reminderOutboxKey } from "../../src/reminderScheduler.ts";
import { z } from "zod";

type Client = PrismaClient | Prisma.TransactionClient;
const choicesSchema = z.array(z.string());
const STATUSES = ["draft", "nominations", "voting", "closed"] as const;

function toElection(row: Prisma.ElectionGetPayload<object>): Election {
  if (!isElectionMethod(row.method)) throw new Error(`election ${row.id} has unknown method ${row.method}`);
  const status = STATUSES.find((s) => s === row.status);
  if (!status) throw new Error(`election ${row.id} has unknown status ${row.status}`);
  return {
    ...row,
    method: row.method,
    status,
    rules: row.rules === null ? null : electionRulesSchema.parse(row.rules),
    channel: row.channel === null ? null : channelRefSchema.parse(row.channel),
  };
}

const jsonOrNull = (v: unknown) => (v === null ? Prisma.DbNull : (v as Prisma.InputJsonValue));

function toData(patch: ElectionPatch) {
  const { rules, result, ...rest } = patch;
  return {
    ...rest,
    ...(rules !== undefined ? { rules: jsonOrNull(rules) } : {}),
    ...(result !== undefined ? { result: jsonOrNull(result) } : {}),
  };
}

const toLogEntry = (r: Prisma.ElectionLogEntryGetPayload<object>): LogEntry => ({
  seq: r.seq,
  kind: r.kind,
  at: r.at.toISOString(),
  payload: r.payload,
  prevHash: r.prevHash,
  hash: r.hash,
});

export class PrismaElectionStore implements ElectionStore {
  constructor(private readonly db: Client) {}

  async create(input: Parameters<ElectionStore["create"]>[0]): Promise<Election> {
    const network = await this.db.network.update({ where: { id: input.networkId }, data: { nextElectionNo: { increment: 1 } }, select: { nextElectionNo: true } });
    const row = await this.db.election.create({ data: { ...input, number: network.nextElectionNo - 1, channel: jsonOrNull(input.channel) } });
    return toElection(row);
  }

  async find(networkId: string, number: number) {
    const row = await this.db.election.findUnique({ where: { networkId_number: { networkId, number } } });
    return row ? toElection(row) : null;
  }

  async get(id: string) {
    const row = await this.db.election.findUnique({ where: { id } });
    return row ? toElection(row) : null;
  }

  async list(networkId: string) {
    return (await this.db.election.findMany({ where: { networkId }, orderBy: { number: "asc" } })).map(toElection);
  }

  async update(id: string, patch: ElectionPatch) {
    return toElection(await this.db.election.update({ where: { id }, data: toData(patch) }));
  }

  async transition(id: string, from: ElectionStatus, patch: ElectionPatch & { status: ElectionStatus }) {
    const r = await this.db.election.updateMany({ where: { id, status: from }, data: toData(patch) });
    return r.count === 1;
  }

  async lock(id: string) {
    await this.db.$queryRaw`SELECT id FROM "Election" WHERE id = ${id} FOR UPDATE`;
  }

  async nominations(electionId: string): Promise<Nomination[]> {
    // Time, then insertion: SQL leaves the order of ties to the plan (an index scan returns them by member id).
    const rows = await this.db.nomination.findMany({ where: { electionId }, orderBy: [{ at: "asc" }, { seq: "asc" }] });
    return rows.map((r) => {
      const status = NOMINATION_STATUSES.find((x) => x === r.status);
      if (!status) throw new Error(`nomination of ${r.memberId} in election ${electionId} has unknown status ${r.status}`);
      return { memberId: r.memberId, nominatedById: r.nominatedById, status, at: r.at };
    });
  }

  async addNomination(electionId: string, n: Nomination) {
    const existing = await this.db.nomination.findUnique({ where: { electionId_memberId: { electionId, memberId: n.memberId } } });
    if (existing) return "exists" as const;
    await this.db.nomination.create({ data: { electionId, ...n } });
    return "created" as const;
  }

  async setNominationStatus(electionId: string, memberId: string, status: NominationStatus) {
    await this.db.nomination.update({ where: { electionId_memberId: { electionId, memberId } }, data: { status } });
  }

  async endorsements(electionId: string) {
    return this.db.endorsement.findMany({ where: { electionId }, select: { candidateId: true, endorserId: true }, orderBy: { at: "asc" } });
  }

  async addEndorsement(electionId: string, candidateId: string, endorserId: string, at: Date) {
    const r = await this.db.endorsement.createMany({ data: [{ electionId, candidateId, endorserId, at }], skipDuplicates: true });
    return r.count === 1 ? ("created" as const) : ("exists" as const);
  }

  async setRoll(electionId: string, memberIds: string[]) {
    await this.db.rollEntry.createMany({ data: memberIds.map((memberId) => ({ electionId, memberId })), skipDuplicates: true });
  }

  async roll(electionId: string) {
    return (await this.db.rollEntry.findMany({ where: { electionId }, select: { memberId: true } })).map((r) => r.memberId);
  }

  async castBallot(electionId: string, memberId: string, key: string, choices: string[]) {
    // Two unrelated rows: the primary key (electionId, memberId) refuses a second ballot from the same member.
    await this.db.hasVoted.create({ data: { electionId, memberId } });
    await this.db.ballot.create({ data: { electionId, key, choices } });
  }

  async replaceBallot(electionId: string, key: string, choices: string[]) {
    return (await this.db.ballot.updateMany({ where: { electionId, key }, data: { choices } })).count === 1;
  }

  async hasVoted(electionId: string, memberId: string) {
    return (await this.db.hasVoted.count({ where: { electionId, memberId } })) > 0;
  }

  async dropBallot(electionId: string, key: string) {
    return (await this.db.ballot.deleteMany({ where: { electionId, key } })).count === 1;
  }

  async renameCandidateOnBallots(electionId: string, from: string, to: string) {
    for (const b of await this.ballots(electionId)) {
      if (b.choices.includes(from)) await this.db.ballot.update({ where: { id: b.id }, data: { choices: b.choices.map((c) => (c === from ? to : c)) } });
    }
  }

  async sealBallots(electionId: string, ballots: string[][]) {
    await this.db.hasVoted.deleteMany({ where: { electionId } });
    await this.db.ballot.deleteMany({ where: { electionId } });
    // One statement, rows in the order given; ids are fresh (the column default), keys null.
    if (ballots.length) await this.db.ballot.createMany({ data: ballots.map((choices) => ({ electionId, choices })) });
  }

  async forgetVotingReminders(electionId: string) {
    const reminders = await this.db.reminder.findMany({ where: { deadline: { electionId, electionPhase: "voting" } }, select: { id: true } });
    const ids = reminders.map((r) => r.id);
    if (!ids.length) return;
    await this.db.outboxMessage.deleteMany({ where: { key: { in: ids.map(reminderOutboxKey) } } });
    await this.db.reminder.deleteMany({ where: { id: { in: ids } } });
  }

  ballotCount(electionId: string) {
    return this.db.ballot.count({ where: { electionId } });
  }

  async ballots(electionId: string): Promise<StoredBallot[]> {
    const rows = await this.db.ballot.findMany({ where: { electionId }, select: { id: true, choices: true } });
    return rows.map((r) => ({ id: r.id, choices: choicesSchema.parse(r.choices) }));
  }

  async appendLog(electionId: string, e: LogEntry) {
    await this.db.electionLogEntry.create({
      data: { electionId, seq: e.seq, kind: e.kind, at: new Date(e.at), payload: e.payload as Prisma.InputJsonValue, prevHash: e.prevHash, hash: e.hash },
    });
  }

  async log(electionId: string): Promise<LogEntry[]> {
    const rows = await this.db.electionLogEntry.findMany({ where: { electionId }, orderBy: { seq: "asc" } });
    return rows.map(toLogEntry);
  }

  async lastLog(electionId: string): Promise<LogEntry | null> {
    const row = await this.db.electionLogEntry.findFirst({ where: { electionId }, orderBy: { seq: "desc" } });
    return row ? toLogEntry(row) : null;
  }

  async dueTransitions(now: Date) {
    const rows = await this.db.election.findMany({
      where: { OR: [{ status: "nominations", nominationsCloseAt: { lte: now } }, { status: "voting", votingCloseAt: { lte: now } }] },
      orderBy: { nominationsCloseAt: "asc" },
    });
    return rows.map(toElection);
  }

  async nextTransitionDue(excluding: readonly string[] = []) {
    const id = { notIn: [...excluding] };
    const [n, v] = await Promise.all([
      this.db.election.findFirst({ where: { status: "nominations", id }, orderBy: { nominationsCloseAt: "asc" }, select: { nominationsCloseAt: true } }),
      this.db.election.findFirst({ where: { status: "voting", id }, orderBy: { votingCloseAt: "asc" }, select: { votingCloseAt: true } }),
    ]);
    const dues = [n?.nominationsCloseAt, v?.votingCloseAt].filter((d): d is Date => d instanceof Date);
    return dues.length ? new Date(Math.min(...dues.map((d) => d.getTime()))) : null;
  }

  async addMandate(m: Parameters<ElectionStore["addMandate"]>[0]) {
    await this.db.mandate.create({ data: m });
  }

  async mandatesOf(memberId: string): Promise<MandateView[]> {
    const rows = await this.db.mandate.findMany({
      where: { memberId },
      orderBy: { electedAt: "desc" },
      include: { constituency: { select: { name: true } }, election: { select: { number: true, title: true, method: true, seats: true, rollSize: true, _count: { select: { ballots: true } } } } },
    });
    return rows.map((r) => ({
      constituency: r.constituency.name,
      electionNumber: r.election.number,
      electionTitle: r.election.title,
      method: r.election.method,
      votes: r.votes,
      round: r.round,
      electedAt: r.electedAt,
      seats: r.election.seats,
      turnout: `${r.election._count.ballots} of ${r.election.rollSize ?? 0}`,
      endedAt: r.endedAt,
    }));
  }

  async endMandates(constituencyId: string, memberId: string, at: Date): Promise<string[]> {
    const current = await this.db.mandate.findMany({ where: { constituencyId, memberId, endedAt: null }, select: { id: true, electionId: true } });
    if (current.length) await this.db.mandate.updateMany({ where: { id: { in: current.map((m) => m.id) } }, data: { endedAt: at } });
    return current.map((m) => m.electionId);
  }
}

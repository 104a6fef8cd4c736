// The outbox port on Prisma. Bound to whatever client it is given: inside a transaction, messages are
// written in that transaction, so they exist exactly when the change that caused them does.
import { Prisma, type PrismaClient } from "./generated/prisma/client.ts";
import { parseDelivery } from "../../src/deliverySchema.ts";
import { channelRefSchema } from "../../src/jsonColumns.ts";
import type { ChannelRef } from "../../src/message.ts";
import { platformOf } from "../../src/platformPort.ts";
import type { NewOutboxMessage, OutboxCounts, OutboxEntry, OutboxStatus, OutboxStore } from "../../src/outboxStore.ts";

type Client = PrismaClient | Prisma.TransactionClient;

type Row = {
  seq: bigint | number | string;
  key: string;
  networkId: string;
  platform: string;
  payload: unknown;
  status: string;
  attempts: number;
  nextAttemptAt: Date | string;
  lastError: string | null;
  failedReason: string | null;
  failedAt: Date | string | null;
  createdAt: Date | string;
  queuedAt: Date | string;
  sentAt: Date | string | null;
};

const STATUSES: readonly OutboxStatus[] = ["pending", "sent", "failed"];
function toStatus(s: string): OutboxStatus {
  const found = STATUSES.find((x) => x === s);
  if (!found) throw new Error(`outbox row with unknown status ${JSON.stringify(s)}`);
  return found;
}
const date = (d: Date | string) => new Date(d);
const dateOrNull = (d: Date | string | null) => (d === null ? null : new Date(d));

function toEntry(r: Row): OutboxEntry {
  return {
    id: String(r.seq),
    key: r.key,
    networkId: r.networkId,
    platform: r.platform,
    status: toStatus(r.status),
    attempts: r.attempts,
    nextAttemptAt: date(r.nextAttemptAt),
    lastError: r.lastError,
    failedReason: r.failedReason,
    failedAt: dateOrNull(r.failedAt),
    createdAt: date(r.createdAt),
    queuedAt: date(r.queuedAt),
    sentAt: dateOrNull(r.sentAt),
    // JSON columns are parsed at the edge; a payload that does not parse is reported, and the dispatcher fails it.
    delivery: parseDelivery(typeof r.payload === "string" ? JSON.parse(r.payload) : r.payload),
  };
}

function toRow(m: NewOutboxMessage): Prisma.OutboxMessageCreateManyInput {
  return {
    key: m.key,
    networkId: m.networkId,
    platform: platformOf(m.delivery),
    // Dates inside the message become ISO strings; deliverySchema turns them back.
    payload: JSON.parse(JSON.stringify(m.delivery)) as Prisma.InputJsonValue,
    nextAttemptAt: m.at,
    createdAt: m.at,
    queuedAt: m.at,
  };
}

/** Outbox ids are the row sequence; anything else (a mistyped id) matches nothing. */
const seqs = (ids: readonly string[]) => ids.filter((id) => /^\d{1,18}$/.test(id)).map((id) => BigInt(id));

export class PrismaOutbox implements OutboxStore {
  constructor(private readonly db: Client) {}

  async enqueue(messages: NewOutboxMessage[]): Promise<number> {
    if (!messages.length) return 0;
    const r = await this.db.outboxMessage.createMany({ data: messages.map(toRow), skipDuplicates: true });
    return r.count;
  }

  async claim(q: { platform: string; owner: string; now: Date; leaseMs: number; limit: number }): Promise<OutboxEntry[]> {
    const leaseUntil = new Date(q.now.getTime() + q.leaseMs);
    // SKIP LOCKED: rows another instance is claiming right now are passed over, never waited for.
    const rows = await this.db.$queryRaw<Row[]>`UPDATE "OutboxMessage" SET "claimedBy" = ${q.owner}, "leaseUntil" = ${leaseUntil}
      WHERE seq IN (
        SELECT seq FROM "OutboxMessage"
        WHERE status = 'pending' AND platform = ${q.platform} AND "nextAttemptAt" <= ${q.now}
          AND ("leaseUntil" IS NULL OR "leaseUntil" <= ${q.now})
        ORDER BY "nextAttemptAt", seq
        LIMIT ${q.limit}
        FOR UPDATE SKIP LOCKED)
      RETURNING seq, key, "networkId", platform, payload, status, attempts, "nextAttemptAt", "lastError", "failedReason",
        "failedAt", "createdAt", "queuedAt", "sentAt"`;
    return rows.map(toEntry).sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() || Number(BigInt(a.id) - BigInt(b.id)));
  }

  private async settle(id: string, owner: string, data: Prisma.OutboxMessageUpdateManyMutationInput): Promise<boolean> {
    const [seq] = seqs([id]);
    if (seq === undefined) return false;
    const r = await this.db.outboxMessage.updateMany({
      where: { seq, claimedBy: owner, status: "pending" },
      data: { ...data, attempts: { increment: 1 }, leaseUntil: null },
    });
    return r.count > 0;
  }

  markSent(id: string, owner: string, at: Date): Promise<boolean> {
    return this.settle(id, owner, { status: "sent", sentAt: at });
  }

  markRetry(id: string, owner: string, r: { nextAttemptAt: Date; error: string }): Promise<boolean> {
    return this.settle(id, owner, { nextAttemptAt: r.nextAttemptAt, lastError: r.error, claimedBy: null });
  }

  async markFailed(id: string, owner: string, f: { at: Date; reason: string; instead?: NewOutboxMessage }): Promise<boolean> {
    const data = { status: "failed", failedAt: f.at, failedReason: f.reason, lastError: f.reason };
    const instead = f.instead;
    if (!instead) return this.settle(id, owner, data);
    // The failure and its fallback commit together: a crash leaves either the claim (tried again later) or both.
    // The fallback's key is derived from the original's, so a second failure (after a redeliver) adds nothing.
    const both = async (tx: Prisma.TransactionClient) => {
      const outbox = new PrismaOutbox(tx);
      if (!(await outbox.settle(id, owner, data))) return false;
      await outbox.enqueue([instead]);
      return true;
    };
    return "$transaction" in this.db ? this.db.$transaction(both) : both(this.db);
  }

  async announcementChannel(platform: string, workspaceId: string): Promise<ChannelRef | null> {
    const ws = await this.db.workspace.findUnique({ where: { platform_externalId: { platform, externalId: workspaceId } }, select: { announceChannel: true } });
    if (!ws?.announceChannel) return null;
    // A JSON column is parsed at the edge; one that does not read as a channel is as good as none.
    const r = channelRefSchema.safeParse(ws.announceChannel);
    return r.success ? r.data : null;
  }

  async release(owner: string, ids?: readonly string[], notBefore?: Date): Promise<number> {
    const only = ids ? (ids.length ? Prisma.sql`AND seq IN (${Prisma.join(seqs(ids).length ? seqs(ids) : [-1n])})` : Prisma.sql`AND false`) : Prisma.empty;
    const next = notBefore ? Prisma.sql`GREATEST("nextAttemptAt", ${notBefore})` : Prisma.sql`"nextAttemptAt"`;
    return this.db.$executeRaw`UPDATE "OutboxMessage" SET "claimedBy" = NULL, "leaseUntil" = NULL, "nextAttemptAt" = ${next}
      WHERE "claimedBy" = ${owner} AND status = 'pending' AND "leaseUntil" IS NOT NULL ${only}`;
  }

  async nextDue(platforms: readonly string[]): Promise<Date | null> {
    if (!platforms.length) return null;
    const rows = await this.db.$queryRaw<{ due: Date | string | null }[]>`
      SELECT min(GREATEST("nextAttemptAt", COALESCE("leaseUntil", "nextAttemptAt"))) AS due FROM "OutboxMessage"
      WHERE status = 'pending' AND platform IN (${Prisma.join([...platforms])})`;
    const due = rows[0]?.due ?? null;
    return due === null ? null : new Date(due);
  }

  async failed(networkId: string, limit: number): Promise<OutboxEntry[]> {
    const rows = await this.db.outboxMessage.findMany({ where: { networkId, status: "failed" }, orderBy: [{ failedAt: "desc" }, { seq: "desc" }], take: limit });
    return rows.map(toEntry);
  }

  async counts(networkId: string): Promise<OutboxCounts> {
    const groups = await this.db.outboxMessage.groupBy({ by: ["status"], where: { networkId }, _count: { _all: true } });
    const out: OutboxCounts = { pending: 0, sent: 0, failed: 0, retrying: 0 };
    for (const g of groups) out[toStatus(g.status)] = g._count._all;
    out.retrying = await this.db.outboxMessage.count({ where: { networkId, status: "pending", attempts: { gt: 0 } } });
    return out;
  }

  pendingSince(networkId: string, before: Date): Promise<number> {
    return this.db.outboxMessage.count({ where: { networkId, status: "pending", createdAt: { lt: before } } });
  }

  async retryFailed(networkId: string, now: Date, ids?: readonly string[]): Promise<number> {
    const r = await this.db.outboxMessage.updateMany({
      where: { networkId, status: "failed", ...(ids ? { seq: { in: seqs(ids) } } : {}) },
      data: { status: "pending", attempts: 0, nextAttemptAt: now, queuedAt: now, failedAt: null, failedReason: null, claimedBy: null, leaseUntil: null },
    });
    return r.count;
  }
}

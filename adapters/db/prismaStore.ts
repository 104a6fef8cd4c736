// The Store port on Prisma: works unchanged on embedded PGlite and on a PostgreSQL server.
import { Prisma, type PrismaClient } from "./generated/prisma/client.ts";
import type { Actor } from "../../src/event.ts";
import { randomUUID } from "node:crypto";
import type { ChannelRef, Recipient } from "../../src/message.ts";
import { nameKey } from "../../src/nameKey.ts";
import { cleanDisplayName } from "../../src/cleanText.ts";
import { effectiveZone } from "../../src/effectiveZone.ts";
import type {
  Constituency,
  Deadline,
  FollowedGroup,
  GroupRef,
  DeadlineEvent,
  DeadlineEventKind,
  Member,
  MemberRef,
  JoinCode,
  Network,
  NetworkContents,
  NetworkLogEntry,
  NetworkLogKind,
  ReminderRow,
  Role,
  Store,
  AccountLinkEntry,
  AccountRef,
  MemberSettings,
  Workspace,
} from "../../src/store.ts";
import { channelRefSchema, ladderSchema } from "../../src/jsonColumns.ts";
import { PrismaElectionStore } from "./prismaElectionStore.ts";
import { PrismaOutbox } from "./prismaOutbox.ts";

type Tx = Prisma.TransactionClient;

/** resolveActor read a workspace and one of its identities on either side of a move (moveWorkspace). */
class WorkspaceMoving extends Error {}
type Client = PrismaClient | Tx;

const NETWORK_SELECT = { id: true, name: true, defaultZone: true, shortNoticeHours: true } as const;
const MEMBER_SELECT = {
  id: true,
  networkId: true,
  displayName: true,
  zone: true,
  platformZone: true,
  zonePromptedAt: true,
  quietStart: true,
  quietEnd: true,
  quietOff: true,
  isOrganiser: true,
  platformAdmin: true,
  dmPlatform: true,
} as const;

type MemberRow = Prisma.MemberGetPayload<{ select: typeof MEMBER_SELECT }>;
/** `isOrganiser` is stored as the grant; an admin of the platform (any account's) is one by right. */
const toMember = (r: MemberRow): Member => ({ ...r, isOrganiser: r.isOrganiser || r.platformAdmin, organiserByGrant: r.isOrganiser });

function toDeadline(row: Prisma.DeadlineGetPayload<object>): Deadline {
  return {
    id: row.id,
    networkId: row.networkId,
    number: row.number,
    title: row.title,
    dueAt: row.dueAt,
    zone: row.zone,
    constituencyId: row.constituencyId,
    // JSON columns are parsed at the edge: a corrupt value is a bug and throws here, not later.
    ladder: ladderSchema.parse(row.ladder),
    link: row.link,
    createdById: row.createdById,
    announcedAt: row.announcedAt,
    cancelledAt: row.cancelledAt,
    channel: row.channel === null ? null : channelRefSchema.parse(row.channel),
    generation: row.generation,
    electionId: row.electionId,
    electionPhase: row.electionPhase === "nominations" || row.electionPhase === "voting" ? row.electionPhase : null,
  };
}

/** Recomputes what a member's accounts say (the DM account's profile zone, else the first account's that has
 *  one; an admin on any of them) and returns the stored row. */
async function refreshPlatformFacts(db: Client, memberId: string): Promise<MemberRow> {
  const { identities, ...row } = await db.member.findUniqueOrThrow({
    where: { id: memberId },
    select: { ...MEMBER_SELECT, identities: { orderBy: { createdAt: "asc" }, select: { platform: true, platformZone: true, platformAdmin: true } } },
  });
  const dm = identities.find((i) => i.platform === row.dmPlatform);
  const platformZone = dm?.platformZone ?? identities.find((i) => i.platformZone !== null)?.platformZone ?? null;
  const platformAdmin = identities.some((i) => i.platformAdmin);
  if (platformZone === row.platformZone && platformAdmin === row.platformAdmin) return row;
  return db.member.update({ where: { id: memberId }, data: { platformZone, platformAdmin }, select: MEMBER_SELECT });
}

const toRole = (r: string): Role => (r === "coordinator" ? "coordinator" : "member");

const WORKSPACE_SELECT = { id: true, networkId: true, platform: true, externalId: true, name: true, joinedAt: true, announceChannel: true } as const;
const toWorkspace = (row: Prisma.WorkspaceGetPayload<{ select: typeof WORKSPACE_SELECT }>): Workspace => ({
  ...row,
  announceChannel: row.announceChannel === null ? null : channelRefSchema.parse(row.announceChannel),
});
const LOG_KINDS: readonly NetworkLogKind[] = ["invited", "joined", "removed", "channel"];
function networkLogKind(k: string): NetworkLogKind {
  const kind = LOG_KINDS.find((x) => x === k);
  if (!kind) throw new Error(`unknown network log kind ${k}`);
  return kind;
}

export class PrismaStore implements Store {
  readonly elections: PrismaElectionStore;
  readonly outbox: PrismaOutbox;
  constructor(
    private readonly db: Client,
    private readonly root: PrismaClient | null = db as PrismaClient,
    /** An embedded PGlite: the WAL is ours alone, so scrubVotingTraces may switch and checkpoint it. */
    private readonly ownsWal = false,
  ) {
    this.elections = new PrismaElectionStore(db);
    this.outbox = new PrismaOutbox(db);
  }

  async transaction<T>(fn: (store: Store) => Promise<T>): Promise<T> {
    // Already inside one: Postgres has no nested transactions, and the outer one covers us.
    if (this.root === null) return fn(this);
    return this.root.$transaction((tx) => fn(new PrismaStore(tx, null)), { timeout: 30_000, maxWait: 30_000 });
  }

  async scrubVotingTraces(): Promise<void> {
    if (this.root === null) throw new Error("scrubVotingTraces runs outside a transaction (VACUUM cannot run inside one)");
    // VACUUM FULL writes each table anew and drops the old file: dead row versions (a replaced ballot, the
    // has-voted rows, voting reminders) go with it. Ballot last, so nothing else is rewritten after it.
    for (const table of ["HasVoted", "Reminder", "OutboxMessage", "Ballot"]) await this.root.$executeRawUnsafe(`VACUUM FULL "${table}"`);
    if (!this.ownsWal) return;
    // The WAL still holds every vote's transaction (who voted, next to their ballot). Start a new segment,
    // then checkpoint: with wal_recycle=off (PGLITE_SETTINGS) the segments before it are deleted.
    await this.root.$queryRawUnsafe(`SELECT pg_switch_wal()::text`);
    await this.root.$executeRawUnsafe(`CHECKPOINT`);
  }

  async firstSighting(key: string, until: Date, now: Date): Promise<boolean> {
    // One statement: of two instances recording one id at once, exactly one inserts it (or renews an expired
    // record of it); the other changes no row.
    const changed = await this.db.$executeRaw`
      INSERT INTO "SeenRequest" ("key", "until") VALUES (${key}, ${until})
      ON CONFLICT ("key") DO UPDATE SET "until" = EXCLUDED."until" WHERE "SeenRequest"."until" <= ${now}`;
    return changed === 1;
  }

  async forgetSightings(now: Date): Promise<number> {
    return (await this.db.seenRequest.deleteMany({ where: { until: { lte: now } } })).count;
  }

  async resolveActor(actor: Actor): Promise<{ network: Network; member: Member; created: boolean }> {
    const run = async (db: Client) => {
      // Workspace → network: a workspace met for the first time founds a network of its own.
      let ws = await db.workspace.findUnique({
        where: { platform_externalId: { platform: actor.platform, externalId: actor.workspaceId } },
        select: { networkId: true, joinedAt: true },
      });
      if (!ws) {
        const network = await db.network.create({ data: { name: actor.workspaceName } });
        ws = await db.workspace.create({
          data: { networkId: network.id, platform: actor.platform, externalId: actor.workspaceId, name: actor.workspaceName },
          select: { networkId: true, joinedAt: true },
        });
      }
      const network = await db.network.findUniqueOrThrow({ where: { id: ws.networkId }, select: NETWORK_SELECT });
      const account = { platform: actor.platform, workspaceId: actor.workspaceId, userId: actor.userId };
      const identity = await db.identity.findUnique({
        where: { platform_workspaceId_userId: account },
        select: { memberId: true, platformZone: true, platformAdmin: true, member: { select: { networkId: true } } },
      });
      // moveWorkspace moves a workspace's identities with it: one left behind would let a person act in a network
      // their workspace has left. Seen only while a move commits between our two reads: read again.
      if (identity && identity.member.networkId !== network.id) throw new WorkspaceMoving();
      // The platform's name, cleaned as any name is: no invisible characters, never blank.
      const displayName = cleanDisplayName(actor.displayName, actor.userId);
      // Organiser by right: an admin of the network's founding workspace; a joined workspace's admins are not.
      // Kept on the account (a member may have several, see Identity), with its profile zone.
      const adminByRight = actor.isPlatformAdmin && ws.joinedAt === null;
      const facts = { platformZone: actor.platformZone ?? null, platformAdmin: adminByRight };
      let stored: MemberRow;
      if (identity) {
        // Most events change nothing: write only what did.
        const changed = identity.platformZone !== facts.platformZone || identity.platformAdmin !== facts.platformAdmin;
        if (changed) await db.identity.update({ where: { platform_workspaceId_userId: account }, data: facts });
        stored = await db.member.findUniqueOrThrow({ where: { id: identity.memberId }, select: MEMBER_SELECT });
        if (stored.displayName !== displayName) stored = await db.member.update({ where: { id: stored.id }, data: { displayName, nameKey: nameKey(displayName) }, select: MEMBER_SELECT });
        if (changed) stored = await refreshPlatformFacts(db, stored.id);
      } else {
        const { id } = await db.member.create({
          data: { networkId: network.id, displayName, nameKey: nameKey(displayName), identities: { create: { ...account, ...facts } } },
          select: { id: true },
        });
        stored = await refreshPlatformFacts(db, id);
      }
      // As this account acts: an organiser by grant, or by this account's own right (not another platform's).
      const member: Member = { ...toMember(stored), isOrganiser: stored.isOrganiser || adminByRight, platformAdmin: adminByRight };
      return { network, member, created: identity === null };
    };
    if (this.root === null) return run(this.db);
    try {
      return await this.root.$transaction((tx) => run(tx));
    } catch (e) {
      // Two first events from the same new person or workspace raced; the other one created it. Or the workspace
      // was joined to or removed from a network between our reads. Either way, the second look is consistent.
      if ((e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") || e instanceof WorkspaceMoving) return this.root.$transaction((tx) => run(tx));
      throw e;
    }
  }

  getNetwork(id: string): Promise<Network | null> {
    return this.db.network.findUnique({ where: { id }, select: NETWORK_SELECT });
  }

  async getMember(id: string): Promise<Member | null> {
    const r = await this.db.member.findUnique({ where: { id }, select: MEMBER_SELECT });
    return r && toMember(r);
  }

  async findMember(networkId: string, ref: MemberRef): Promise<Member[]> {
    switch (ref.kind) {
      case "mention": {
        const identity = await this.db.identity.findUnique({
          where: { platform_workspaceId_userId: { platform: ref.platform, workspaceId: ref.workspaceId, userId: ref.userId } },
          select: { member: { select: MEMBER_SELECT } },
        });
        return identity && identity.member.networkId === networkId ? [toMember(identity.member)] : [];
      }
      case "name":
        return (await this.db.member.findMany({ where: { networkId, nameKey: nameKey(ref.name) }, select: MEMBER_SELECT, orderBy: { createdAt: "asc" } })).map(toMember);
    }
  }

  async memberFromMention(networkId: string, ref: Extract<MemberRef, { kind: "mention" }>, displayName: string): Promise<Member> {
    const [found] = await this.findMember(networkId, ref);
    if (found) return found;
    return toMember(
      await this.db.member.create({
        data: {
          networkId,
          displayName,
          nameKey: nameKey(displayName),
          identities: { create: { platform: ref.platform, workspaceId: ref.workspaceId, userId: ref.userId } },
        },
        select: MEMBER_SELECT,
      }),
    );
  }

  async listMembers(networkId: string): Promise<Member[]> {
    return (await this.db.member.findMany({ where: { networkId }, select: MEMBER_SELECT, orderBy: { createdAt: "asc" } })).map(toMember);
  }

  updateNetwork(id: string, patch: Parameters<Store["updateNetwork"]>[1]): Promise<Network> {
    return this.db.network.update({ where: { id }, data: patch, select: NETWORK_SELECT });
  }

  async updateMember(id: string, patch: Parameters<Store["updateMember"]>[1]): Promise<Member> {
    await this.db.member.update({ where: { id }, data: patch });
    // The DM platform decides which account's profile zone the member sees by default.
    return toMember(await refreshPlatformFacts(this.db, id));
  }

  async recipient(memberId: string): Promise<Recipient | null> {
    return (await this.recipientsOf([memberId])).get(memberId) ?? null;
  }

  async recipientsOf(memberIds: string[]): Promise<Map<string, Recipient>> {
    const rows = await this.db.member.findMany({
      where: { id: { in: [...new Set(memberIds)] } },
      select: {
        ...MEMBER_SELECT,
        network: { select: NETWORK_SELECT },
        identities: { orderBy: { createdAt: "asc" }, select: { platform: true, workspaceId: true, userId: true } },
      },
    });
    const out = new Map<string, Recipient>();
    for (const m of rows) {
      // One set of DMs per person: to the platform they chose, else to the account Caucus met first.
      const id = m.identities.find((i) => i.platform === m.dmPlatform) ?? m.identities[0];
      if (id) out.set(m.id, { memberId: m.id, displayName: m.displayName, ...id, zone: effectiveZone(m, m.network) });
    }
    return out;
  }

  async createConstituency(input: { networkId: string; name: string; open: boolean; createdById: string }): Promise<Constituency | "exists"> {
    try {
      return await this.db.constituency.create({
        data: { ...input, nameKey: nameKey(input.name) },
        select: { id: true, networkId: true, name: true, open: true, createdAt: true },
      });
    } catch (e) {
      if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") return "exists";
      throw e;
    }
  }

  findConstituency(networkId: string, name: string): Promise<Constituency | null> {
    return this.db.constituency.findUnique({
      where: { networkId_nameKey: { networkId, nameKey: nameKey(name) } },
      select: { id: true, networkId: true, name: true, open: true, createdAt: true },
    });
  }

  getConstituency(id: string): Promise<Constituency | null> {
    return this.db.constituency.findUnique({ where: { id }, select: { id: true, networkId: true, name: true, open: true, createdAt: true } });
  }

  async listConstituencies(networkId: string) {
    const rows = await this.db.constituency.findMany({
      where: { networkId },
      orderBy: { nameKey: "asc" },
      select: { id: true, networkId: true, name: true, open: true, createdAt: true, _count: { select: { memberships: true } } },
    });
    return rows.map(({ _count, ...c }) => ({ ...c, size: _count.memberships }));
  }

  async setConstituencyOpen(id: string, open: boolean): Promise<void> {
    await this.db.constituency.update({ where: { id }, data: { open } });
  }

  async roster(constituencyId: string) {
    const rows = await this.db.constituencyMembership.findMany({
      where: { constituencyId },
      select: { role: true, joinedAt: true, member: { select: MEMBER_SELECT } },
      orderBy: [{ member: { nameKey: "asc" } }],
    });
    return rows.map((r) => ({ member: toMember(r.member), role: toRole(r.role), joinedAt: r.joinedAt }));
  }

  async membership(constituencyId: string, memberId: string): Promise<Role | null> {
    const row = await this.db.constituencyMembership.findUnique({
      where: { constituencyId_memberId: { constituencyId, memberId } },
      select: { role: true },
    });
    return row ? toRole(row.role) : null;
  }

  async putMembership(constituencyId: string, memberId: string, role: Role, at: Date) {
    const existing = await this.membership(constituencyId, memberId);
    if (existing === role) return "unchanged" as const;
    await this.db.constituencyMembership.upsert({
      where: { constituencyId_memberId: { constituencyId, memberId } },
      create: { constituencyId, memberId, role, joinedAt: at },
      update: { role },
    });
    return existing === null ? ("added" as const) : ("updated" as const);
  }

  async removeMembership(constituencyId: string, memberId: string): Promise<boolean> {
    const r = await this.db.constituencyMembership.deleteMany({ where: { constituencyId, memberId } });
    return r.count > 0;
  }

  async followGroup(constituencyId: string, group: GroupRef & { name: string }, byMemberId: string, at: Date): Promise<FollowedGroup | null> {
    const key = { constituencyId, platform: group.platform, workspaceId: group.workspaceId };
    const before = await this.db.constituencyGroup.findUnique({ where: { constituencyId_platform_workspaceId: key } });
    await this.db.constituencyGroup.upsert({
      where: { constituencyId_platform_workspaceId: key },
      create: { ...key, groupId: group.groupId, name: group.name, followedById: byMemberId, followedAt: at },
      update: { groupId: group.groupId, name: group.name, followedById: byMemberId, followedAt: at, syncedAt: null },
    });
    return before;
  }

  async unfollowGroup(constituencyId: string, platform: string, workspaceId: string): Promise<FollowedGroup | null> {
    const where = { constituencyId_platform_workspaceId: { constituencyId, platform, workspaceId } };
    const before = await this.db.constituencyGroup.findUnique({ where });
    if (before) await this.db.constituencyGroup.delete({ where });
    return before;
  }

  groupsOf(constituencyId: string): Promise<FollowedGroup[]> {
    return this.db.constituencyGroup.findMany({ where: { constituencyId }, orderBy: [{ platform: "asc" }, { workspaceId: "asc" }] });
  }

  followersOf(group: GroupRef): Promise<FollowedGroup[]> {
    return this.db.constituencyGroup.findMany({ where: { platform: group.platform, workspaceId: group.workspaceId, groupId: group.groupId }, orderBy: { followedAt: "asc" } });
  }

  async markGroupSynced(constituencyId: string, group: GroupRef, at: Date, name?: string): Promise<void> {
    await this.db.constituencyGroup.updateMany({
      where: { constituencyId, platform: group.platform, workspaceId: group.workspaceId, groupId: group.groupId },
      data: { syncedAt: at, ...(name ? { name } : {}) },
    });
  }

  async workspaceMembers(networkId: string, platform: string, workspaceId: string): Promise<Map<string, Member>> {
    const rows = await this.db.identity.findMany({
      where: { platform, workspaceId, member: { networkId } },
      select: { userId: true, member: { select: MEMBER_SELECT } },
    });
    return new Map(rows.map((r) => [r.userId, toMember(r.member)]));
  }

  async networkOfWorkspace(platform: string, workspaceId: string): Promise<Network | null> {
    const ws = await this.db.workspace.findUnique({
      where: { platform_externalId: { platform, externalId: workspaceId } },
      select: { network: { select: NETWORK_SELECT } },
    });
    return ws?.network ?? null;
  }

  async createDeadline(input: Omit<Deadline, "id" | "number" | "generation" | "cancelledAt" | "electionId" | "electionPhase"> & Partial<Pick<Deadline, "electionId" | "electionPhase">>): Promise<Deadline> {
    // The counter row update serialises concurrent creators per network, so numbers never collide.
    const network = await this.db.network.update({
      where: { id: input.networkId },
      data: { nextDeadlineNo: { increment: 1 } },
      select: { nextDeadlineNo: true },
    });
    const row = await this.db.deadline.create({
      data: {
        ...input,
        number: network.nextDeadlineNo - 1,
        ladder: input.ladder,
        channel: input.channel ?? Prisma.DbNull,
      },
    });
    return toDeadline(row);
  }

  async findDeadline(networkId: string, number: number): Promise<Deadline | null> {
    const row = await this.db.deadline.findUnique({ where: { networkId_number: { networkId, number } } });
    return row ? toDeadline(row) : null;
  }

  async getDeadline(id: string): Promise<Deadline | null> {
    const row = await this.db.deadline.findUnique({ where: { id } });
    return row ? toDeadline(row) : null;
  }

  async listDeadlines(networkId: string, opts: { from?: Date; includeCancelled?: boolean }): Promise<Deadline[]> {
    const rows = await this.db.deadline.findMany({
      where: {
        networkId,
        ...(opts.from ? { dueAt: { gt: opts.from } } : {}),
        ...(opts.includeCancelled ? {} : { cancelledAt: null }),
      },
      orderBy: [{ dueAt: "asc" }, { number: "asc" }],
    });
    return rows.map(toDeadline);
  }

  async updateDeadline(id: string, patch: Partial<Pick<Deadline, "dueAt" | "zone" | "cancelledAt" | "generation">>): Promise<Deadline> {
    return toDeadline(await this.db.deadline.update({ where: { id }, data: patch }));
  }

  async addDeadlineEvent(deadlineId: string, e: DeadlineEvent): Promise<void> {
    await this.db.deadlineEvent.create({
      data: { deadlineId, ...e, noticeMs: e.noticeMs === null ? null : BigInt(Math.round(e.noticeMs)) },
    });
  }

  async deadlineEvents(deadlineId: string): Promise<DeadlineEvent[]> {
    const rows = await this.db.deadlineEvent.findMany({ where: { deadlineId }, orderBy: { at: "asc" } });
    return rows.map((r) => ({
      kind: r.kind as DeadlineEventKind,
      at: r.at,
      byMemberId: r.byMemberId,
      fromDueAt: r.fromDueAt,
      toDueAt: r.toDueAt,
      noticeMs: r.noticeMs === null ? null : Number(r.noticeMs),
    }));
  }

  async addRecipients(deadlineId: string, memberIds: string[], toldAt: Date): Promise<string[]> {
    const already = new Set(await this.recipients(deadlineId));
    const fresh = [...new Set(memberIds)].filter((id) => !already.has(id));
    if (fresh.length) await this.db.deadlineRecipient.createMany({ data: fresh.map((memberId) => ({ deadlineId, memberId, toldAt })), skipDuplicates: true });
    return fresh;
  }

  async recipients(deadlineId: string): Promise<string[]> {
    const rows = await this.db.deadlineRecipient.findMany({ where: { deadlineId }, select: { memberId: true }, orderBy: { toldAt: "asc" } });
    return rows.map((r) => r.memberId);
  }

  async openDeadlinesFor(constituencyId: string, now: Date): Promise<Deadline[]> {
    const rows = await this.db.deadline.findMany({ where: { constituencyId, cancelledAt: null, dueAt: { gt: now } }, orderBy: { dueAt: "asc" } });
    return rows.map(toDeadline);
  }

  async addReminders(reminders: Parameters<Store["addReminders"]>[0]): Promise<void> {
    if (!reminders.length) return;
    await this.db.reminder.createMany({
      data: reminders.map((r) => ({ ...r, offsetMs: BigInt(r.offsetMs) })),
      skipDuplicates: true,
    });
  }

  async dropPendingReminders(filter: { deadlineId: string; memberId?: string }): Promise<number> {
    // Unsent rows are deleted, not marked, so a later re-plan of the same step can take their place;
    // sent rows stay, and the unique key keeps them from ever being planned (and sent) again.
    const r = await this.db.reminder.deleteMany({
      where: { deadlineId: filter.deadlineId, ...(filter.memberId ? { memberId: filter.memberId } : {}), sentAt: null, droppedAt: null },
    });
    return r.count;
  }

  async openDeadlinesToldTo(memberId: string, now: Date): Promise<Deadline[]> {
    const rows = await this.db.deadline.findMany({
      where: { cancelledAt: null, dueAt: { gt: now }, recipients: { some: { memberId } } },
      orderBy: { dueAt: "asc" },
    });
    return rows.map(toDeadline);
  }

  async nextReminderDue(): Promise<Date | null> {
    const row = await this.db.reminder.findFirst({
      where: { sentAt: null, droppedAt: null },
      orderBy: { dueAt: "asc" },
      select: { dueAt: true },
    });
    return row?.dueAt ?? null;
  }

  async dropSupersededReminders(now: Date): Promise<number> {
    return this.db.$executeRaw`UPDATE "Reminder" r SET "droppedAt" = ${now}
      WHERE r."sentAt" IS NULL AND r."droppedAt" IS NULL AND r."dueAt" <= ${now}
        AND EXISTS (SELECT 1 FROM "Reminder" s
          WHERE s."deadlineId" = r."deadlineId" AND s."memberId" = r."memberId" AND s.generation = r.generation
            AND s."sentAt" IS NULL AND s."droppedAt" IS NULL AND s."dueAt" <= ${now} AND s."dueAt" > r."dueAt")`;
  }

  async claimDueReminders(now: Date, limit: number): Promise<ReminderRow[]> {
    // SKIP LOCKED lets several bot instances share the table: each due row is claimed by exactly one.
    const rows = await this.db.$queryRaw<
      { id: string; deadlineId: string; memberId: string; step: number; offsetMs: bigint; generation: number; dueAt: Date; shifted: boolean }[]
    >`UPDATE "Reminder" SET "sentAt" = ${now}
      WHERE id IN (
        SELECT id FROM "Reminder"
        WHERE "sentAt" IS NULL AND "droppedAt" IS NULL AND "dueAt" <= ${now}
        ORDER BY "dueAt", id
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
      RETURNING id, "deadlineId", "memberId", step, "offsetMs", generation, "dueAt", shifted`;
    return rows
      .map((r) => ({ ...r, offsetMs: Number(r.offsetMs), dueAt: new Date(r.dueAt) }))
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.memberId.localeCompare(b.memberId) || a.step - b.step);
  }

  async markRemindersLate(ids: string[]): Promise<void> {
    if (ids.length) await this.db.reminder.updateMany({ where: { id: { in: ids } }, data: { late: true } });
  }

  async deleteReminders(ids: string[]): Promise<void> {
    if (ids.length) await this.db.reminder.deleteMany({ where: { id: { in: ids } } });
  }

  async markRemindersDropped(ids: string[], now: Date): Promise<void> {
    if (ids.length) await this.db.reminder.updateMany({ where: { id: { in: ids } }, data: { droppedAt: now, sentAt: null } });
  }

  accountsOf(memberId: string) {
    return this.db.identity.findMany({
      where: { memberId },
      orderBy: { createdAt: "asc" },
      select: { platform: true, workspaceId: true, userId: true, platformAdmin: true, createdAt: true },
    });
  }

  async createLinkCode(input: Parameters<Store["createLinkCode"]>[0]): Promise<void> {
    await this.db.linkCode.create({ data: input });
  }

  findLinkCode(codeHash: string) {
    return this.db.linkCode.findUnique({ where: { codeHash }, select: { networkId: true, memberId: true, platform: true, expiresAt: true, usedAt: true } });
  }

  async useLinkCode(codeHash: string, now: Date): Promise<boolean> {
    // Conditional: of two links racing with one code, exactly one gets it.
    return (await this.db.linkCode.updateMany({ where: { codeHash, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } })).count === 1;
  }

  async mergeMembers(survivorId: string, absorbedId: string, settings: MemberSettings): Promise<Member> {
    const db = this.db;
    const to = survivorId;
    const from = absorbedId;
    const { networkId } = await db.member.findUniqueOrThrow({ where: { id: from }, select: { networkId: true } });
    await db.identity.updateMany({ where: { memberId: from }, data: { memberId: to } });
    // Codes too: a used one must still say "used", not "unknown".
    await db.linkCode.updateMany({ where: { memberId: from }, data: { memberId: to } });
    // Who created or changed what: the person did.
    await db.deadline.updateMany({ where: { createdById: from }, data: { createdById: to } });
    await db.deadlineEvent.updateMany({ where: { byMemberId: from }, data: { byMemberId: to } });
    await db.constituency.updateMany({ where: { createdById: from }, data: { createdById: to } });
    await db.election.updateMany({ where: { createdById: from }, data: { createdById: to } });
    // One roster place per constituency: since the earlier join (the roll counts from it), coordinator if either was.
    for (const m of await db.constituencyMembership.findMany({ where: { memberId: from } })) {
      const key = { constituencyId_memberId: { constituencyId: m.constituencyId, memberId: to } };
      const mine = await db.constituencyMembership.findUnique({ where: key });
      if (!mine) await db.constituencyMembership.create({ data: { ...m, memberId: to } });
      else {
        const role = mine.role === "coordinator" || m.role === "coordinator" ? "coordinator" : "member";
        await db.constituencyMembership.update({ where: key, data: { role, joinedAt: m.joinedAt < mine.joinedAt ? m.joinedAt : mine.joinedAt } });
      }
    }
    const told = await db.deadlineRecipient.findMany({ where: { memberId: from } });
    if (told.length) await db.deadlineRecipient.createMany({ data: told.map((t) => ({ ...t, memberId: to })), skipDuplicates: true });
    // Unsent reminders go (the caller re-plans the survivor's); sent ones move, so a step sent to either account
    // is never planned again, unless the survivor has that very step already.
    await db.reminder.deleteMany({ where: { memberId: from, sentAt: null, droppedAt: null } });
    for (const r of await db.reminder.findMany({ where: { memberId: from }, select: { id: true, deadlineId: true, step: true, generation: true } })) {
      const clash = await db.reminder.findUnique({ where: { deadlineId_memberId_step_generation: { deadlineId: r.deadlineId, memberId: to, step: r.step, generation: r.generation } }, select: { id: true } });
      if (!clash) await db.reminder.update({ where: { id: r.id }, data: { memberId: to } });
    }
    for (const m of await db.mandate.findMany({ where: { memberId: from }, select: { id: true, electionId: true } })) {
      if (!(await db.mandate.findUnique({ where: { electionId_memberId: { electionId: m.electionId, memberId: to } } }))) await db.mandate.update({ where: { id: m.id }, data: { memberId: to } });
    }
    // Closed elections are history the audit recounts (ballots and withdrawals by member id): only their roll moves.
    const live = (await db.election.findMany({ where: { networkId, status: { not: "closed" } }, select: { id: true } })).map((e) => e.id);
    for (const n of await db.nomination.findMany({ where: { memberId: from, electionId: { in: live } } })) {
      const key = { electionId_memberId: { electionId: n.electionId, memberId: to } };
      if (await db.nomination.findUnique({ where: key })) await db.nomination.delete({ where: { electionId_memberId: { electionId: n.electionId, memberId: from } } });
      else await db.nomination.update({ where: { electionId_memberId: { electionId: n.electionId, memberId: from } }, data: { memberId: to } });
    }
    await db.nomination.updateMany({ where: { nominatedById: from, electionId: { in: live } }, data: { nominatedById: to } });
    const endorsements = await db.endorsement.findMany({ where: { electionId: { in: live }, OR: [{ candidateId: from }, { endorserId: from }] } });
    if (endorsements.length) {
      await db.endorsement.deleteMany({ where: { electionId: { in: live }, OR: [{ candidateId: from }, { endorserId: from }] } });
      const moved = endorsements
        .map((e) => ({ ...e, candidateId: e.candidateId === from ? to : e.candidateId, endorserId: e.endorserId === from ? to : e.endorserId }))
        // Endorsements count other members: one of your own accounts endorsing the other is none.
        .filter((e) => e.candidateId !== e.endorserId);
      if (moved.length) await db.endorsement.createMany({ data: moved, skipDuplicates: true });
    }
    for (const r of await db.rollEntry.findMany({ where: { memberId: from } })) {
      const key = { electionId_memberId: { electionId: r.electionId, memberId: to } };
      if (await db.rollEntry.findUnique({ where: key })) await db.rollEntry.delete({ where: { electionId_memberId: r } });
      else await db.rollEntry.update({ where: { electionId_memberId: r }, data: { memberId: to } });
    }
    for (const v of await db.hasVoted.findMany({ where: { memberId: from, electionId: { in: live } } })) {
      const key = { electionId_memberId: { electionId: v.electionId, memberId: to } };
      if (await db.hasVoted.findUnique({ where: key })) await db.hasVoted.delete({ where: { electionId_memberId: v } });
      else await db.hasVoted.update({ where: { electionId_memberId: v }, data: { memberId: to } });
    }
    // Whatever was left (rows the survivor held already) goes with the member.
    await db.member.delete({ where: { id: from } });
    const { organiserByGrant, ...rest } = settings;
    await db.member.update({ where: { id: to }, data: { ...rest, isOrganiser: organiserByGrant } });
    return toMember(await refreshPlatformFacts(db, to));
  }

  async splitAccount(memberId: string, account: AccountRef): Promise<Member> {
    const m = await this.db.member.findUniqueOrThrow({ where: { id: memberId }, select: { networkId: true, displayName: true, nameKey: true } });
    const fresh = await this.db.member.create({ data: m, select: { id: true } });
    const { platform, workspaceId, userId } = account;
    await this.db.identity.update({ where: { platform_workspaceId_userId: { platform, workspaceId, userId } }, data: { memberId: fresh.id } });
    // DMs that went to the account leaving go back to the first one left.
    await this.db.member.updateMany({ where: { id: memberId, dmPlatform: account.platform }, data: { dmPlatform: null } });
    await refreshPlatformFacts(this.db, memberId);
    return toMember(await refreshPlatformFacts(this.db, fresh.id));
  }

  async addAccountLinkEntry(networkId: string, entry: AccountLinkEntry): Promise<void> {
    await this.db.accountLinkEntry.create({ data: { networkId, ...entry } });
  }

  async accountLinkLog(networkId: string, limit: number): Promise<AccountLinkEntry[]> {
    const rows = await this.db.accountLinkEntry.findMany({ where: { networkId }, orderBy: { at: "desc" }, take: limit });
    return rows.map((r) => ({ at: r.at, kind: r.kind === "unlinked" ? "unlinked" : "linked", memberId: r.memberId, otherMemberId: r.otherMemberId, account: r.account, detail: r.detail }));
  }

  // Networks of workspaces (src/network/).

  async workspaceOf(platform: string, externalId: string): Promise<Workspace | null> {
    const row = await this.db.workspace.findUnique({ where: { platform_externalId: { platform, externalId } }, select: WORKSPACE_SELECT });
    return row ? toWorkspace(row) : null;
  }

  async listWorkspaces(networkId: string): Promise<Workspace[]> {
    const rows = await this.db.workspace.findMany({ where: { networkId }, select: WORKSPACE_SELECT });
    // Founding first (joinedAt null), then in the order they joined.
    return rows.map(toWorkspace).sort((a, b) => (a.joinedAt?.getTime() ?? -Infinity) - (b.joinedAt?.getTime() ?? -Infinity) || a.name.localeCompare(b.name));
  }

  async workspaceMemberCounts(networkId: string): Promise<Map<string, number>> {
    const workspaces = await this.db.workspace.findMany({ where: { networkId }, select: { id: true, platform: true, externalId: true } });
    const groups = await this.db.identity.groupBy({ by: ["platform", "workspaceId"], where: { member: { networkId } }, _count: { _all: true } });
    const out = new Map<string, number>();
    for (const w of workspaces) out.set(w.id, groups.find((g) => g.platform === w.platform && g.workspaceId === w.externalId)?._count._all ?? 0);
    return out;
  }

  async workspacesWithRosterOf(constituencyId: string): Promise<string[]> {
    const c = await this.db.constituency.findUnique({ where: { id: constituencyId }, select: { networkId: true } });
    if (!c) return [];
    const places = await this.db.identity.findMany({
      where: { member: { networkId: c.networkId, memberships: { some: { constituencyId } } } },
      select: { platform: true, workspaceId: true },
      distinct: ["platform", "workspaceId"],
    });
    if (!places.length) return [];
    const rows = await this.db.workspace.findMany({
      where: { networkId: c.networkId, OR: places.map((p) => ({ platform: p.platform, externalId: p.workspaceId })) },
      select: { id: true },
    });
    return rows.map((r) => r.id);
  }

  async setAnnouncementChannel(workspaceId: string, channel: ChannelRef | null): Promise<void> {
    await this.db.workspace.update({ where: { id: workspaceId }, data: { announceChannel: channel ?? Prisma.DbNull } });
  }

  async networkContents(networkId: string): Promise<NetworkContents> {
    const [workspaces, deadlines, elections, openElections, constituencies] = await Promise.all([
      this.db.workspace.count({ where: { networkId } }),
      this.db.deadline.count({ where: { networkId } }),
      this.db.election.count({ where: { networkId } }),
      this.db.election.count({ where: { networkId, status: { in: ["nominations", "voting"] } } }),
      this.db.constituency.count({ where: { networkId } }),
    ]);
    return { workspaces, deadlines, elections, openElections, constituencies };
  }

  async moveWorkspace(workspaceId: string, to: { networkId: string; joinedAt: Date } | "own") {
    const ws = await this.db.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { networkId: true, platform: true, externalId: true, name: true } });
    const network =
      to === "own"
        ? await this.db.network.create({ data: { name: ws.name }, select: NETWORK_SELECT })
        : await this.db.network.findUniqueOrThrow({ where: { id: to.networkId }, select: NETWORK_SELECT });
    await this.db.workspace.update({ where: { id: workspaceId }, data: { networkId: network.id, joinedAt: to === "own" ? null : to.joinedAt } });
    const identities = await this.db.identity.findMany({
      where: { platform: ws.platform, workspaceId: ws.externalId, member: { networkId: ws.networkId } },
      select: { id: true, memberId: true, member: { select: { ...MEMBER_SELECT, nameKey: true } } },
      orderBy: { createdAt: "asc" },
    });
    // The person's own settings travel; rights, rosters and history stay with the network they were given in.
    const fresh = identities.map((i) => ({
      id: randomUUID(),
      networkId: network.id,
      displayName: i.member.displayName,
      nameKey: i.member.nameKey,
      zone: i.member.zone,
      platformZone: i.member.platformZone,
      zonePromptedAt: i.member.zonePromptedAt,
      quietStart: i.member.quietStart,
      quietEnd: i.member.quietEnd,
      quietOff: i.member.quietOff,
    }));
    if (fresh.length) await this.db.member.createMany({ data: fresh });
    // No right comes along: the account is no admin by right until its workspace says so again (founding only).
    for (const [n, i] of identities.entries()) await this.db.identity.update({ where: { id: i.id }, data: { memberId: fresh[n]!.id, platformAdmin: false } });
    const left = [...new Set(identities.map((i) => i.memberId))];
    // A linked member keeps their other accounts: what those say is what counts now.
    for (const id of left) await refreshPlatformFacts(this.db, id);
    const gone = await this.db.member.findMany({ where: { id: { in: left }, identities: { none: {} } }, select: { id: true } });
    // Someone with no identity left in the network can no longer act in it: no rights either.
    if (gone.length) await this.db.member.updateMany({ where: { id: { in: gone.map((g) => g.id) } }, data: { isOrganiser: false, platformAdmin: false } });
    const arrived = (await this.db.member.findMany({ where: { id: { in: fresh.map((f) => f.id) } }, select: MEMBER_SELECT, orderBy: { createdAt: "asc" } })).map(toMember);
    const departed = (await this.db.member.findMany({ where: { id: { in: gone.map((g) => g.id) } }, select: MEMBER_SELECT, orderBy: { createdAt: "asc" } })).map(toMember);
    return { network, arrived, departed };
  }

  async createJoinCode(input: { networkId: string; codeHash: string; createdById: string; createdAt: Date; expiresAt: Date }): Promise<void> {
    await this.db.joinCode.create({ data: input });
  }

  findJoinCode(codeHash: string): Promise<JoinCode | null> {
    return this.db.joinCode.findUnique({ where: { codeHash }, select: { id: true, networkId: true, createdAt: true, expiresAt: true, usedAt: true } });
  }

  async useJoinCode(id: string, now: Date, byWorkspaceId: string): Promise<boolean> {
    // Conditional: of two joins racing on one code, only one sees count 1.
    const r = await this.db.joinCode.updateMany({ where: { id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now, usedById: byWorkspaceId } });
    return r.count === 1;
  }

  async recordJoinFailure(platform: string, externalId: string, at: Date): Promise<void> {
    await this.db.joinAttempt.create({ data: { platform, workspaceId: externalId, at } });
  }

  joinFailuresSince(platform: string, externalId: string, since: Date): Promise<number> {
    return this.db.joinAttempt.count({ where: { platform, workspaceId: externalId, at: { gt: since } } });
  }

  async addNetworkLog(networkId: string, entry: NetworkLogEntry): Promise<void> {
    await this.db.networkLogEntry.create({ data: { networkId, ...entry } });
  }

  async networkLog(networkId: string, limit: number): Promise<NetworkLogEntry[]> {
    const rows = await this.db.networkLogEntry.findMany({ where: { networkId }, orderBy: [{ at: "desc" }, { id: "desc" }], take: limit });
    return rows.map((r) => ({ at: r.at, kind: networkLogKind(r.kind), by: r.by, workspace: r.workspace, detail: r.detail }));
  }
}

// The persistence port: what the core needs from a database, in domain terms.
// adapters/db/prismaStore.ts implements it; the core never sees Prisma.
import type { Actor } from "./event.ts";
import type { ChannelRef, Recipient } from "./message.ts";
import type { ElectionStore } from "./elections/electionStore.ts";
import type { OutboxStore } from "./outboxStore.ts";

export type Network = { id: string; name: string; defaultZone: string; shortNoticeHours: number };

export type Member = {
  id: string;
  networkId: string;
  displayName: string;
  zone: string | null;
  platformZone: string | null;
  zonePromptedAt: Date | null;
  quietStart: string | null;
  quietEnd: string | null;
  quietOff: boolean;
  /** An organiser: by grant, or by right (a platform admin). A linked member acting through an account that is
   *  no admin is an organiser by grant only (see src/identity/linkAccounts.ts). */
  isOrganiser: boolean;
  /** Made an organiser by another (/caucus organiser add): the person's, whichever account they act from. */
  organiserByGrant: boolean;
  /** An admin (Slack workspace admin, Discord Manage Server) of the network's founding workspace, as the platform
   *  last said: an organiser by right. Admins of a workspace that joined are not (the organisers decide). */
  platformAdmin: boolean;
  /** Where DMs and reminders go when the member has accounts on several platforms; null: the first account. */
  dmPlatform: string | null;
};

export type Role = "member" | "coordinator";
export type Constituency = { id: string; networkId: string; name: string; open: boolean; createdAt: Date };
export type RosterEntry = { member: Member; role: Role; joinedAt: Date };

/** A group of people on a platform: a Slack user group, a Discord role. `groupId` is the platform's id. */
export type GroupRef = { platform: string; workspaceId: string; groupId: string };
/** A group a constituency follows: for the people of that workspace, its members are the roster. */
export type FollowedGroup = GroupRef & { constituencyId: string; name: string; followedById: string; followedAt: Date; syncedAt: Date | null };

/** How a command names a member: a platform mention (an id) or a display name. */
export type MemberRef = { kind: "mention"; platform: string; workspaceId: string; userId: string } | { kind: "name"; name: string };

export type Deadline = {
  id: string;
  networkId: string;
  number: number;
  title: string;
  dueAt: Date;
  zone: string;
  constituencyId: string | null;
  ladder: number[];
  link: string | null;
  createdById: string;
  announcedAt: Date;
  cancelledAt: Date | null;
  channel: ChannelRef | null;
  generation: number;
  /** Set when this deadline is an election's phase date. */
  electionId: string | null;
  electionPhase: "nominations" | "voting" | null;
};
export type DeadlineEventKind = "created" | "moved" | "cancelled";
export type DeadlineEvent = {
  kind: DeadlineEventKind;
  at: Date;
  byMemberId: string;
  fromDueAt: Date | null;
  toDueAt: Date | null;
  noticeMs: number | null;
};
export type ReminderRow = {
  id: string;
  deadlineId: string;
  memberId: string;
  step: number;
  offsetMs: number;
  generation: number;
  dueAt: Date;
  shifted: boolean;
};
export type NewReminder = Omit<ReminderRow, "id">;

// One person, one member (src/identity/): accounts on several platforms linked into one member.
/** One platform account of a member. */
export type Account = { platform: string; workspaceId: string; userId: string; platformAdmin: boolean; createdAt: Date };
export type AccountRef = Pick<Account, "platform" | "workspaceId" | "userId">;
export type LinkCodeRow = { networkId: string; memberId: string; platform: string; expiresAt: Date; usedAt: Date | null };
export type AccountLinkEntry = { at: Date; kind: "linked" | "unlinked"; memberId: string; otherMemberId: string; account: string; detail: string };
/** The member's own settings a merge decides (src/identity/linkAccounts.ts says which side wins). */
export type MemberSettings = Pick<Member, "zone" | "zonePromptedAt" | "quietStart" | "quietEnd" | "quietOff" | "organiserByGrant" | "dmPlatform">;
// A network of workspaces (src/network/): which Slack workspaces and Discord servers it spans, how others join.
export type Workspace = {
  id: string;
  networkId: string;
  platform: string;
  /** The platform's id: Slack team id, Discord guild id. */
  externalId: string;
  name: string;
  /** When it joined with a join code; null for the one that founded the network. */
  joinedAt: Date | null;
  announceChannel: ChannelRef | null;
};
export type JoinCode = { id: string; networkId: string; createdAt: Date; expiresAt: Date; usedAt: Date | null };
export type NetworkLogKind = "invited" | "joined" | "removed" | "channel";
export type NetworkLogEntry = { at: Date; kind: NetworkLogKind; by: string; workspace: string; detail: string | null };
/** What a network holds that a workspace joining elsewhere would leave behind. */
export type NetworkContents = { workspaces: number; deadlines: number; elections: number; openElections: number; constituencies: number };

export interface Store {
  readonly elections: ElectionStore;
  /** DMs and posts waiting for delivery; inside a transaction, written with everything else in it. */
  readonly outbox: OutboxStore;
  /** Runs fn atomically: everything it wrote is kept, or nothing is. */
  transaction<T>(fn: (store: Store) => Promise<T>): Promise<T>;
  /** After an election closed, outside any transaction: rewrites the tables that held voting-time rows so their
   *  deleted and replaced versions are gone from disk, and (embedded database) drops the WAL written before. */
  scrubVotingTraces(): Promise<void>;

  /**
   * Records a platform request's id as handled until `until`; false if it is recorded already and not expired:
   * a replay, refused by every instance sharing this database.
   */
  firstSighting(key: string, until: Date, now: Date): Promise<boolean>;
  /** Drops the records firstSighting no longer needs (expired by `now`); how many. */
  forgetSightings(now: Date): Promise<number>;

  updateNetwork(id: string, patch: Partial<Pick<Network, "defaultZone">>): Promise<Network>;
  /** Finds or creates the network, workspace, member and identity behind an actor. */
  resolveActor(actor: Actor): Promise<{ network: Network; member: Member; created: boolean }>;
  getMember(id: string): Promise<Member | null>;
  getNetwork(id: string): Promise<Network | null>;
  findMember(networkId: string, ref: MemberRef): Promise<Member[]>;
  /** A member known only by a platform mention (the platform confirmed them, with this cleaned display name)
   *  gets a member record so they can be added to rosters. */
  memberFromMention(networkId: string, ref: Extract<MemberRef, { kind: "mention" }>, displayName: string): Promise<Member>;
  /** Members known by name on the console/simulator, created on first use. */
  listMembers(networkId: string): Promise<Member[]>;
  /** `isOrganiser` here is the grant (organiser by right is the platform's to say). */
  updateMember(id: string, patch: Partial<Pick<Member, "zone" | "zonePromptedAt" | "quietStart" | "quietEnd" | "quietOff" | "isOrganiser" | "dmPlatform">>): Promise<Member>;
  /** The identity a DM to this member goes to, with the zone to show times in. */
  recipient(memberId: string): Promise<Recipient | null>;
  /** The same for many members in one query (members without an identity are left out). */
  recipientsOf(memberIds: string[]): Promise<Map<string, Recipient>>;

  createConstituency(input: { networkId: string; name: string; open: boolean; createdById: string }): Promise<Constituency | "exists">;
  findConstituency(networkId: string, name: string): Promise<Constituency | null>;
  getConstituency(id: string): Promise<Constituency | null>;
  listConstituencies(networkId: string): Promise<(Constituency & { size: number })[]>;
  setConstituencyOpen(id: string, open: boolean): Promise<void>;
  roster(constituencyId: string): Promise<RosterEntry[]>;
  membership(constituencyId: string, memberId: string): Promise<Role | null>;
  /** Adds or updates a roster entry; returns whether the member was new to the roster. */
  /** `at` is when a new member joins (the roll of an election is the roster as of its nominations date). */
  putMembership(constituencyId: string, memberId: string, role: Role, at: Date): Promise<"added" | "updated" | "unchanged">;
  removeMembership(constituencyId: string, memberId: string): Promise<boolean>;

  /** Follows a group (replacing the one followed in that workspace, which is returned). */
  followGroup(constituencyId: string, group: GroupRef & { name: string }, byMemberId: string, at: Date): Promise<FollowedGroup | null>;
  /** Stops following the constituency's group in that workspace; returns it, or null if none was followed. */
  unfollowGroup(constituencyId: string, platform: string, workspaceId: string): Promise<FollowedGroup | null>;
  groupsOf(constituencyId: string): Promise<FollowedGroup[]>;
  /** Every constituency following this group. */
  followersOf(group: GroupRef): Promise<FollowedGroup[]>;
  markGroupSynced(constituencyId: string, group: GroupRef, at: Date, name?: string): Promise<void>;
  /** The network's members known by an identity in this workspace, by that identity's user id. */
  workspaceMembers(networkId: string, platform: string, workspaceId: string): Promise<Map<string, Member>>;
  /** The network a workspace belongs to, or null when Caucus has not met it. */
  networkOfWorkspace(platform: string, workspaceId: string): Promise<Network | null>;

  createDeadline(
    input: Omit<Deadline, "id" | "number" | "generation" | "cancelledAt" | "electionId" | "electionPhase"> & Partial<Pick<Deadline, "electionId" | "electionPhase">>,
  ): Promise<Deadline>;
  findDeadline(networkId: string, number: number): Promise<Deadline | null>;
  getDeadline(id: string): Promise<Deadline | null>;
  listDeadlines(networkId: string, opts: { from?: Date; includeCancelled?: boolean }): Promise<Deadline[]>;
  updateDeadline(id: string, patch: Partial<Pick<Deadline, "dueAt" | "zone" | "cancelledAt" | "generation">>): Promise<Deadline>;
  addDeadlineEvent(deadlineId: string, event: DeadlineEvent): Promise<void>;
  deadlineEvents(deadlineId: string): Promise<DeadlineEvent[]>;
  addRecipients(deadlineId: string, memberIds: string[], toldAt: Date): Promise<string[]>;
  recipients(deadlineId: string): Promise<string[]>;
  /** Deadlines (not cancelled, still ahead) for a constituency, so late joiners can be told. */
  openDeadlinesFor(constituencyId: string, now: Date): Promise<Deadline[]>;

  addReminders(reminders: NewReminder[]): Promise<void>;
  /** Drops every unsent reminder of a deadline (on move or cancel), or of one member (on leaving). */
  dropPendingReminders(filter: { deadlineId: string; memberId?: string }): Promise<number>;
  /** Deadlines still ahead that this member was told about (to re-plan their reminders). */
  openDeadlinesToldTo(memberId: string, now: Date): Promise<Deadline[]>;
  /** Earliest unsent reminder due time, for the simulator's virtual clock. */
  nextReminderDue(): Promise<Date | null>;
  /** Drops every due, unsent reminder that a later due step of the same deadline and member supersedes. */
  dropSupersededReminders(now: Date): Promise<number>;
  /** Atomically claims up to `limit` due, unsent reminders (several bot instances may tick at once). */
  claimDueReminders(now: Date, limit: number): Promise<ReminderRow[]>;
  markRemindersLate(ids: string[]): Promise<void>;
  markRemindersDropped(ids: string[], now: Date): Promise<void>;
  /** Removes reminders without trace (a voting reminder not needed because the member voted: no timestamp may hint when). */
  deleteReminders(ids: string[]): Promise<void>;

  // One person, one member (src/identity/).
  /** The member's platform accounts, the first met first. */
  accountsOf(memberId: string): Promise<Account[]>;
  createLinkCode(input: { codeHash: string; networkId: string; memberId: string; platform: string; createdAt: Date; expiresAt: Date }): Promise<void>;
  findLinkCode(codeHash: string): Promise<LinkCodeRow | null>;
  /** Marks an unused, unexpired code used; false when it was used (or expired) meanwhile. */
  useLinkCode(codeHash: string, now: Date): Promise<boolean>;
  /**
   * Moves everything of `absorbedId` onto `survivorId`, then deletes it: accounts, roster places (the earlier
   * join, coordinator if either was), deadlines told, sent reminders (unsent ones are deleted: the caller re-plans),
   * mandates, and in elections not closed the nominations, endorsements (none of oneself), roll places and
   * has-voted marks; roll places of closed elections too. Where both hold the same row, one is kept.
   * Ballots are not touched (nothing links them to a member). `settings` are written to the survivor.
   */
  mergeMembers(survivorId: string, absorbedId: string, settings: MemberSettings): Promise<Member>;
  /** Splits an account off its member as a new member with the same name and nothing else: no rosters, votes,
   *  nominations, mandates or reminders. */
  splitAccount(memberId: string, account: AccountRef): Promise<Member>;
  addAccountLinkEntry(networkId: string, entry: AccountLinkEntry): Promise<void>;
  /** Most recent first. */
  accountLinkLog(networkId: string, limit: number): Promise<AccountLinkEntry[]>;
  // Networks of workspaces (src/network/).
  workspaceOf(platform: string, externalId: string): Promise<Workspace | null>;
  /** The network's workspaces, founding one first, then in the order they joined. */
  listWorkspaces(networkId: string): Promise<Workspace[]>;
  /** Members of the network with an identity in each workspace, by Workspace.id. */
  workspaceMemberCounts(networkId: string): Promise<Map<string, number>>;
  /** Workspace.ids of the network's workspaces where some member on the constituency's roster has an identity. */
  workspacesWithRosterOf(constituencyId: string): Promise<string[]>;
  setAnnouncementChannel(workspaceId: string, channel: ChannelRef | null): Promise<void>;
  networkContents(networkId: string): Promise<NetworkContents>;
  /**
   * Moves a workspace (by Workspace.id) to another network, or to a new one of its own (`to: "own"`, named after
   * it, which it founds). Each identity of that workspace becomes a new member of the destination with the
   * person's own settings (name, zone, quiet hours) and no rights; the members left behind keep their history.
   * Returns the destination, the new members, and the members of the source left with no identity at all.
   */
  moveWorkspace(workspaceId: string, to: { networkId: string; joinedAt: Date } | "own"): Promise<{ network: Network; arrived: Member[]; departed: Member[] }>;
  createJoinCode(input: { networkId: string; codeHash: string; createdById: string; createdAt: Date; expiresAt: Date }): Promise<void>;
  findJoinCode(codeHash: string): Promise<JoinCode | null>;
  /** Marks an unused, unexpired code used; false when another join took it first (or it expired meanwhile). */
  useJoinCode(id: string, now: Date, byWorkspaceId: string): Promise<boolean>;
  recordJoinFailure(platform: string, externalId: string, at: Date): Promise<void>;
  joinFailuresSince(platform: string, externalId: string, since: Date): Promise<number>;
  addNetworkLog(networkId: string, entry: NetworkLogEntry): Promise<void>;
  /** Most recent first. */
  networkLog(networkId: string, limit: number): Promise<NetworkLogEntry[]>;
}


import { privateReply, publicReply, type CommandContext } from "../src/command.ts";
import { defineCommand, subcommand, type OptionDef } from "../src/commandDefinition.ts";
import { cleanName } from "../src/cleanText.ts";
import { looksAlike } from "../src/looksAlike.ts";
import { nameKey } from "../src/nameKey.ts";
import { textMessage, type Send } from "../src/message.ts";
import { resolveMemberRef, resolveMembers } from "../src/memberRef.ts";
import { requireCoordinator, requireOrganiser } from "../src/permissions.ts";
import { err, ok, type Result } from "../src/result.ts";
import type { Constituency, MemberRef } from "../src/store.ts";
import { onRosterJoin, onRosterLeave } from "../src/rosterHooks.ts";
import { followGroup, groupLabel, refuseIfGroupDecides, syncReportLines, unfollowGroup } from "../src/groupRoster.ts";
import { localInstant } from "../src/message.ts";

export const MAX_CONSTITUENCY_NAME = 60;

async function findConstituency(ctx: CommandContext, name: string): Promise<Result<Constituency>> {
  const c = await ctx.store.findConstituency(ctx.network.id, name);
  if (c) return ok(c);
  const all = await ctx.store.listConstituencies(ctx.network.id);
  const list = all.length ? ` Constituencies here: ${all.map((x) => x.name).join(", ")}.` : " There are none yet.";
  return err(`There is no constituency called "${name}".${list} Names with spaces need quotes: "Trade unions".`);
}

const who = (m: { displayName: string }) => m.displayName;


const NAME = { name: "name", type: "constituency", description: "The constituency's name (quote it if it has spaces).", required: true } as const;
/** `join Trade unions` reads without quotes: the name is the only value. */
const WHOLE_NAME = { ...NAME, greedy: true } as const;
const MEMBERS = { name: "member", type: "member", description: "A member: a mention, or a name.", required: true, variadic: true, maxItems: 10 } as const satisfies OptionDef;
const ONE_MEMBER = { name: "member", type: "member", description: "A member: a mention, or a name.", required: true } as const;

async function putMembers(ctx: CommandContext, name: string, refs: MemberRef[], role: "member" | "coordinator"): Promise<Result<Send[]>> {
  const c = await findConstituency(ctx, name);
  if (!c.ok) return c;
  const allowed = await requireCoordinator(ctx, c.value, "change its roster");
  if (!allowed.ok) return allowed;
  const members = await resolveMembers(ctx, refs, "may-meet");
  if (!members.ok) return members;
  const added: string[] = [];
  const unchanged: string[] = [];
  const sends: Send[] = [];
  for (const m of members.value) {
    // Adding an existing coordinator as a plain member must not demote them.
    const current = await ctx.store.membership(c.value.id, m.id);
    if (current === "coordinator" && role === "member") {
      unchanged.push(who(m));
      continue;
    }
    if (current === null) {
      const free = await refuseIfGroupDecides(ctx.store, c.value, m, "add");
      if (!free.ok) return free;
    }
    const r = await ctx.store.putMembership(c.value.id, m.id, role, ctx.now);
    if (r === "unchanged") unchanged.push(who(m));
    else added.push(who(m));
    if (r === "added") sends.push(...(await onRosterJoin(ctx, c.value, m)));
  }
  const lines = [added.length ? `${role === "coordinator" ? "Coordinator of" : "Added to"} ${c.value.name}: ${added.join(", ")}.` : `Nothing changed in ${c.value.name}.`];
  if (unchanged.length) lines.push(`Already on the roster: ${unchanged.join(", ")}.`);
  return ok([publicReply(textMessage(...lines)), ...sends]);
}

async function setOpen(ctx: CommandContext, name: string, open: boolean): Promise<Result<Send[]>> {
  const c = await findConstituency(ctx, name);
  if (!c.ok) return c;
  const allowed = await requireCoordinator(ctx, c.value, `${open ? "open" : "close"} it`);
  if (!allowed.ok) return allowed;
  await ctx.store.setConstituencyOpen(c.value.id, open);
  return ok([
    publicReply(textMessage(open ? `${c.value.name} is open: members can join with /constituency join "${c.value.name}".` : `${c.value.name} is closed: organisers and coordinators add members.`)),
  ]);
}

export const constituency = defineCommand({
  name: "constituency",
  description: "Constituencies (Youth, Trade unions, Africa region...): their rosters and coordinators.",
  subcommands: [
    subcommand({
      name: "create",
      description: "Create a constituency (organisers). `open` lets members join themselves.",
      options: [
        { name: "name", type: "text", description: "The new constituency's name.", required: true, greedy: true },
        { name: "open", type: "flag", keyword: "open", description: "Let members join it themselves." },
      ],
      examples: ['/constituency create "Trade unions"', "/constituency create Youth open"],
      answer: "public",
      async run(ctx, args) {
        const allowed = requireOrganiser(ctx, "create constituencies");
        if (!allowed.ok) return allowed;
        const cleaned = cleanName(args.name, "constituency name", MAX_CONSTITUENCY_NAME);
        if (!cleaned.ok) return err(`${cleaned.error} Usage: /constituency create "<name>" [open]`);
        // "Yоuth" with a Cyrillic о would pass for Youth in every list and picker: one name per look.
        const alike = (await ctx.store.listConstituencies(ctx.network.id)).find((c) => looksAlike(c.name, cleaned.value) && nameKey(c.name) !== nameKey(cleaned.value));
        if (alike) return err(`"${cleaned.value}" looks like the existing constituency "${alike.name}" but is spelled with different characters: choose a name that cannot be mistaken for it.`);
        const created = await ctx.store.createConstituency({ networkId: ctx.network.id, name: cleaned.value, open: args.open, createdById: ctx.member.id });
        if (created === "exists") return err(`A constituency called "${cleaned.value}" already exists. See it with /constituency show "${cleaned.value}".`);
        return ok([
          publicReply(
            textMessage(
              `Constituency "${created.name}" created by ${who(ctx.member)} (${args.open ? "open: members can /constituency join it" : "closed: organisers and coordinators add members"}).`,
              `Add members: /constituency add "${created.name}" <member> ...`,
            ),
          ),
        ]);
      },
    }),
    subcommand({
      name: "add",
      description: "Add members to the roster (organisers, coordinators).",
      options: [NAME, MEMBERS],
      examples: ["/constituency add Youth @amina @luis", '/constituency add "Trade unions" @ana'],
      answer: "public",
      run: (ctx, args) => putMembers(ctx, args.name, args.member, "member"),
    }),
    subcommand({
      name: "remove",
      description: "Remove members from the roster (organisers, coordinators).",
      options: [NAME, MEMBERS],
      examples: ["/constituency remove Youth @luis"],
      answer: "public",
      async run(ctx, args) {
        const c = await findConstituency(ctx, args.name);
        if (!c.ok) return c;
        const allowed = await requireCoordinator(ctx, c.value, "change its roster");
        if (!allowed.ok) return allowed;
        const members = await resolveMembers(ctx, args.member);
        if (!members.ok) return members;
        const sends: Send[] = [];
        for (const m of members.value) {
          const free = await refuseIfGroupDecides(ctx.store, c.value, m, "remove");
          if (!free.ok) return free;
          if (!(await ctx.store.removeMembership(c.value.id, m.id))) return err(`${who(m)} is not on the roster of ${c.value.name}.`);
          sends.push(...(await onRosterLeave(ctx, c.value, m)));
        }
        return ok([publicReply(textMessage(`Removed from ${c.value.name}: ${members.value.map(who).join(", ")}.`)), ...sends]);
      },
    }),
    subcommand({
      name: "coordinator",
      description: "Make a member a coordinator of the constituency (organisers, coordinators).",
      options: [NAME, ONE_MEMBER],
      examples: ["/constituency coordinator Youth @amina"],
      answer: "public",
      run: (ctx, args) => putMembers(ctx, args.name, [args.member], "coordinator"),
    }),
    subcommand({
      name: "demote",
      description: "Make a coordinator a plain member again (organisers, coordinators).",
      options: [NAME, ONE_MEMBER],
      examples: ["/constituency demote Youth @amina"],
      answer: "public",
      async run(ctx, args) {
        const c = await findConstituency(ctx, args.name);
        if (!c.ok) return c;
        const allowed = await requireCoordinator(ctx, c.value, "change its coordinators");
        if (!allowed.ok) return allowed;
        const m = await resolveMemberRef(ctx, args.member);
        if (!m.ok) return m;
        if ((await ctx.store.membership(c.value.id, m.value.id)) !== "coordinator") return err(`${who(m.value)} is not a coordinator of ${c.value.name}.`);
        await ctx.store.putMembership(c.value.id, m.value.id, "member", ctx.now);
        return ok([publicReply(textMessage(`${who(m.value)} is no longer a coordinator of ${c.value.name} (still on the roster).`))]);
      },
    }),
    subcommand({
      name: "open",
      description: "Let members join themselves (organisers, coordinators).",
      options: [WHOLE_NAME],
      examples: ["/constituency open Youth"],
      answer: "public",
      run: (ctx, args) => setOpen(ctx, args.name, true),
    }),
    subcommand({
      name: "close",
      description: "Stop members joining themselves (organisers, coordinators).",
      options: [WHOLE_NAME],
      examples: ["/constituency close Youth"],
      answer: "public",
      run: (ctx, args) => setOpen(ctx, args.name, false),
    }),
    subcommand({
      name: "follow",
      description: "Make the roster follow a Slack user group or Discord role of this workspace (organisers).",
      options: [NAME, { name: "group", type: "group", description: "The user group (Slack) or role (Discord): type @ and pick it.", required: true }],
      // As the platform sends what the organiser typed: Slack turns a picked @group into <!subteam^…>.
      examples: ["/constituency follow Youth <!subteam^S0614TZR7|@youth-caucus>", '/constituency follow "Trade unions" <@&1180000000000000001>'],
      answer: "public",
      async run(ctx, args) {
        const c = await findConstituency(ctx, args.name);
        if (!c.ok) return c;
        const allowed = requireOrganiser(ctx, "make a roster follow a group");
        if (!allowed.ok) return allowed;
        const done = await followGroup({ ...ctx, by: ctx.member }, c.value, args.group);
        if (!done.ok) return done;
        const { followed, replaced, report, sends } = done.value;
        return ok([
          publicReply(
            textMessage(
              `${c.value.name}'s roster now follows the ${groupLabel(followed)}${replaced ? ` (instead of the ${groupLabel(replaced)})` : ""}: whoever is in the group is on the roster, for this workspace's people. Members from other workspaces are managed as before.`,
              `Brought in step: ${syncReportLines(report).join(" ")}`,
              "Once an election's nominations close, its roll is fixed: later changes to the group change the roster, never that roll.",
            ),
          ),
          ...sends,
        ]);
      },
    }),
    subcommand({
      name: "unfollow",
      description: "Stop following this workspace's group; the roster stays as it is (organisers).",
      options: [WHOLE_NAME],
      examples: ["/constituency unfollow Youth"],
      answer: "public",
      async run(ctx, args) {
        const c = await findConstituency(ctx, args.name);
        if (!c.ok) return c;
        const allowed = requireOrganiser(ctx, "stop a roster following a group");
        if (!allowed.ok) return allowed;
        const gone = await unfollowGroup(ctx.store, c.value, { platform: ctx.actor.platform, workspaceId: ctx.actor.workspaceId });
        if (!gone.ok) return gone;
        return ok([publicReply(textMessage(`${c.value.name}'s roster no longer follows the ${groupLabel(gone.value)}. Everyone stays on it; add and remove members with /constituency add and remove.`))]);
      },
    }),
    subcommand({
      name: "join",
      description: "Join an open constituency.",
      options: [WHOLE_NAME],
      examples: ["/constituency join Youth"],
      answer: "private",
      async run(ctx, args) {
        const c = await findConstituency(ctx, args.name);
        if (!c.ok) return c;
        if (!c.value.open && !ctx.member.isOrganiser) {
          return err(`${c.value.name} is not open to joining: ask one of its coordinators or an organiser to add you (/constituency show "${c.value.name}" lists them).`);
        }
        const free = await refuseIfGroupDecides(ctx.store, c.value, ctx.member, "add");
        if (!free.ok) return err(free.error.replace(/add them to/, "join"));
        const r = await ctx.store.putMembership(c.value.id, ctx.member.id, "member", ctx.now);
        if (r === "unchanged") return err(`You are already on the roster of ${c.value.name}.`);
        return ok([privateReply(textMessage(`You joined ${c.value.name}.`)), ...(await onRosterJoin(ctx, c.value, ctx.member))]);
      },
    }),
    subcommand({
      name: "leave",
      description: "Leave a constituency.",
      options: [WHOLE_NAME],
      examples: ["/constituency leave Youth"],
      answer: "private",
      async run(ctx, args) {
        const c = await findConstituency(ctx, args.name);
        if (!c.ok) return c;
        const free = await refuseIfGroupDecides(ctx.store, c.value, ctx.member, "remove");
        if (!free.ok) return err(free.error.replace(/remove them from/, "leave"));
        if (!(await ctx.store.removeMembership(c.value.id, ctx.member.id))) return err(`You are not on the roster of ${c.value.name}.`);
        return ok([privateReply(textMessage(`You left ${c.value.name}.`)), ...(await onRosterLeave(ctx, c.value, ctx.member))]);
      },
    }),
    subcommand({
      name: "list",
      description: "List the network's constituencies.",
      options: [],
      examples: ["/constituency list"],
      answer: "private",
      async run(ctx) {
        const all = await ctx.store.listConstituencies(ctx.network.id);
        if (!all.length) return ok([privateReply(textMessage('No constituencies yet. Organisers create them with /constituency create "<name>".'))]);
        return ok([privateReply(textMessage(`Constituencies (${all.length}):`, ...all.map((c) => `• ${c.name}: ${c.size} member${c.size === 1 ? "" : "s"}${c.open ? ", open" : ""}`)))]);
      },
    }),
    subcommand({
      name: "show",
      description: "Show a constituency's roster and coordinators.",
      options: [WHOLE_NAME],
      examples: ['/constituency show "Africa region"', "/constituency show Africa region"],
      answer: "private",
      async run(ctx, args) {
        const c = await findConstituency(ctx, args.name);
        if (!c.ok) return c;
        const roster = await ctx.store.roster(c.value.id);
        const coordinators = roster.filter((r) => r.role === "coordinator").map((r) => who(r.member));
        const members = roster.filter((r) => r.role === "member").map((r) => who(r.member));
        const groups = await ctx.store.groupsOf(c.value.id);
        const message = textMessage(
          `${c.value.name} (${c.value.open ? "open" : "closed"}), ${roster.length} on the roster`,
          `Coordinators: ${coordinators.length ? coordinators.join(", ") : "none"}`,
          `Members: ${members.length ? members.join(", ") : "none"}`,
        );
        for (const g of groups) {
          message.text.push([
            `Follows the ${groupLabel(g)}: its members are the roster for that workspace's people; `,
            ...(g.syncedAt ? ["last brought in step ", localInstant(g.syncedAt, ctx.zone)] : ["not brought in step yet"]),
            ".",
          ]);
        }
        return ok([privateReply(message)]);
      },
    }),
  ],
});

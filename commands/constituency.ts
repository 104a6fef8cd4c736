import { privateReply, publicReply, type Command, type CommandContext } from "../src/command.ts";
import { cleanName } from "../src/cleanText.ts";
import { textMessage, type Send } from "../src/message.ts";
import { resolveMember, resolveMembers } from "../src/memberRef.ts";
import { requireCoordinator, requireOrganiser } from "../src/permissions.ts";
import { err, ok, type Result } from "../src/result.ts";
import type { Constituency } from "../src/store.ts";
import { onRosterJoin, onRosterLeave } from "../src/rosterHooks.ts";

export const MAX_CONSTITUENCY_NAME = 60;

const USAGE = {
  create: '/constituency create "<name>" [open]',
  add: '/constituency add "<name>" <member> [<member> ...]',
  remove: '/constituency remove "<name>" <member>',
  coordinator: '/constituency coordinator "<name>" <member>',
  open: '/constituency open|close "<name>"',
  join: '/constituency join "<name>"',
  leave: '/constituency leave "<name>"',
  show: '/constituency show "<name>"',
} as const;

async function findConstituency(ctx: CommandContext, name: string | undefined, usage: string): Promise<Result<Constituency>> {
  if (!name) return err(`Name the constituency. Usage: ${usage}`);
  const c = await ctx.store.findConstituency(ctx.network.id, name);
  if (c) return ok(c);
  const all = await ctx.store.listConstituencies(ctx.network.id);
  const list = all.length ? ` Constituencies here: ${all.map((x) => x.name).join(", ")}.` : " There are none yet.";
  return err(`There is no constituency called "${name}".${list} Names with spaces need quotes: "Trade unions".`);
}

const who = (m: { displayName: string }) => m.displayName;

export const constituency: Command = {
  name: "constituency",
  summary: "Constituencies (Youth, Trade unions, Africa region...) and their rosters of members and coordinators.",
  help: [
    { usage: USAGE.create, summary: "Create a constituency (organisers). `open` lets members join themselves.", example: '/constituency create "Trade unions"' },
    { usage: USAGE.add, summary: "Add members to the roster (organisers, coordinators).", example: "/constituency add Youth @amina @luis" },
    { usage: USAGE.remove, summary: "Remove a member from the roster (organisers, coordinators).", example: "/constituency remove Youth @luis" },
    { usage: USAGE.coordinator, summary: "Make a member a coordinator of the constituency (organisers, coordinators).", example: "/constituency coordinator Youth @amina" },
    { usage: '/constituency demote "<name>" <member>', summary: "Make a coordinator a plain member again (organisers, coordinators).", example: "/constituency demote Youth @amina" },
    { usage: USAGE.open, summary: "Let members join themselves, or stop that (organisers, coordinators).", example: "/constituency open Youth" },
    { usage: USAGE.join, summary: "Join an open constituency.", example: "/constituency join Youth" },
    { usage: USAGE.leave, summary: "Leave a constituency.", example: "/constituency leave Youth" },
    { usage: "/constituency list", summary: "List the network's constituencies.", example: "/constituency list" },
    { usage: USAGE.show, summary: "Show a constituency's roster and coordinators.", example: '/constituency show "Africa region"' },
  ],
  async run(ctx, args): Promise<Result<Send[]>> {
    const [sub, name, ...rest] = args;
    switch (sub?.toLowerCase()) {
      case "create": {
        const allowed = requireOrganiser(ctx, "create constituencies");
        if (!allowed.ok) return allowed;
        // `create Trade unions open` without quotes: treat trailing words as the name, except a final `open`.
        const words = [name, ...rest].filter((w): w is string => w !== undefined);
        const open = words.length > 1 && words[words.length - 1]!.toLowerCase() === "open";
        const cleaned = cleanName((open ? words.slice(0, -1) : words).join(" "), "constituency name", MAX_CONSTITUENCY_NAME);
        if (!cleaned.ok) return err(`${cleaned.error} Usage: ${USAGE.create}`);
        const created = await ctx.store.createConstituency({ networkId: ctx.network.id, name: cleaned.value, open, createdById: ctx.member.id });
        if (created === "exists") return err(`A constituency called "${cleaned.value}" already exists. See it with /constituency show "${cleaned.value}".`);
        return ok([
          publicReply(
            textMessage(
              `Constituency "${created.name}" created by ${who(ctx.member)} (${open ? "open: members can /constituency join it" : "closed: organisers and coordinators add members"}).`,
              `Add members: /constituency add "${created.name}" <member> ...`,
            ),
          ),
        ]);
      }
      case "add":
      case "coordinator": {
        const c = await findConstituency(ctx, name, USAGE[sub.toLowerCase() as "add" | "coordinator"]);
        if (!c.ok) return c;
        const allowed = await requireCoordinator(ctx, c.value, "change its roster");
        if (!allowed.ok) return allowed;
        if (rest.length === 0) return err(`Name at least one member. Usage: ${USAGE[sub.toLowerCase() as "add" | "coordinator"]}`);
        if (sub.toLowerCase() === "coordinator" && rest.length > 1) return err(`Name one member at a time. Usage: ${USAGE.coordinator}`);
        const members = await resolveMembers(ctx, rest);
        if (!members.ok) return members;
        const role = sub.toLowerCase() === "coordinator" ? "coordinator" : "member";
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
          const r = await ctx.store.putMembership(c.value.id, m.id, role, ctx.now);
          if (r === "unchanged") unchanged.push(who(m));
          else added.push(who(m));
          if (r === "added") sends.push(...(await onRosterJoin(ctx, c.value, m)));
        }
        const lines = [
          added.length
            ? `${role === "coordinator" ? "Coordinator of" : "Added to"} ${c.value.name}: ${added.join(", ")}.`
            : `Nothing changed in ${c.value.name}.`,
        ];
        if (unchanged.length) lines.push(`Already on the roster: ${unchanged.join(", ")}.`);
        return ok([publicReply(textMessage(...lines)), ...sends]);
      }
      case "demote": {
        const c = await findConstituency(ctx, name, USAGE.coordinator);
        if (!c.ok) return c;
        const allowed = await requireCoordinator(ctx, c.value, "change its coordinators");
        if (!allowed.ok) return allowed;
        if (rest.length !== 1) return err(`Name one member. Usage: /constituency demote "<name>" <member>`);
        const m = await resolveMember(ctx, rest[0]!);
        if (!m.ok) return m;
        if ((await ctx.store.membership(c.value.id, m.value.id)) !== "coordinator") return err(`${who(m.value)} is not a coordinator of ${c.value.name}.`);
        await ctx.store.putMembership(c.value.id, m.value.id, "member", ctx.now);
        return ok([publicReply(textMessage(`${who(m.value)} is no longer a coordinator of ${c.value.name} (still on the roster).`))]);
      }
      case "remove": {
        const c = await findConstituency(ctx, name, USAGE.remove);
        if (!c.ok) return c;
        const allowed = await requireCoordinator(ctx, c.value, "change its roster");
        if (!allowed.ok) return allowed;
        if (rest.length === 0) return err(`Name the member to remove. Usage: ${USAGE.remove}`);
        const members = await resolveMembers(ctx, rest);
        if (!members.ok) return members;
        const sends: Send[] = [];
        for (const m of members.value) {
          if (!(await ctx.store.removeMembership(c.value.id, m.id))) return err(`${who(m)} is not on the roster of ${c.value.name}.`);
          sends.push(...(await onRosterLeave(ctx, c.value, m)));
        }
        return ok([publicReply(textMessage(`Removed from ${c.value.name}: ${members.value.map(who).join(", ")}.`)), ...sends]);
      }
      case "open":
      case "close": {
        const c = await findConstituency(ctx, name, USAGE.open);
        if (!c.ok) return c;
        const allowed = await requireCoordinator(ctx, c.value, `${sub.toLowerCase()} it`);
        if (!allowed.ok) return allowed;
        const open = sub.toLowerCase() === "open";
        await ctx.store.setConstituencyOpen(c.value.id, open);
        return ok([
          publicReply(textMessage(open ? `${c.value.name} is open: members can join with /constituency join "${c.value.name}".` : `${c.value.name} is closed: organisers and coordinators add members.`)),
        ]);
      }
      case "join": {
        const c = await findConstituency(ctx, [name, ...rest].filter(Boolean).join(" ") || undefined, USAGE.join);
        if (!c.ok) return c;
        if (!c.value.open && !ctx.member.isOrganiser) {
          return err(`${c.value.name} is not open to joining: ask one of its coordinators or an organiser to add you (/constituency show "${c.value.name}" lists them).`);
        }
        const r = await ctx.store.putMembership(c.value.id, ctx.member.id, "member", ctx.now);
        if (r === "unchanged") return err(`You are already on the roster of ${c.value.name}.`);
        return ok([privateReply(textMessage(`You joined ${c.value.name}.`)), ...(await onRosterJoin(ctx, c.value, ctx.member))]);
      }
      case "leave": {
        const c = await findConstituency(ctx, [name, ...rest].filter(Boolean).join(" ") || undefined, USAGE.leave);
        if (!c.ok) return c;
        if (!(await ctx.store.removeMembership(c.value.id, ctx.member.id))) return err(`You are not on the roster of ${c.value.name}.`);
        return ok([privateReply(textMessage(`You left ${c.value.name}.`)), ...(await onRosterLeave(ctx, c.value, ctx.member))]);
      }
      case "list": {
        const all = await ctx.store.listConstituencies(ctx.network.id);
        if (!all.length) return ok([privateReply(textMessage("No constituencies yet. Organisers create them with /constituency create \"<name>\"."))]);
        return ok([
          privateReply(
            textMessage(
              `Constituencies (${all.length}):`,
              ...all.map((c) => `• ${c.name}: ${c.size} member${c.size === 1 ? "" : "s"}${c.open ? ", open" : ""}`),
            ),
          ),
        ]);
      }
      case "show": {
        const c = await findConstituency(ctx, [name, ...rest].filter(Boolean).join(" ") || undefined, USAGE.show);
        if (!c.ok) return c;
        const roster = await ctx.store.roster(c.value.id);
        const coordinators = roster.filter((r) => r.role === "coordinator").map((r) => who(r.member));
        const members = roster.filter((r) => r.role === "member").map((r) => who(r.member));
        return ok([
          privateReply(
            textMessage(
              `${c.value.name} (${c.value.open ? "open" : "closed"}), ${roster.length} on the roster`,
              `Coordinators: ${coordinators.length ? coordinators.join(", ") : "none"}`,
              `Members: ${members.length ? members.join(", ") : "none"}`,
            ),
          ),
        ]);
      }
      case undefined:
        return err("Say what to do: create, add, remove, coordinator, open, close, join, leave, list or show. Type /caucus help constituency.");
      default:
        return err(`"${sub}" is not a /constituency action. Use create, add, remove, coordinator, demote, open, close, join, leave, list or show.`);
    }
  },
};

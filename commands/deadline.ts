import { assertNever } from "../src/assertNever.ts";
import { privateReply, type CommandContext } from "../src/command.ts";
import { defineCommand, subcommand } from "../src/commandDefinition.ts";
import { localInstant as local, utcInstant as utc } from "../src/message.ts";
import { cleanName } from "../src/cleanText.ts";
import { addDeadline } from "../src/deadlines/addDeadline.ts";
import { cancelDeadline } from "../src/deadlines/cancelDeadline.ts";
import { currentNotice } from "../src/deadlines/currentNotice.ts";
import { deadlineReport } from "../src/deadlines/deadlineReport.ts";
import { moveDeadline } from "../src/deadlines/moveDeadline.ts";
import { upcomingDeadlines } from "../src/deadlines/upcomingDeadlines.ts";
import { DEFAULT_LADDER, parseLadder } from "../src/deadlines/parseLadder.ts";
import { parseLocalTime } from "../src/deadlines/parseLocalTime.ts";
import { formatNotice } from "../src/deadlines/notice.ts";
import { formatTimeLeft } from "../src/deadlines/formatDuration.ts";
import { deadlineId, forText, ladderText, noticeLine, stepsAhead } from "../src/deadlineRegistry.ts";
import type { Inline, Send } from "../src/message.ts";
import { err, ok, type Result } from "../src/result.ts";
import type { Deadline } from "../src/store.ts";

export const MAX_TITLE = 120;
const MAX_LINK = 500;

const members = (n: number) => `${n} member${n === 1 ? "" : "s"}`;

async function findDeadline(ctx: CommandContext, token: string): Promise<Result<Deadline>> {
  const m = /^d?(\d{1,9})$/i.exec(token);
  if (!m) return err(`"${token}" is not a deadline id: ids look like D3 (see /deadline list).`);
  const d = await ctx.store.findDeadline(ctx.network.id, Number(m[1]));
  return d ? ok(d) : err(`There is no deadline D${Number(m[1])} in this network. /deadline list shows the upcoming ones.`);
}

/** Reminder steps as typed after `remind`: commas or spaces between them (`3d,1h`, `3d, 1h`, `3d 1h`). */
function readLadder(text: string | undefined): Result<number[]> {
  const l = parseLadder(text === undefined ? DEFAULT_LADDER : text.trim().split(/\s*,\s*|\s+/).join(","));
  return l.ok ? l : err(`Reminder ladder: ${l.error}`);
}

function readLink(text: string | undefined): Result<string | null> {
  if (text === undefined) return ok(null);
  if (/\s/.test(text)) return err("A link is one URL without spaces.");
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return err(`"${text}" is not a link: give a full URL starting with https://`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return err(`Links must start with https:// or http://, not ${url.protocol}`);
  if (text.length > MAX_LINK) return err(`That link is over ${MAX_LINK} characters: use a shorter one.`);
  return ok(url.toString());
}

type AddArgs = { title: string; date: string; time: string; zone: string | undefined; constituency: string | undefined; ladder: string | undefined; link: string | undefined };

async function add(ctx: CommandContext, args: AddArgs): Promise<Result<Send[]>> {
  const title = cleanName(args.title, "title", MAX_TITLE);
  if (!title.ok) return err(`${title.error} Put a title with spaces in quotes.`);
  const ladder = readLadder(args.ladder);
  if (!ladder.ok) return ladder;
  const link = readLink(args.link);
  if (!link.ok) return link;
  const zone = args.zone ?? ctx.zone;
  const dueAt = parseLocalTime(args.date, args.time, zone);
  if (!dueAt.ok) return dueAt;
  let constituencyId: string | null = null;
  if (args.constituency) {
    const c = await ctx.store.findConstituency(ctx.network.id, args.constituency);
    if (!c) return err(`There is no constituency called "${args.constituency}". /constituency list shows them.`);
    constituencyId = c.id;
  }
  const added = await addDeadline(ctx, { title: title.value, dueAt: dueAt.value, zone, constituencyId, ladder: ladder.value, link: link.value });
  if (!added.ok) return added;
  const { deadline: d, told, forWhom, noticeMs, deliveries } = added.value;
  const names = told.map((m) => m.displayName);
  const reply = privateReply({
    text: [
      [`Saved ${deadlineId(d)}: ${d.title}`],
      ["Due ", local(d.dueAt, ctx.zone), " = ", utc(d.dueAt)],
      [`Told ${members(told.length)} (${forWhom})${names.length && names.length <= 12 ? `: ${names.join(", ")}` : ""}; reminders ${stepsAhead(d, ctx.now)}.`],
      [noticeLine(noticeMs, ctx.network, "Notice given:")],
    ],
  });
  return ok([reply, ...deliveries]);
}

async function move(ctx: CommandContext, args: { deadline: string; date: string; time: string; zone: string | undefined }): Promise<Result<Send[]>> {
  const d = await findDeadline(ctx, args.deadline);
  if (!d.ok) return d;
  // Without a zone, the new time is read in the zone the deadline was entered in.
  const zone = args.zone ?? d.value.zone;
  const dueAt = parseLocalTime(args.date, args.time, zone);
  if (!dueAt.ok) return dueAt;
  const moved = await moveDeadline(ctx, { deadline: d.value, dueAt: dueAt.value, zone });
  if (!moved.ok) return moved;
  const { deadline, told, deliveries } = moved.value;
  return ok([privateReply({ text: [[`Moved ${deadlineId(deadline)} to `, local(deadline.dueAt, ctx.zone), ` and told ${members(told.length)}.`]] }), ...deliveries]);
}

async function cancel(ctx: CommandContext, id: string): Promise<Result<Send[]>> {
  const d = await findDeadline(ctx, id);
  if (!d.ok) return d;
  const cancelled = await cancelDeadline(ctx, { deadline: d.value });
  if (!cancelled.ok) return cancelled;
  const { deadline, told, deliveries } = cancelled.value;
  return ok([privateReply({ text: [[`Cancelled ${deadlineId(deadline)} and told ${members(told.length)}.`]] }), ...deliveries]);
}

async function list(ctx: CommandContext, args: { constituency: string | undefined; all: boolean }): Promise<Result<Send[]>> {
  if (args.all && args.constituency) return err(`Say all or a constituency, not both: /deadline list all, or /deadline list ${args.constituency}.`);
  let deadlines: Deadline[];
  let heading = "Your upcoming deadlines";
  if (args.all) {
    deadlines = await upcomingDeadlines(ctx.store, ctx.network, { kind: "all" }, ctx.now);
    heading = "All upcoming deadlines in the network";
  } else if (args.constituency) {
    const c = await ctx.store.findConstituency(ctx.network.id, args.constituency);
    if (!c) return err(`There is no constituency called "${args.constituency}". /constituency list shows them.`);
    deadlines = await upcomingDeadlines(ctx.store, ctx.network, { kind: "constituency", constituencyId: c.id }, ctx.now);
    heading = `Upcoming deadlines for ${c.name}`;
  } else {
    deadlines = await upcomingDeadlines(ctx.store, ctx.network, { kind: "member", memberId: ctx.member.id }, ctx.now);
  }
  const mine = !args.all && !args.constituency;
  if (!deadlines.length) return ok([privateReply({ text: [[`${heading}: none.${mine ? " /deadline list all shows the whole network's." : ""}`]] })]);
  const lines: Inline[][] = [[`${heading} (times in ${ctx.zone}):`]];
  for (const d of deadlines) {
    const n = await currentNotice(ctx.store, ctx.network, d);
    lines.push([`${deadlineId(d)} `, local(d.dueAt, ctx.zone), ` · ${d.title} · ${formatTimeLeft(ctx.now, d.dueAt)} · notice ${formatNotice(n.ms)}${n.short ? " ⚠️ short notice" : ""} · for ${await forText(ctx.store, d)}`]);
  }
  return ok([privateReply({ text: lines })]);
}

async function show(ctx: CommandContext, id: string): Promise<Result<Send[]>> {
  const d = await findDeadline(ctx, id);
  if (!d.ok) return d;
  const dl = d.value;
  const n = await currentNotice(ctx.store, ctx.network, dl);
  const lines: Inline[][] = [
    [`${deadlineId(dl)}: ${dl.title}${dl.cancelledAt ? " (CANCELLED)" : ""}`],
    ["Due ", local(dl.dueAt, ctx.zone), " = ", utc(dl.dueAt), ` (entered in ${dl.zone}); ${formatTimeLeft(ctx.now, dl.dueAt)}`],
    [`For: ${await forText(ctx.store, dl)} · ${(await ctx.store.recipients(dl.id)).length} told · reminders ${ladderText(dl.ladder)} before`],
    [noticeLine(n.ms, ctx.network, n.moves ? "Current date announced" : "Announced")],
  ];
  if (dl.link) lines.push([`Link: ${dl.link}`]);
  lines.push(["History:"]);
  for (const e of await ctx.store.deadlineEvents(dl.id)) {
    const by = (await ctx.store.getMember(e.byMemberId))?.displayName ?? "a former member";
    const when: Inline[] = ["• ", local(e.at, ctx.zone), " "];
    switch (e.kind) {
      case "created":
        lines.push([...when, `created by ${by}, due `, local(e.toDueAt!, ctx.zone), ` (notice ${formatNotice(e.noticeMs ?? 0)})`]);
        break;
      case "moved":
        lines.push([...when, `moved by ${by} from `, local(e.fromDueAt!, ctx.zone), " to ", local(e.toDueAt!, ctx.zone), ` (notice ${formatNotice(e.noticeMs ?? 0)})`]);
        break;
      case "cancelled":
        lines.push([...when, `cancelled by ${by}`]);
        break;
      default:
        assertNever(e.kind, "deadline event");
    }
  }
  return ok([privateReply({ text: lines })]);
}

async function report(ctx: CommandContext): Promise<Result<Send[]>> {
  const { rows, summary: r } = await deadlineReport(ctx.store, ctx.network, ctx.now);
  const lines: Inline[][] = [[`Deadline transparency report (times in ${ctx.zone}; short notice = under ${ctx.network.shortNoticeHours} h)`]];
  for (const { deadline: d, notice: n, firstNoticeMs } of rows) {
    lines.push([
      `${deadlineId(d)} ${d.title}: announced `,
      local(d.announcedAt, ctx.zone),
      ", due ",
      local(d.dueAt, ctx.zone),
      `, notice ${formatNotice(n.ms)}${n.short ? " ⚠️ SHORT" : ""}` +
        (n.moves ? `, moved ${n.moves}× (first announced with ${formatNotice(firstNoticeMs)} notice)` : ", never moved") +
        (d.cancelledAt ? ", cancelled" : ""),
    ]);
  }
  lines.push([
    r.count
      ? `Last 90 days: ${r.count} deadline${r.count === 1 ? "" : "s"}, median notice ${formatNotice(r.medianNoticeMs ?? 0)}, short notice ${r.shortNoticeCount} of ${r.count} (${Math.round((r.shortNoticeShare ?? 0) * 100)}%), ${r.movedCount} moved, ${r.cancelledCount} cancelled.`
      : "Last 90 days: no deadlines announced.",
  ]);
  return ok([privateReply({ text: lines })]);
}

const DEADLINE = { name: "deadline", type: "deadline", description: "The deadline's id, like D3 (see /deadline list).", required: true, placeholder: "id" } as const;
const DATE = { name: "date", type: "date", description: "The day, YYYY-MM-DD.", required: true } as const;
const TIME = { name: "time", type: "time", description: "The time of day, HH:mm on a 24-hour clock.", required: true } as const;

export const deadline = defineCommand({
  name: "deadline",
  description: "The network's deadline registry: everyone sees each deadline in their own time zone, with reminders.",
  subcommands: [
    subcommand({
      name: "add",
      description: "Announce a deadline (organisers; coordinators for theirs). Default reminders 7d,72h,24h,6h,1h.",
      options: [
        { name: "title", type: "text", description: "What is due (quote it if it has spaces).", required: true },
        DATE,
        TIME,
        { name: "zone", type: "zone", aoe: true, description: "The zone the time is in (default: yours); AoE for Anywhere on Earth." },
        { name: "constituency", type: "constituency", keyword: "for", greedy: true, description: "Who it is for (default: everyone in the network)." },
        { name: "ladder", type: "text", keyword: "remind", greedy: true, description: "When to remind before it, e.g. 3d,1h (default 7d,72h,24h,6h,1h)." },
        { name: "link", type: "text", keyword: "link", greedy: true, placeholder: "url", description: "A link to the call or form (https://...)." },
      ],
      examples: [
        '/deadline add "Speaker proposals" 2026-05-01 23:00 Europe/Paris for Youth remind 3d,1h',
        '/deadline add "Visa letters" 2026-06-15 17:00 AoE link https://example.org/visa',
      ],
      answer: "private",
      run: (ctx, args) => add(ctx, args),
    }),
    subcommand({
      name: "list",
      description: "Upcoming deadlines in your time zone, soonest first: yours, a constituency's, or all.",
      options: [
        { name: "constituency", type: "constituency", greedy: true, description: "Only this constituency's deadlines." },
        { name: "all", type: "flag", keyword: "all", description: "Every upcoming deadline in the network." },
      ],
      examples: ["/deadline list all", "/deadline list", "/deadline list Youth"],
      answer: "private",
      run: (ctx, args) => list(ctx, args),
    }),
    subcommand({
      name: "show",
      description: "Details and full change history.",
      options: [DEADLINE],
      examples: ["/deadline show D3"],
      answer: "private",
      run: (ctx, args) => show(ctx, args.deadline),
    }),
    subcommand({
      name: "move",
      description: "Move a deadline; everyone told hears of it (organisers, coordinators).",
      options: [
        DEADLINE,
        { ...DATE, description: "The new day, YYYY-MM-DD." },
        { ...TIME, description: "The new time of day, HH:mm." },
        { name: "zone", type: "zone", aoe: true, description: "The zone the new time is in (default: the zone it was entered in)." },
      ],
      examples: ["/deadline move D3 2026-05-02 12:00", "/deadline move D3 2026-05-02 12:00 AoE"],
      answer: "private",
      run: (ctx, args) => move(ctx, args),
    }),
    subcommand({
      name: "cancel",
      description: "Cancel a deadline; everyone told hears of it (organisers, coordinators).",
      options: [DEADLINE],
      examples: ["/deadline cancel D3"],
      answer: "private",
      run: (ctx, args) => cancel(ctx, args.deadline),
    }),
    subcommand({
      name: "report",
      description: "Transparency report: notice given, short notice, moves; 90-day median.",
      options: [],
      examples: ["/deadline report"],
      answer: "private",
      run: (ctx) => report(ctx),
    }),
  ],
});

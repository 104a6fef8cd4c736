import { assertNever } from "../src/assertNever.ts";
import { privateReply, type Command, type CommandContext } from "../src/command.ts";
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
import { parseZone } from "../src/zoneName.ts";

export const MAX_TITLE = 120;
const USAGE = {
  add: '/deadline add "<title>" <YYYY-MM-DD> <HH:mm> [<IANA zone>|AoE] [for <constituency>] [remind <ladder>] [link <url>]',
  list: "/deadline list [all|<constituency>]",
  show: "/deadline show <id>",
  move: "/deadline move <id> <YYYY-MM-DD> <HH:mm> [<IANA zone>|AoE]",
  cancel: "/deadline cancel <id>",
  report: "/deadline report",
} as const;
const KEYWORDS = new Set(["for", "remind", "link"]);

const members = (n: number) => `${n} member${n === 1 ? "" : "s"}`;

function readZone(token: string): Result<string> {
  return token.toLowerCase() === "aoe" ? ok("AoE") : parseZone(token);
}

async function findDeadline(ctx: CommandContext, token: string | undefined, usage: string): Promise<Result<Deadline>> {
  if (!token) return err(`Give the deadline's id, like D3. Usage: ${usage}`);
  const m = /^d?(\d{1,9})$/i.exec(token);
  if (!m) return err(`"${token}" is not a deadline id: ids look like D3 (see /deadline list).`);
  const d = await ctx.store.findDeadline(ctx.network.id, Number(m[1]));
  return d ? ok(d) : err(`There is no deadline D${Number(m[1])} in this network. /deadline list shows the upcoming ones.`);
}

type AddArgs = { title: string; date: string; time: string; zone: string | null; forName: string | null; ladder: number[]; link: string | null };

function parseAdd(args: string[]): Result<AddArgs> {
  const [titleRaw, date, time, ...rest] = args;
  if (!titleRaw || !date || !time) return err(`Give a title, a date and a time. Usage: ${USAGE.add}\nExample: /deadline add "Speaker proposals" 2026-05-01 23:00 Europe/Paris for Youth`);
  const title = cleanName(titleRaw, "title", MAX_TITLE);
  if (!title.ok) return err(`${title.error} Put a title with spaces in quotes.`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    return err(`"${date}" is not a date: write YYYY-MM-DD, e.g. 2026-05-01. (Is the title in quotes? "${titleRaw} ${date}"…)`);
  }
  const out: AddArgs = { title: title.value, date, time, zone: null, forName: null, ladder: [], link: null };
  let ladder = DEFAULT_LADDER;
  let i = 0;
  if (rest[0] && !KEYWORDS.has(rest[0].toLowerCase())) {
    const z = readZone(rest[0]);
    if (!z.ok) return err(`${z.error} (After the time come an optional zone, then for, remind and link.)`);
    out.zone = z.value;
    i = 1;
  }
  while (i < rest.length) {
    const key = rest[i]!.toLowerCase();
    const values: string[] = [];
    for (i++; i < rest.length && !KEYWORDS.has(rest[i]!.toLowerCase()); i++) values.push(rest[i]!);
    if (!KEYWORDS.has(key)) return err(`"${rest[i - values.length - 1]}" is not understood here: after the time come an optional zone, then for, remind and link. Usage: ${USAGE.add}`);
    if (!values.length) return err(`"${key}" needs a value. Usage: ${USAGE.add}`);
    if (key === "for") out.forName = values.join(" ");
    if (key === "remind") ladder = values.join("");
    if (key === "link") {
      if (values.length > 1) return err("A link is one URL without spaces.");
      let url: URL;
      try {
        url = new URL(values[0]!);
      } catch {
        return err(`"${values[0]}" is not a link: give a full URL starting with https://`);
      }
      if (url.protocol !== "https:" && url.protocol !== "http:") return err(`Links must start with https:// or http://, not ${url.protocol}`);
      if (values[0]!.length > 500) return err("That link is over 500 characters: use a shorter one.");
      out.link = url.toString();
    }
  }
  const l = parseLadder(ladder);
  if (!l.ok) return err(`Reminder ladder: ${l.error}`);
  out.ladder = l.value;
  return ok(out);
}

async function add(ctx: CommandContext, args: string[]): Promise<Result<Send[]>> {
  const a = parseAdd(args);
  if (!a.ok) return a;
  const zone = a.value.zone ?? ctx.zone;
  const dueAt = parseLocalTime(a.value.date, a.value.time, zone);
  if (!dueAt.ok) return dueAt;
  let constituencyId: string | null = null;
  if (a.value.forName) {
    const c = await ctx.store.findConstituency(ctx.network.id, a.value.forName);
    if (!c) return err(`There is no constituency called "${a.value.forName}". /constituency list shows them.`);
    constituencyId = c.id;
  }
  const added = await addDeadline(ctx, { title: a.value.title, dueAt: dueAt.value, zone, constituencyId, ladder: a.value.ladder, link: a.value.link });
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

async function move(ctx: CommandContext, args: string[]): Promise<Result<Send[]>> {
  const [id, date, time, zoneToken, ...extra] = args;
  const d = await findDeadline(ctx, id, USAGE.move);
  if (!d.ok) return d;
  if (!date || !time) return err(`Give the new date and time. Usage: ${USAGE.move}`);
  if (extra.length) return err(`Too many words after the time. Usage: ${USAGE.move}`);
  let zone = d.value.zone;
  if (zoneToken) {
    const z = readZone(zoneToken);
    if (!z.ok) return z;
    zone = z.value;
  }
  const dueAt = parseLocalTime(date, time, zone);
  if (!dueAt.ok) return dueAt;
  const moved = await moveDeadline(ctx, { deadline: d.value, dueAt: dueAt.value, zone });
  if (!moved.ok) return moved;
  const { deadline, told, deliveries } = moved.value;
  return ok([privateReply({ text: [[`Moved ${deadlineId(deadline)} to `, local(deadline.dueAt, ctx.zone), ` and told ${members(told.length)}.`]] }), ...deliveries]);
}

async function cancel(ctx: CommandContext, args: string[]): Promise<Result<Send[]>> {
  const d = await findDeadline(ctx, args[0], USAGE.cancel);
  if (!d.ok) return d;
  if (args.length > 1) return err(`Give just the id. Usage: ${USAGE.cancel}`);
  const cancelled = await cancelDeadline(ctx, { deadline: d.value });
  if (!cancelled.ok) return cancelled;
  const { deadline, told, deliveries } = cancelled.value;
  return ok([privateReply({ text: [[`Cancelled ${deadlineId(deadline)} and told ${members(told.length)}.`]] }), ...deliveries]);
}

async function list(ctx: CommandContext, args: string[]): Promise<Result<Send[]>> {
  const scope = args.join(" ");
  let deadlines: Deadline[];
  let heading = "Your upcoming deadlines";
  if (scope.toLowerCase() === "all") {
    deadlines = await upcomingDeadlines(ctx.store, ctx.network, { kind: "all" }, ctx.now);
    heading = "All upcoming deadlines in the network";
  } else if (scope) {
    const c = await ctx.store.findConstituency(ctx.network.id, scope);
    if (!c) return err(`There is no constituency called "${scope}". Usage: ${USAGE.list}`);
    deadlines = await upcomingDeadlines(ctx.store, ctx.network, { kind: "constituency", constituencyId: c.id }, ctx.now);
    heading = `Upcoming deadlines for ${c.name}`;
  } else {
    deadlines = await upcomingDeadlines(ctx.store, ctx.network, { kind: "member", memberId: ctx.member.id }, ctx.now);
  }
  if (!deadlines.length) return ok([privateReply({ text: [[`${heading}: none.${scope ? "" : " /deadline list all shows the whole network's."}`]] })]);
  const lines: Inline[][] = [[`${heading} (times in ${ctx.zone}):`]];
  for (const d of deadlines) {
    const n = await currentNotice(ctx.store, ctx.network, d);
    lines.push([`${deadlineId(d)} `, local(d.dueAt, ctx.zone), ` · ${d.title} · ${formatTimeLeft(ctx.now, d.dueAt)} · notice ${formatNotice(n.ms)}${n.short ? " ⚠️ short notice" : ""} · for ${await forText(ctx.store, d)}`]);
  }
  return ok([privateReply({ text: lines })]);
}

async function show(ctx: CommandContext, args: string[]): Promise<Result<Send[]>> {
  const d = await findDeadline(ctx, args[0], USAGE.show);
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

export const deadline: Command = {
  name: "deadline",
  summary: "The network's deadline registry: everyone sees each deadline in their own time zone, with reminders.",
  help: [
    { usage: USAGE.add, summary: "Announce a deadline (organisers; coordinators for their constituency). Default reminders 7d,72h,24h,6h,1h.", example: '/deadline add "Speaker proposals" 2026-05-01 23:00 Europe/Paris for Youth remind 3d,1h' },
    { usage: USAGE.list, summary: "Upcoming deadlines in your time zone, soonest first.", example: "/deadline list all" },
    { usage: USAGE.show, summary: "Details and full change history.", example: "/deadline show D3" },
    { usage: USAGE.move, summary: "Move a deadline; everyone told hears of it (organisers, coordinators).", example: "/deadline move D3 2026-05-02 12:00" },
    { usage: USAGE.cancel, summary: "Cancel a deadline; everyone told hears of it (organisers, coordinators).", example: "/deadline cancel D3" },
    { usage: USAGE.report, summary: "Transparency report: notice given, short notice, moves; 90-day median.", example: "/deadline report" },
  ],
  async run(ctx, args) {
    const [sub, ...rest] = args;
    switch (sub?.toLowerCase()) {
      case "add":
        return add(ctx, rest);
      case "list":
        return list(ctx, rest);
      case "show":
        return show(ctx, rest);
      case "move":
        return move(ctx, rest);
      case "cancel":
        return cancel(ctx, rest);
      case "report":
        return report(ctx);
      case undefined:
        return err("Say what to do: add, list, show, move, cancel or report. Type /caucus help deadline.");
      default:
        return err(`"${sub}" is not a /deadline action. Use add, list, show, move, cancel or report.`);
    }
  },
};

import { privateReply, type Command, type CommandContext } from "../src/command.ts";
import { localInstant as local } from "../src/message.ts";
import { parseLocalTime } from "../src/deadlines/parseLocalTime.ts";
import { verifyChain } from "../src/elections/auditChain.ts";
import { createElection } from "../src/elections/createElection.ts";
import { candidateNames, declaredRules, electionLabel, resultText, rulesText } from "../src/elections/electionFlow.ts";
import { isElectionMethod } from "../src/elections/electionMethod.ts";
import { findElection } from "../src/elections/findElection.ts";
import { openElection } from "../src/elections/openElection.ts";
import { publishedBallots } from "../src/elections/publishedBallots.ts";
import type { TallyResult } from "../src/tally/tallyResult.ts";
import type { Inline, Send } from "../src/message.ts";
import { err, ok, type Result } from "../src/result.ts";
import { parseZone } from "../src/zoneName.ts";

const USAGE = {
  create:
    '/election create "<constituency>" "<title>" seats <n> method <approval|irv|stv|meek|schulze> nominations <YYYY-MM-DD HH:mm> voting <YYYY-MM-DD HH:mm> [zone] [endorsements <k>]',
  open: "/election open <id>",
  show: "/election show <id>",
  results: "/election results <id>",
  ballots: "/election ballots <id>",
  audit: "/election audit <id>",
} as const;

/** A whole number as typed; the range is the election's rule (createElection). */
function wholeNumber(key: string, raw: string): Result<number> {
  return /^\d{1,6}$/.test(raw) ? ok(Number(raw)) : err(`${key} must be a whole number, not "${raw}".`);
}

async function create(ctx: CommandContext, args: string[]): Promise<Result<Send[]>> {
  const [cName, titleRaw, ...rest] = args;
  if (!cName || !titleRaw) return err(`Name the constituency and the title. Usage: ${USAGE.create}`);
  const constituency = await ctx.store.findConstituency(ctx.network.id, cName);
  if (!constituency) return err(`There is no constituency called "${cName}". Names with spaces need quotes. Usage: ${USAGE.create}`);
  const opts: Record<string, string[]> = {};
  let zoneToken: string | undefined;
  for (let i = 0; i < rest.length; ) {
    const key = rest[i]!.toLowerCase();
    const arity = key === "nominations" || key === "voting" ? 2 : key === "seats" || key === "method" || key === "endorsements" ? 1 : 0;
    if (arity === 0) {
      if (zoneToken === undefined && opts.voting) {
        zoneToken = rest[i];
        i++;
        continue;
      }
      return err(`"${rest[i]}" is not understood here. Usage: ${USAGE.create}`);
    }
    const values = rest.slice(i + 1, i + 1 + arity);
    if (values.length < arity || (arity === 2 && !/^\d{1,2}:\d{2}/.test(values[1]!))) {
      return err(`"${key}" needs ${arity === 2 ? "a date and a time (YYYY-MM-DD HH:mm)" : "a value"}. Usage: ${USAGE.create}`);
    }
    if (opts[key]) return err(`"${key}" is given twice: say it once.`);
    opts[key] = values;
    i += 1 + arity;
  }
  for (const k of ["seats", "method", "nominations", "voting"]) if (!opts[k]) return err(`Missing "${k}". Usage: ${USAGE.create}`);
  const seats = wholeNumber("seats", opts.seats![0]!);
  if (!seats.ok) return seats;
  const method = opts.method![0]!.toLowerCase();
  if (!isElectionMethod(method)) return err(`"${opts.method![0]}" is not a method: use approval, irv, stv, meek or schulze.`);
  const endorsements = opts.endorsements ? wholeNumber("endorsements", opts.endorsements[0]!) : ok(0);
  if (!endorsements.ok) return endorsements;
  let zone = ctx.zone;
  if (zoneToken) {
    const z = zoneToken.toLowerCase() === "aoe" ? ok("AoE") : parseZone(zoneToken);
    if (!z.ok) return z;
    zone = z.value;
  }
  const nominationsCloseAt = parseLocalTime(opts.nominations![0]!, opts.nominations![1]!, zone);
  if (!nominationsCloseAt.ok) return err(`nominations: ${nominationsCloseAt.error}`);
  const votingCloseAt = parseLocalTime(opts.voting![0]!, opts.voting![1]!, zone);
  if (!votingCloseAt.ok) return err(`voting: ${votingCloseAt.error}`);
  const created = await createElection(
    ctx.store,
    {
      by: ctx.member,
      constituency,
      title: titleRaw,
      seats: seats.value,
      method,
      endorsementsNeeded: endorsements.value,
      nominationsCloseAt: nominationsCloseAt.value,
      votingCloseAt: votingCloseAt.value,
      zone,
      channel: ctx.channel,
    },
    ctx.now,
  );
  if (!created.ok) return created;
  const e = created.value.election;
  return ok([
    privateReply({
      text: [
        [`Draft ${electionLabel(e)} created: ${e.title} (${constituency.name}), ${e.seats} seat${e.seats === 1 ? "" : "s"} by ${e.method}.`],
        ...rulesText(e, declaredRules(e)),
        [`Check the rules, then publish and freeze them with /election open ${electionLabel(e)}.`],
      ],
    }),
    ...created.value.deliveries,
  ]);
}

async function open(ctx: CommandContext, args: string[]): Promise<Result<Send[]>> {
  const f = await findElection(ctx, args[0], USAGE.open);
  if (!f.ok) return f;
  const opened = await openElection(ctx.store, { election: f.value, network: ctx.network, by: ctx.member, channel: ctx.channel }, ctx.now, ctx.random);
  if (!opened.ok) return opened;
  return ok([privateReply({ text: [[`Opened ${electionLabel(opened.value.election)}; its rules are published and frozen.`]] }), ...opened.value.deliveries]);
}

async function show(ctx: CommandContext, args: string[]): Promise<Result<Send[]>> {
  const f = await findElection(ctx, args[0], USAGE.show);
  if (!f.ok) return f;
  const e = f.value;
  const constituency = await ctx.store.getConstituency(e.constituencyId);
  const lines: Inline[][] = [[`${electionLabel(e)} ${e.title} (${constituency?.name}): ${e.status}, ${e.seats} seat${e.seats === 1 ? "" : "s"} by ${e.method}`], ...rulesText(e, e.rules ?? declaredRules(e))];
  const nominations = await ctx.store.elections.nominations(e.id);
  const endorsements = await ctx.store.elections.endorsements(e.id);
  if (nominations.length) {
    const names = await candidateNames(ctx.store, nominations.map((n) => n.memberId));
    lines.push([
      "Nominations: " +
        nominations
          .map((n) => {
            const count = new Set(endorsements.filter((x) => x.candidateId === n.memberId).map((x) => x.endorserId)).size;
            return `${names.get(n.memberId)} (${n.status}${e.endorsementsNeeded ? `, ${count}/${e.endorsementsNeeded} endorsements` : ""})`;
          })
          .join(", "),
    ]);
  } else lines.push(["Nominations: none yet."]);
  if (e.status === "voting" || e.status === "closed") {
    // Turnout only: nobody, coordinators included, sees ballot contents before the anonymised publication.
    lines.push([`Turnout so far: ${await ctx.store.elections.ballotCount(e.id)} of ${e.rollSize} on the roll.`]);
  }
  return ok([privateReply({ text: lines })]);
}

async function results(ctx: CommandContext, args: string[]): Promise<Result<Send[]>> {
  const f = await findElection(ctx, args[0], USAGE.results);
  if (!f.ok) return f;
  const e = f.value;
  if (e.status !== "closed") return ok([privateReply({ text: [[`${electionLabel(e)} has not been counted yet: voting closes `, local(e.votingCloseAt, ctx.zone), "."]] })]);
  if (!e.result) return ok([privateReply({ text: [[`${electionLabel(e)} closed with no candidates or no ballots: nobody was elected.`]] })]);
  const ballots = await ctx.store.elections.ballotCount(e.id);
  return ok([privateReply({ text: resultText(e, e.result as TallyResult, { ballots, roll: e.rollSize ?? 0 }, ctx.zone) })]);
}

async function ballots(ctx: CommandContext, args: string[]): Promise<Result<Send[]>> {
  const f = await findElection(ctx, args[0], USAGE.ballots);
  if (!f.ok) return f;
  const published = await publishedBallots(ctx.store, f.value);
  if (!published.ok) return published;
  const { filename, blt, method, seed } = published.value;
  // One line of text, then the file: where the platform takes no files the core pages the file in below it.
  return ok([
    privateReply({
      text: [
        [
          `Anonymised ballots of ${electionLabel(f.value)} in BLT format, attached as ${filename} (random order, no voter information). Tie-break seed: ${seed}. ` +
            `Recount: save the file, then npm run --silent tally -- --method ${method} --seed ${seed} ${filename}`,
        ],
      ],
      attachment: { filename, mediaType: "text/plain", content: blt },
    }),
  ]);
}

async function audit(ctx: CommandContext, args: string[]): Promise<Result<Send[]>> {
  const f = await findElection(ctx, args[0], USAGE.audit);
  if (!f.ok) return f;
  const e = f.value;
  const entries = await ctx.store.elections.log(e.id);
  const check = verifyChain(entries);
  const lines: Inline[][] = [
    check.ok
      ? [`✅ Audit log of ${electionLabel(e)}: ${check.count} entries, chain intact. Head hash: ${check.head}`]
      : [`❌ Audit log of ${electionLabel(e)} is TAMPERED: ${check.reason}. Report this to the organisers.`],
    ["How to verify: hash(n) = SHA-256(hash(n-1) + newline + canonical JSON (RFC 8785) of {seq, kind, at, payload}), starting from 64 zeros; the last hash must equal the head hash above."],
  ];
  for (const x of entries) lines.push([`${x.seq} ${x.at} ${x.kind} ${JSON.stringify(x.payload)} → ${x.hash}`]);
  return ok([privateReply({ text: lines })]);
}

export const election: Command = {
  name: "election",
  summary: "Constituency elections: declared rules, nominations, voting, counts anyone can check.",
  help: [
    { usage: USAGE.create, summary: "Draft an election (organisers, the constituency's coordinators).", example: '/election create Youth "Youth spokesperson" seats 1 method irv nominations 2026-05-01 12:00 voting 2026-05-08 12:00 Europe/Paris endorsements 2' },
    { usage: USAGE.open, summary: "Publish and freeze the rules; nominations open.", example: "/election open E1" },
    { usage: "/election list", summary: "Every election in the network.", example: "/election list" },
    { usage: USAGE.show, summary: "Rules, nominations, turnout.", example: "/election show E1" },
    { usage: USAGE.results, summary: "The count, round by round.", example: "/election results E1" },
    { usage: USAGE.ballots, summary: "The anonymised ballots (BLT) for an independent recount.", example: "/election ballots E1" },
    { usage: USAGE.audit, summary: "Verify the tamper-evident audit log.", example: "/election audit E1" },
  ],
  async run(ctx, args) {
    const [sub, ...rest] = args;
    switch (sub?.toLowerCase()) {
      case "create":
        return create(ctx, rest);
      case "open":
        return open(ctx, rest);
      case "show":
        return show(ctx, rest);
      case "results":
        return results(ctx, rest);
      case "ballots":
        return ballots(ctx, rest);
      case "audit":
        return audit(ctx, rest);
      case "list": {
        const all = await ctx.store.elections.list(ctx.network.id);
        if (!all.length) return ok([privateReply({ text: [["No elections yet."]] })]);
        const lines: Inline[][] = [["Elections:"]];
        for (const e of all) {
          const c = await ctx.store.getConstituency(e.constituencyId);
          lines.push([`${electionLabel(e)} ${e.title} (${c?.name}): ${e.status}; voting closes `, local(e.votingCloseAt, ctx.zone)]);
        }
        return ok([privateReply({ text: lines })]);
      }
      case undefined:
        return err("Say what to do: create, open, list, show, results, ballots or audit. Type /caucus help election.");
      default:
        return err(`"${sub}" is not an /election action. Use create, open, list, show, results, ballots or audit.`);
    }
  },
};

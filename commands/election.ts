import { privateReply, type CommandContext } from "../src/command.ts";
import { defineCommand, subcommand } from "../src/commandDefinition.ts";
import { parseLocalTime } from "../src/deadlines/parseLocalTime.ts";
import { auditElection } from "../src/elections/auditElection.ts";
import { createElection, MAX_ENDORSEMENTS, MAX_SEATS, MAX_TITLE } from "../src/elections/createElection.ts";
import { currentNames, declaredRules, frozenCandidates, electionLabel, resultCard, resultText, rulesText } from "../src/elections/electionFlow.ts";
import { ELECTION_METHODS, type ElectionMethod } from "../src/elections/electionMethod.ts";
import type { Election } from "../src/elections/electionStore.ts";
import { findElection } from "../src/elections/findElection.ts";
import { electionOption } from "./electionOption.ts";
import { openElection } from "../src/elections/openElection.ts";
import { publishedBallots } from "../src/elections/publishedBallots.ts";
import { electionRoll } from "../src/elections/electionRoll.ts";
import { uniqueBallotsLine } from "../src/elections/uniqueBallots.ts";
import { mayWatchTurnout } from "../src/elections/whoSeesWhat.ts";
import { localInstant as local, type Inline, type Send } from "../src/message.ts";
import { err, ok, type Result } from "../src/result.ts";
import type { TallyResult } from "../src/tally/tallyResult.ts";


const METHODS = Object.keys(ELECTION_METHODS).map((value) => ({ value: value as ElectionMethod }));

/** Looks the election up, then runs `fn` on it. */
const withElection =
  (fn: (ctx: CommandContext, e: Election) => Promise<Result<Send[]>>) =>
  async (ctx: CommandContext, args: { election: string }): Promise<Result<Send[]>> => {
    const f = await findElection(ctx, args.election);
    return f.ok ? fn(ctx, f.value) : f;
  };

async function show(ctx: CommandContext, e: Election): Promise<Result<Send[]>> {
  const constituency = await ctx.store.getConstituency(e.constituencyId);
  const lines: Inline[][] = [[`${electionLabel(e)} ${e.title} (${constituency?.name}): ${e.status}, ${e.seats} seat${e.seats === 1 ? "" : "s"} by ${e.method}`], ...rulesText(e, e.rules ?? declaredRules(e))];
  const nominations = await ctx.store.elections.nominations(e.id);
  const endorsements = await ctx.store.elections.endorsements(e.id);
  if (nominations.length) {
    const names = await currentNames(ctx.store, nominations.map((n) => n.memberId));
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
  if (e.rules?.candidates) lines.push([`Candidates, as frozen when voting opened (the names on the ballot and in the count): ${(await frozenCandidates(ctx.store, e)).map((c) => c.name).join(", ") || "none"}.`]);
  if (e.status === "closed") lines.push([`Turnout: ${await ctx.store.elections.ballotCount(e.id)} of ${e.rollSize} on the roll.`]);
  else if (e.status === "voting") {
    // Turnout only, never ballot contents; live only to those the rules at open name.
    lines.push(
      (await mayWatchTurnout(ctx.store, e, ctx.member))
        ? [`Turnout so far: ${await ctx.store.elections.ballotCount(e.id)} of ${e.rollSize} on the roll.`]
        : [`Turnout is published at the close (live only to organisers and ${constituency?.name ?? "the constituency"}'s coordinators).`],
    );
  }
  return ok([privateReply({ text: lines })]);
}

export const election = defineCommand({
  name: "election",
  description: "Constituency elections: declared rules, nominations, voting, counts anyone can check.",
  subcommands: [
    subcommand({
      name: "create",
      description: "Draft an election (organisers, the constituency's coordinators).",
      options: [
        { name: "constituency", type: "constituency", description: "The constituency that elects; quote a name with spaces.", required: true },
        { name: "title", type: "text", description: "What is elected, e.g. Youth spokesperson.", required: true, maxLength: MAX_TITLE },
        { name: "seats", type: "integer", keyword: "seats", description: "How many are elected.", required: true, min: 1, max: MAX_SEATS, placeholder: "n" },
        { name: "method", type: "choice", keyword: "method", description: "How the ballots are counted.", required: true, choices: METHODS },
        { name: "nominations", type: "date", keyword: "nominations", description: "The day nominations close (voting opens then).", required: true },
        { name: "nominations_time", type: "time", keyword: "nominations", description: "The time nominations close.", required: true },
        { name: "voting", type: "date", keyword: "voting", description: "The day voting closes and the count runs.", required: true },
        { name: "voting_time", type: "time", keyword: "voting", description: "The time voting closes.", required: true },
        { name: "zone", type: "zone", aoe: true, description: "The zone of both dates; yours when left out." },
        { name: "endorsements", type: "integer", keyword: "endorsements", description: "Endorsements a nominee needs to stand (default 0).", min: 0, max: MAX_ENDORSEMENTS, placeholder: "k" },
      ],
      examples: [
        '/election create Youth "Youth spokesperson" seats 1 method irv nominations 2026-05-01 12:00 voting 2026-05-08 12:00 Europe/Paris endorsements 2',
        '/election create "Trade unions" "Delegates" seats 3 method stv nominations 2026-06-01 09:00 voting 2026-06-08 09:00',
      ],
      answer: "private",
      async run(ctx, args) {
        const constituency = await ctx.store.findConstituency(ctx.network.id, args.constituency);
        if (!constituency) return err(`There is no constituency called "${args.constituency}". /constituency list shows them; names with spaces need quotes.`);
        const zone = args.zone ?? ctx.zone;
        const nominationsCloseAt = parseLocalTime(args.nominations, args.nominations_time, zone);
        if (!nominationsCloseAt.ok) return err(`nominations: ${nominationsCloseAt.error}`);
        const votingCloseAt = parseLocalTime(args.voting, args.voting_time, zone);
        if (!votingCloseAt.ok) return err(`voting: ${votingCloseAt.error}`);
        const created = await createElection(
          ctx.store,
          {
            by: ctx.member,
            constituency,
            title: args.title,
            seats: args.seats,
            method: args.method,
            endorsementsNeeded: args.endorsements ?? 0,
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
      },
    }),
    subcommand({
      name: "open",
      description: "Publish and freeze the rules; nominations open.",
      options: [electionOption],
      examples: ["/election open E1"],
      answer: "private",
      run: withElection(async (ctx, e) => {
        const opened = await openElection(ctx.store, { election: e, network: ctx.network, by: ctx.member, channel: ctx.channel }, ctx.now, ctx.random);
        if (!opened.ok) return opened;
        return ok([privateReply({ text: [[`Opened ${electionLabel(opened.value.election)}; its rules are published and frozen.`]] }), ...opened.value.deliveries]);
      }),
    }),
    subcommand({
      name: "list",
      description: "Every election in the network.",
      options: [],
      examples: ["/election list"],
      answer: "private",
      async run(ctx) {
        const all = await ctx.store.elections.list(ctx.network.id);
        if (!all.length) return ok([privateReply({ text: [["No elections yet."]] })]);
        const lines: Inline[][] = [["Elections:"]];
        for (const e of all) {
          const c = await ctx.store.getConstituency(e.constituencyId);
          lines.push([`${electionLabel(e)} ${e.title} (${c?.name}): ${e.status}; voting closes `, local(e.votingCloseAt, ctx.zone)]);
        }
        return ok([privateReply({ text: lines })]);
      },
    }),
    subcommand({
      name: "show",
      description: "Rules, nominations, turnout.",
      options: [electionOption],
      examples: ["/election show E1"],
      answer: "private",
      run: withElection(show),
    }),
    subcommand({
      name: "results",
      description: "The count, round by round.",
      options: [electionOption],
      examples: ["/election results E1"],
      answer: "private",
      run: withElection(async (ctx, e) => {
        if (e.status !== "closed") return ok([privateReply({ text: [[`${electionLabel(e)} has not been counted yet: voting closes `, local(e.votingCloseAt, ctx.zone), "."]] })]);
        if (!e.result) return ok([privateReply({ text: [[`${electionLabel(e)} closed with no candidates or no ballots: nobody was elected.`]] })]);
        const published = await publishedBallots(ctx.store, e);
        if (!published.ok) return published;
        const { ballots, unique } = published.value;
        const turnout = { ballots, roll: e.rollSize ?? 0, unique };
        return ok([privateReply({ text: resultText(e, e.result as TallyResult, turnout, ctx.zone), card: resultCard(e, e.result as TallyResult, turnout, ctx.zone) })]);
      }),
    }),
    subcommand({
      name: "ballots",
      description: "The anonymised ballots (a BLT file) for an independent recount.",
      options: [electionOption],
      examples: ["/election ballots E1"],
      answer: "private",
      run: withElection(async (ctx, e) => {
        const published = await publishedBallots(ctx.store, e);
        if (!published.ok) return published;
        const { filename, blt, method, seed, ballots, unique, withdrawn } = published.value;
        // The text names the file but not where it is: attached where the platform takes files, paged in code
        // blocks (with its own instructions) where it does not, printed after the text on the console.
        return ok([
          privateReply({
            text: [
              [
                `Anonymised ballots of ${electionLabel(e)} in BLT format, as the file ${filename} (random order, no voter information). Tie-break seed: ${seed}. ` +
                  `Recount: save ${filename}, then npm run --silent tally -- --method ${method} --seed ${seed} ${filename}`,
              ],
              ...(withdrawn.length ? [[`Withdrawn (marked so in the file, struck off every ballot): ${withdrawn.join(", ")}.`]] : []),
              [uniqueBallotsLine(unique, ballots)],
            ],
            attachment: { filename, mediaType: "text/plain", content: blt },
          }),
        ]);
      }),
    }),
    subcommand({
      name: "roll",
      description: "Who may vote, by name (the constituency and organisers).",
      options: [electionOption],
      examples: ["/election roll E1"],
      answer: "private",
      run: withElection(async (ctx, e) => {
        const roll = await electionRoll(ctx.store, e, ctx.member);
        if (!roll.ok) return roll;
        const { frozen, names } = roll.value;
        const head: Inline[] = frozen
          ? [`Roll of ${electionLabel(e)} (frozen when nominations closed `, local(e.nominationsCloseAt, ctx.zone), `), ${names.length} member${names.length === 1 ? "" : "s"}:`]
          : [`Roll of ${electionLabel(e)} if nominations closed now (it freezes `, local(e.nominationsCloseAt, ctx.zone), `), ${names.length} member${names.length === 1 ? "" : "s"}:`];
        return ok([privateReply({ text: [head, [names.length ? names.join(", ") : "nobody"], ["It says who may vote, never who has voted."]] })]);
      }),
    }),
    subcommand({
      name: "audit",
      description: "Check the audit log, stored ballots, result and seed against what was committed and posted.",
      options: [electionOption],
      examples: ["/election audit E1"],
      answer: "private",
      run: withElection(async (ctx, e) => {
        const audit = await auditElection(ctx.store, e);
        const { chain } = audit;
        const mark = { pass: "✅", fail: "❌", unchecked: "⚠️ not checked:" } as const;
        const where = e.channel ? `#${e.channel.name ?? e.channel.channelId}` : "the election's channel";
        const lines: Inline[][] = [
          audit.ok ? [`✅ Audit of ${electionLabel(e)}: every check passed.`] : [`❌ Audit of ${electionLabel(e)} found tampering. Report this to the organisers.`],
          chain.ok
            ? [`✅ Audit log of ${electionLabel(e)}: ${chain.count} entries, chain intact. Head hash: ${chain.head}`]
            : [`❌ Audit log of ${electionLabel(e)} is TAMPERED: ${chain.reason}.`],
          ...audit.findings.map((f) => [`${mark[f.verdict]} ${f.text[0]!.toUpperCase()}${f.text.slice(1)}.`]),
          [`Compare with the posts in ${where}: a log rewritten or emptied after a post no longer gives the head hash it showed.`],
          ...audit.heads.map((h) => [h.entry ? `Posted at ${h.phase}: head after entry ${h.entry.seq} (${h.kind}) ${h.entry.hash}` : `Posted at ${h.phase}: no "${h.kind}" entry in the log, so no hash to compare`]),
          [
            "How to verify: hash(n) = SHA-256(hash(n-1) + newline + canonical JSON (RFC 8785) of {seq, kind, at, payload}), starting from 64 zeros; the last hash must equal the head hash above. " +
              `Ballot hash: in /election ballots ${electionLabel(e)}, each ballot line without its weight and final 0, repeated weight times, each ending in a newline, sorted (LC_ALL=C sort), then SHA-256.`,
          ],
        ];
        for (const x of audit.entries) lines.push([`${x.seq} ${x.at} ${x.kind} ${JSON.stringify(x.payload)} → ${x.hash}`]);
        return ok([privateReply({ text: lines })]);
      }),
    }),
  ],
});

import { privateReply, publicReply, type CommandContext } from "../src/command.ts";
import { defineCommand, subcommand, type CommandDefinition } from "../src/commandDefinition.ts";
import { helpFor, helpOverview } from "../src/commandHelp.ts";
import { textMessage, type Send } from "../src/message.ts";
import { resolveMemberRef } from "../src/memberRef.ts";
import { deliveryReport, deliveryReportMessage, retryFailedDeliveries } from "../src/deliveryReport.ts";
import { requireOrganiser } from "../src/permissions.ts";
import { changeDefaultZone } from "../src/deadlineRegistry.ts";
import { formatInstant } from "../src/formatInstant.ts";
import { err, ok, type Result } from "../src/result.ts";
import type { MemberRef } from "../src/store.ts";
import { completeLink, remindersOn, startLink, unlinkAccount } from "../src/identity/linkAccounts.ts";
import { askToLinkDm, possibleDuplicates, type PossibleDuplicate } from "../src/identity/possibleDuplicates.ts";
import type { Delivery } from "../src/platformPort.ts";
import { networkSubcommands } from "./caucusNetwork.ts";

const MEMBER = { name: "member", type: "member", description: "The member: a mention, or a name.", required: true } as const;

async function setOrganiser(ctx: CommandContext, ref: MemberRef, grant: boolean): Promise<Result<Send[]>> {
  const allowed = requireOrganiser(ctx, "grant organiser rights");
  if (!allowed.ok) return allowed;
  const m = await resolveMemberRef(ctx, ref, grant ? "may-meet" : "known-only");
  if (!m.ok) return m;
  if (m.value.isOrganiser === grant) return err(`${m.value.displayName} ${grant ? "is already" : "is not"} an organiser.`);
  if (!grant && m.value.id === ctx.member.id) return err("You cannot remove your own organiser rights; ask another organiser.");
  if (!grant && m.value.platformAdmin) {
    return err(`${m.value.displayName} is a platform admin (Slack workspace admin or Discord Manage Server) of the workspace that founded the network, so an organiser by right: change their role on the platform instead.`);
  }
  await ctx.store.updateMember(m.value.id, { isOrganiser: grant });
  return ok([publicReply(textMessage(`${m.value.displayName} ${grant ? "is now" : "is no longer"} a network organiser (by ${ctx.member.displayName}).`))]);
}

const PLATFORM = {
  name: "platform",
  type: "choice",
  description: "The platform of the account.",
  required: true,
  choices: [{ value: "slack" }, { value: "discord" }, { value: "console" }],
} as const;

const ASK_LINK = "caucus:ask-link";

/** The two DMs asking a possible duplicate pair to link (each is told about the other account). */
async function askPair(ctx: CommandContext, pair: PossibleDuplicate): Promise<Delivery[]> {
  const out: Delivery[] = [];
  for (const [me, other, theirs] of [
    [pair.a, pair.b, pair.bPlatforms],
    [pair.b, pair.a, pair.aPlatforms],
  ] as const) {
    const to = await ctx.store.recipient(me.id);
    if (to) out.push({ kind: "dm", to, message: askToLinkDm(ctx.network.name, other, theirs, to.platform) });
  }
  return out;
}

const pairLine = (p: PossibleDuplicate, i: number) => `${i + 1}. "${p.a.displayName}" (${p.aPlatforms.join(", ")}) and "${p.b.displayName}" (${p.bPlatforms.join(", ")})`;

/** `/caucus`: help and network administration. Gets the command list to describe, so help never goes stale. */
export function makeCaucusCommand(all: () => readonly CommandDefinition[]): CommandDefinition {
  return defineCommand({
    name: "caucus",
    description: "Help, the network's organisers, and the workspaces and servers it spans.",
    defaultSubcommand: "help",
    async onAction(ctx, actionId, value) {
      if (actionId !== ASK_LINK) return err("That button is no longer supported. Run the command again.");
      const allowed = requireOrganiser(ctx, "ask members to link their accounts");
      if (!allowed.ok) return allowed;
      const pair = (await possibleDuplicates(ctx.store, ctx.network.id)).find((p) => [p.a.id, p.b.id].sort().join(" ") === value);
      if (!pair) return err("Those two are no longer possible duplicates (linked, or renamed). Run /caucus duplicates again.");
      return ok([privateReply(textMessage(`Asked "${pair.a.displayName}" and "${pair.b.displayName}" by DM whether the accounts are one person's, and how to link them.`)), ...(await askPair(ctx, pair))]);
    },
    subcommands: [
      subcommand({
        name: "link",
        description: "Link your accounts on two platforms into one member: without a code, get one by DM.",
        options: [
          { name: "code", type: "text", maxLength: 40, description: "The code you got by DM on your other account." },
          { name: "receipt", type: "text", keyword: "receipt", variadic: true, maxItems: 5, description: "If both accounts voted in an open election: the receipt of the ballot to replace." },
        ],
        examples: ["/caucus link", "/caucus link 7KQ2-M9XD-4TRB-0HCE", "/caucus link 7KQ2-M9XD-4TRB-0HCE receipt 3F2A-09BC-77D1-E4A0"],
        answer: "private",
        async run(ctx, args) {
          if (args.code === undefined) {
            if (args.receipt.length) return err("Receipts go with a code: /caucus link <code> receipt <receipt>.");
            const started = await startLink(ctx);
            return ok([
              privateReply(textMessage(`I sent you a link code by direct message; it works once, until ${formatInstant(started.expiresAt, ctx.zone)}. Run /caucus link <code> from your account on the other platform.`)),
              started.dm,
            ]);
          }
          const linked = await completeLink(ctx, args.code, args.receipt);
          if (!linked.ok) return linked;
          return ok([privateReply(textMessage(...linked.value.lines)), ...linked.value.deliveries]);
        },
      }),
      subcommand({
        name: "unlink",
        description: "Split one of your linked accounts off again, as a member of its own.",
        options: [PLATFORM],
        examples: ["/caucus unlink discord"],
        answer: "private",
        async run(ctx, args) {
          const u = await unlinkAccount(ctx, args.platform);
          if (!u.ok) return u;
          return ok([
            privateReply(textMessage(`Your ${u.value.account.platform} account is a separate member again (with your name, zone and quiet hours; no rosters, votes or rights). Link it again any time with /caucus link.`)),
            ...u.value.deliveries,
          ]);
        },
      }),
      subcommand({
        name: "reminders on",
        description: "Choose which of your linked accounts gets your DMs and reminders.",
        options: [PLATFORM],
        examples: ["/caucus reminders on discord"],
        answer: "private",
        async run(ctx, args) {
          const m = await remindersOn(ctx, args.platform);
          if (!m.ok) return m;
          return ok([privateReply(textMessage(`Your DMs and reminders now come on ${args.platform}, once each.`))]);
        },
      }),
      subcommand({
        name: "duplicates",
        description: "Members on different platforms whose names look alike, maybe one person (organisers).",
        options: [],
        examples: ["/caucus duplicates"],
        answer: "private",
        async run(ctx) {
          const allowed = requireOrganiser(ctx, "list possible duplicate members");
          if (!allowed.ok) return allowed;
          const pairs = await possibleDuplicates(ctx.store, ctx.network.id);
          if (!pairs.length) return ok([privateReply(textMessage("No possible duplicates: no two unlinked members on different platforms have names that look alike."))]);
          return ok([
            privateReply({
              text: [
                [`Possible duplicates (names that look alike, accounts on different platforms, not linked): ${pairs.length}.`],
                ...pairs.map((p, i) => [pairLine(p, i)]),
                ["Ask a pair by DM whether both accounts are theirs, and how to link: the buttons, or /caucus ask-to-link for every pair."],
              ],
              components: pairs.slice(0, 25).map((p, i) => ({ kind: "button" as const, actionId: ASK_LINK, label: `Ask ${i + 1}`, value: [p.a.id, p.b.id].sort().join(" ") })),
            }),
          ]);
        },
      }),
      subcommand({
        name: "ask-to-link",
        description: "Ask every possible duplicate pair by DM whether they are one person (organisers).",
        options: [],
        examples: ["/caucus ask-to-link"],
        answer: "private",
        async run(ctx) {
          const allowed = requireOrganiser(ctx, "ask members to link their accounts");
          if (!allowed.ok) return allowed;
          const pairs = await possibleDuplicates(ctx.store, ctx.network.id);
          if (!pairs.length) return err("No possible duplicates to ask.");
          const dms: Delivery[] = [];
          for (const p of pairs) dms.push(...(await askPair(ctx, p)));
          return ok([privateReply(textMessage(`Asked ${pairs.length} pair${pairs.length === 1 ? "" : "s"} by DM:`, ...pairs.map(pairLine))), ...dms]);
        },
      }),
      subcommand({
        name: "links",
        description: "Accounts linked and unlinked in this network, latest first (organisers).",
        options: [],
        examples: ["/caucus links"],
        answer: "private",
        async run(ctx) {
          const allowed = requireOrganiser(ctx, "see linked accounts");
          if (!allowed.ok) return allowed;
          const log = await ctx.store.accountLinkLog(ctx.network.id, 50);
          if (!log.length) return ok([privateReply(textMessage("No accounts have been linked or unlinked in this network."))]);
          return ok([privateReply(textMessage("Linked and unlinked accounts, latest first:", ...log.map((e) => `${formatInstant(e.at, ctx.zone)} ${e.kind}: ${e.detail}`)))]);
        },
      }),
      subcommand({
        name: "help",
        description: "Every command with its syntax and an example, or one command in detail.",
        options: [{ name: "command", type: "text", description: "A command to explain, e.g. deadline.", maxLength: 40, greedy: true }],
        examples: ["/caucus help", "/caucus help constituency"],
        answer: "private",
        async run(_ctx, args) {
          const commands = all();
          if (!args.command) return ok([privateReply(textMessage(...helpOverview(commands)))]);
          const name = args.command.replace(/^\//, "").toLowerCase();
          const c = commands.find((x) => x.name === name);
          if (!c) return err(`There is no /${name} command. Commands: ${commands.map((x) => `/${x.name}`).join(", ")}.`);
          return ok([privateReply(textMessage(...helpFor(c)))]);
        },
      }),
      subcommand({
        name: "organisers",
        description: "List the network's organisers.",
        options: [],
        examples: ["/caucus organisers"],
        answer: "private",
        async run(ctx) {
          const organisers = (await ctx.store.listMembers(ctx.network.id)).filter((m) => m.isOrganiser);
          return ok([privateReply(textMessage(organisers.length ? `Organisers: ${organisers.map((m) => m.displayName).join(", ")}.` : "This network has no organisers yet."))]);
        },
      }),
      subcommand({
        name: "organiser add",
        description: "Grant organiser rights (organisers).",
        options: [MEMBER],
        examples: ["/caucus organiser add @amina"],
        answer: "public",
        run: (ctx, args) => setOrganiser(ctx, args.member, true),
      }),
      subcommand({
        name: "organiser remove",
        description: "Withdraw organiser rights (organisers).",
        options: [MEMBER],
        examples: ["/caucus organiser remove @amina"],
        answer: "public",
        run: (ctx, args) => setOrganiser(ctx, args.member, false),
      }),
      subcommand({
        name: "timezone",
        description: "Show or set the zone members see times in until they set theirs (organisers set it).",
        options: [{ name: "zone", type: "zone", greedy: true, description: "An IANA zone name, like Europe/Berlin or America/Sao_Paulo." }],
        examples: ["/caucus timezone Europe/Berlin", "/caucus timezone"],
        answer: "private",
        async run(ctx, args) {
          if (args.zone === undefined) {
            return ok([privateReply(textMessage(`The network's default time zone is ${ctx.network.defaultZone}: members who have not set theirs (/timezone) see times in it. Organisers change it with /caucus timezone <zone>.`))]);
          }
          const allowed = requireOrganiser(ctx, "set the network's default time zone");
          if (!allowed.ok) return allowed;
          if (args.zone === ctx.network.defaultZone) return err(`The network's default time zone is already ${args.zone}.`);
          const { replanned } = await changeDefaultZone(ctx.store, ctx.network, args.zone, ctx.now);
          return ok([
            privateReply(
              textMessage(
                `The network's default time zone is now ${args.zone} (it is ${formatInstant(ctx.now, args.zone)} there). ` +
                  `${replanned} member${replanned === 1 ? " has" : "s have"} not set their own zone and will see times in it; their reminders were planned again for its quiet hours.`,
              ),
            ),
          ]);
        },
      }),
      subcommand({
        name: "deliveries",
        description: "Messages that could not be delivered, and how many are waiting (organisers).",
        options: [],
        examples: ["/caucus deliveries"],
        answer: "private",
        async run(ctx) {
          const allowed = requireOrganiser(ctx, "see undelivered messages");
          if (!allowed.ok) return allowed;
          return ok([privateReply(deliveryReportMessage(await deliveryReport(ctx.store, ctx.network, ctx.now), ctx.zone))]);
        },
      }),
      subcommand({
        name: "redeliver",
        description: "Try failed messages again: all of them, or those named by number (organisers).",
        options: [{ name: "delivery", type: "text", description: "A delivery number as shown, like #12.", variadic: true, maxItems: 20 }],
        examples: ["/caucus redeliver", "/caucus redeliver #12 #14"],
        answer: "private",
        async run(ctx, args) {
          const allowed = requireOrganiser(ctx, "retry undelivered messages");
          if (!allowed.ok) return allowed;
          const n = await retryFailedDeliveries(ctx.store, ctx.network, ctx.now, args.delivery);
          if (!n.ok) return n;
          return ok([privateReply(textMessage(`${n.value} message${n.value === 1 ? "" : "s"} will be tried again now. /caucus deliveries shows how it goes.`))]);
        },
      }),
      ...networkSubcommands,
    ],
  });
}

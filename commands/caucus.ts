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

/** `/caucus`: help and network administration. Gets the command list to describe, so help never goes stale. */
export function makeCaucusCommand(all: () => readonly CommandDefinition[]): CommandDefinition {
  return defineCommand({
    name: "caucus",
    description: "Help, the network's organisers, and the workspaces and servers it spans.",
    defaultSubcommand: "help",
    subcommands: [
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

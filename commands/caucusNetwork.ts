// The /caucus subcommands of a network that spans workspaces and servers: invite, join, network, channel.
// They parse, call src/network/ and render.
import { privateReply, publicReply } from "../src/command.ts";
import { subcommand, type SubcommandDef } from "../src/commandDefinition.ts";
import { formatDuration } from "../src/deadlines/formatDuration.ts";
import { line, localInstant, textMessage, type Inline } from "../src/message.ts";
import { createInvite, DEFAULT_INVITE_MS } from "../src/network/createInvite.ts";
import { contentsText, joinNetwork } from "../src/network/joinNetwork.ts";
import { networkOverview } from "../src/network/networkOverview.ts";
import { removeWorkspace } from "../src/network/removeWorkspace.ts";
import { channelName, setAnnouncementChannel } from "../src/network/setAnnouncementChannel.ts";
import { platformNoun, workspaceLabel } from "../src/network/workspaceLabel.ts";
import { assertNever } from "../src/assertNever.ts";
import { ok } from "../src/result.ts";

export const networkSubcommands: readonly SubcommandDef[] = [
  subcommand({
    name: "invite",
    description: "A single-use join code for another Slack workspace or Discord server (organisers).",
    options: [{ name: "valid", type: "duration", description: "How long the code works, e.g. 24h (default 48h, at most 14d)." }],
    examples: ["/caucus invite", "/caucus invite 24h"],
    answer: "private",
    async run(ctx, args) {
      const validFor = args.valid ?? DEFAULT_INVITE_MS;
      const invite = await createInvite(ctx, validFor);
      if (!invite.ok) return invite;
      const { code, expiresAt } = invite.value;
      return ok([
        privateReply(
          textMessage(
            `🔑 Join code for ${ctx.network.name}: ${code}`,
            `An admin of the other Slack workspace or Discord server runs, there: /caucus join ${code}`,
            line("It works once and expires ", localInstant(expiresAt, ctx.zone), ` (in ${formatDuration(validFor)}).`),
            "Only you see this message: send the code privately. Caucus keeps only a hash of it, so it cannot show it again.",
          ),
        ),
      ]);
    },
  }),
  subcommand({
    name: "join",
    description: "Join this workspace or server to a network with an organiser's join code (admins here).",
    options: [
      { name: "code", type: "text", description: "The join code, like K7QX-M2PD-9RTW-HB4C.", required: true, maxLength: 40 },
      { name: "force", type: "flag", keyword: "force", description: "Set aside this workspace's own deadlines, elections and constituencies." },
    ],
    examples: ["/caucus join K7QX-M2PD-9RTW-HB4C"],
    answer: "private",
    async run(ctx, args) {
      const r = await joinNetwork(ctx, args.code, args.force);
      if (!r.ok) return r;
      const j = r.value;
      switch (j.kind) {
        case "wrong-code":
          return ok([
            privateReply(
              textMessage(
                `⚠️ That is not a join code of any network. Check it with the organiser who sent it (codes work once and expire). ` +
                  (j.triesLeft > 0 ? `${j.triesLeft} more wrong ${j.triesLeft === 1 ? "try" : "tries"} this hour, then joining pauses here for an hour.` : "Joining is now paused here for an hour."),
              ),
            ),
          ]);
        case "joined":
          return ok([
            privateReply(
              textMessage(
                `✅ ${workspaceLabel(j.workspace)} is now part of the network ${j.network.name}.`,
                `Members here get its deadlines in their own time zones and take part in its elections${j.arrived ? ` (${j.arrived} already known here joined it, with their own zones and quiet hours)` : ""}.`,
                ...(j.setAside ? [`This workspace's own ${contentsText(j.setAside)} were set aside: kept, but no longer reachable from here.`] : []),
                `Choose where network posts go here: /caucus channel here in that channel. The network's organisers decide who organises it; admins here are not organisers by right.`,
              ),
            ),
            ...j.deliveries,
          ]);
        default:
          return assertNever(j, "join outcome");
      }
    },
  }),
  subcommand({
    name: "network",
    description: "The network's workspaces and servers, recent joins and removals; or remove one (organisers).",
    options: [{ name: "remove", type: "text", keyword: "remove", greedy: true, description: "A workspace or server to remove from the network, by name.", maxLength: 120 }],
    examples: ["/caucus network", "/caucus network remove Youth Hub"],
    answer: "private",
    async run(ctx, args) {
      if (args.remove !== undefined) {
        const r = await removeWorkspace(ctx, args.remove);
        if (!r.ok) return r;
        return ok([
          privateReply(
            textMessage(
              `${workspaceLabel(r.value.workspace)} is no longer part of the network: its members lost access at once${r.value.departed ? ` (${r.value.departed} left every constituency and their pending reminders were dropped; past votes stay counted)` : ""}.`,
            ),
          ),
          ...r.value.deliveries,
        ]);
      }
      const o = await networkOverview(ctx);
      if (!o.ok) return o;
      const n = o.value.workspaces.length;
      const lines: Inline[][] = [[`🌐 ${ctx.network.name}: ${n === 1 ? "1 workspace, the one that founded it" : `${n} workspaces and servers`}`]];
      for (const w of o.value.workspaces) {
        lines.push([
          `• ${workspaceLabel(w)}: `,
          ...(w.joinedAt ? ["joined ", localInstant(w.joinedAt, ctx.zone)] : ["founded the network"]),
          `; ${w.announceChannel ? `posts in ${channelName(w.announceChannel)}` : "no announcement channel (an admin there: /caucus channel here)"}; ${w.members} member${w.members === 1 ? "" : "s"}`,
        ]);
      }
      if (o.value.log.length) {
        lines.push(["Recent changes:"]);
        for (const e of o.value.log) lines.push(["• ", localInstant(e.at, ctx.zone), ` ${e.by} ${logVerb(e.kind)} ${e.workspace}${e.detail ? `: ${e.detail}` : ""}`]);
      }
      lines.push(["Invite another workspace or server with /caucus invite; remove one with /caucus network remove <name>."]);
      return ok([privateReply({ text: lines })]);
    },
  }),
  subcommand({
    name: "channel here",
    description: "Network posts for this workspace or server go to this channel (organisers, admins here).",
    options: [],
    examples: ["/caucus channel here"],
    answer: "public",
    async run(ctx) {
      const r = await setAnnouncementChannel(ctx, ctx.channel);
      if (!r.ok) return r;
      return ok([publicReply(textMessage(`📣 Network posts for this ${platformNoun(r.value.platform)} (deadlines, moves, cancellations, elections) now go to ${channelName(ctx.channel)} (set by ${ctx.member.displayName}).`))]);
    },
  }),
  subcommand({
    name: "channel off",
    description: "Stop network posts in this workspace or server's announcement channel (organisers, admins here).",
    options: [],
    examples: ["/caucus channel off"],
    answer: "private",
    async run(ctx) {
      const r = await setAnnouncementChannel(ctx, null);
      if (!r.ok) return r;
      return ok([privateReply(textMessage(`Network posts no longer go to a channel in this ${platformNoun(r.value.platform)}; direct messages to members are unchanged.`))]);
    },
  }),
];

function logVerb(kind: "invited" | "joined" | "removed" | "channel"): string {
  switch (kind) {
    case "invited":
      return "created a join code in";
    case "joined":
      return "joined";
    case "removed":
      return "removed";
    case "channel":
      return "set the announcement channel of";
    default:
      return assertNever(kind, "network log kind");
  }
}

import { privateReply, publicReply, type Command } from "../src/command.ts";
import { textMessage } from "../src/message.ts";
import { resolveMember } from "../src/memberRef.ts";
import { requireOrganiser } from "../src/permissions.ts";
import { err, ok } from "../src/result.ts";

/** `/caucus`: help and network administration. Gets the command list to describe, so help never goes stale. */
export function makeCaucusCommand(all: () => readonly Command[]): Command {
  const self: Command = {
    name: "caucus",
    summary: "Help, and the network's organisers.",
    help: [
      { usage: "/caucus help", summary: "Every command with its syntax and an example.", example: "/caucus help" },
      { usage: "/caucus help <command>", summary: "One command in detail.", example: "/caucus help constituency" },
      { usage: "/caucus organisers", summary: "List the network's organisers.", example: "/caucus organisers" },
      { usage: "/caucus organiser add|remove <member>", summary: "Grant or withdraw organiser rights (organisers).", example: "/caucus organiser add @amina" },
    ],
    async run(ctx, args) {
      const [sub, ...rest] = args;
      switch (sub?.toLowerCase()) {
        case undefined:
        case "help": {
          const commands = all();
          if (rest.length === 0) {
            const lines = ["Caucus commands (type /caucus help <command> for details):"];
            for (const c of commands) {
              lines.push(`/${c.name}: ${c.summary}`);
              for (const h of c.help) lines.push(`    ${h.usage}    e.g. ${h.example}`);
            }
            return ok([privateReply(textMessage(...lines))]);
          }
          const name = rest[0]!.replace(/^\//, "").toLowerCase();
          const c = commands.find((x) => x.name === name);
          if (!c) return err(`There is no /${name} command. Commands: ${commands.map((x) => `/${x.name}`).join(", ")}.`);
          return ok([
            privateReply(
              textMessage(`/${c.name}: ${c.summary}`, ...c.help.flatMap((h) => [`${h.usage}`, `    ${h.summary}`, `    Example: ${h.example}`])),
            ),
          ]);
        }
        case "organisers": {
          const organisers = (await ctx.store.listMembers(ctx.network.id)).filter((m) => m.isOrganiser);
          return ok([
            privateReply(textMessage(organisers.length ? `Organisers: ${organisers.map((m) => m.displayName).join(", ")}.` : "This network has no organisers yet.")),
          ]);
        }
        case "organiser": {
          const allowed = requireOrganiser(ctx, "grant organiser rights");
          if (!allowed.ok) return allowed;
          const [action, target, ...extra] = rest;
          if ((action !== "add" && action !== "remove") || !target || extra.length) return err("Usage: /caucus organiser add|remove <member>");
          const m = await resolveMember(ctx, target);
          if (!m.ok) return m;
          const grant = action === "add";
          if (m.value.isOrganiser === grant) return err(`${m.value.displayName} ${grant ? "is already" : "is not"} an organiser.`);
          if (!grant && m.value.id === ctx.member.id) return err("You cannot remove your own organiser rights; ask another organiser.");
          if (!grant && m.value.platformAdmin) {
            return err(`${m.value.displayName} is a platform admin (Slack workspace admin or Discord Manage Server), so an organiser by right: change their role on the platform instead.`);
          }
          await ctx.store.updateMember(m.value.id, { isOrganiser: grant });
          return ok([publicReply(textMessage(`${m.value.displayName} ${grant ? "is now" : "is no longer"} a network organiser (by ${ctx.member.displayName}).`))]);
        }
        default:
          return err(`"${sub}" is not a /caucus action. Try /caucus help.`);
      }
    },
  };
  return self;
}

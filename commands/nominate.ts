import { privateReply, type Command } from "../src/command.ts";
import { localInstant } from "../src/message.ts";
import { electionLabel, logEvent } from "../src/elections/electionFlow.ts";
import { findElection, requireRoster } from "../src/elections/findElection.ts";
import type { Send } from "../src/message.ts";
import { resolveMember } from "../src/memberRef.ts";
import { err, ok } from "../src/result.ts";

const USAGE = "/nominate <election> <member>";

export const nominate: Command = {
  name: "nominate",
  summary: "Nominate a member of the constituency (or yourself) as a candidate.",
  help: [{ usage: USAGE, summary: "Nominate; the nominee is asked to accept. Self-nomination counts as accepted.", example: "/nominate E1 @amina" }],
  async run(ctx, args) {
    const [id, who, ...extra] = args;
    const f = await findElection(ctx, id, USAGE);
    if (!f.ok) return f;
    const e = f.value;
    if (!who || extra.length) return err(`Name one member. Usage: ${USAGE}`);
    if (e.status !== "nominations" || ctx.now >= e.nominationsCloseAt) {
      return err(`Nominations for ${electionLabel(e)} are ${e.status === "draft" ? "not open yet" : "closed"}.`);
    }
    const me = await requireRoster(ctx, e, ctx.member.id, "You", "nominate");
    if (!me.ok) return me;
    const nominee = await resolveMember(ctx, who);
    if (!nominee.ok) return nominee;
    const them = await requireRoster(ctx, e, nominee.value.id, nominee.value.displayName, "stand");
    if (!them.ok) return them;
    const self = nominee.value.id === ctx.member.id;
    const added = await ctx.store.elections.addNomination(e.id, { memberId: nominee.value.id, nominatedById: ctx.member.id, status: self ? "accepted" : "pending", at: ctx.now });
    if (added === "exists") return err(`${nominee.value.displayName} is already nominated in ${electionLabel(e)} (/election show ${electionLabel(e)}).`);
    await logEvent(ctx.store, e, "nominated", ctx.now, { candidate: nominee.value.displayName, by: ctx.member.displayName, self });
    if (self) await logEvent(ctx.store, e, "accepted", ctx.now, { candidate: nominee.value.displayName });
    const sends: Send[] = [
      privateReply({ text: [[self ? `You stand in ${electionLabel(e)}.` : `You nominated ${nominee.value.displayName}; they are asked to accept.`]] }),
    ];
    if (e.channel) {
      sends.push({ kind: "post", channel: e.channel, message: { text: [[`🗳️ ${electionLabel(e)}: ${ctx.member.displayName} nominated ${self ? "themselves" : nominee.value.displayName}${self ? "" : " (awaiting acceptance)"}.`]] } });
    }
    const to = self ? null : await ctx.store.recipient(nominee.value.id);
    if (to) {
      sends.push({
        kind: "dm",
        to,
        message: {
          text: [
            [`🗳️ ${ctx.member.displayName} nominated you in ${electionLabel(e)} ${e.title}. Do you accept?`],
            [`Reply /nomination accept ${electionLabel(e)} or /nomination decline ${electionLabel(e)}, before `, localInstant(e.nominationsCloseAt, to.zone), "."],
          ],
          components: [
            { kind: "button", actionId: "nomination:accept", label: "Accept", value: electionLabel(e), style: "primary" },
            { kind: "button", actionId: "nomination:decline", label: "Decline", value: electionLabel(e), style: "danger" },
          ],
        },
      });
    }
    return ok(sends);
  },
};

import { privateReply, type Command } from "../src/command.ts";
import { textMessage } from "../src/message.ts";
import { err, ok } from "../src/result.ts";
import { parseZone } from "../src/zoneName.ts";
import { formatInstant } from "../src/formatInstant.ts";
import { changeReminderSetting } from "../src/deadlineRegistry.ts";

export const timezone: Command = {
  name: "timezone",
  summary: "See or set the time zone every deadline is shown to you in.",
  help: [
    { usage: "/timezone", summary: "Show your time zone.", example: "/timezone" },
    { usage: "/timezone <IANA zone>", summary: "Set your time zone.", example: "/timezone Africa/Nairobi" },
  ],
  async run(ctx, args) {
    if (args.length === 0) {
      const source = ctx.member.zone
        ? "you set it"
        : ctx.member.platformZone
          ? "from your profile; set your own with /timezone <zone>"
          : "not set yet; set it with /timezone <zone>, e.g. /timezone Europe/Paris";
      return ok([privateReply(textMessage(`Your time zone is ${ctx.zone} (${source}). It is now ${formatInstant(ctx.now, ctx.zone)}.`))]);
    }
    if (args.length > 1) return err(`A time zone is one word, like America/New_York (underscores, not spaces). Usage: /timezone <IANA zone>`);
    const zone = parseZone(args[0]!);
    if (!zone.ok) return zone;
    await changeReminderSetting(ctx.store, ctx.network, ctx.member, { kind: "zone", zone: zone.value }, ctx.now);
    return ok([
      privateReply(textMessage(`Your time zone is now ${zone.value}. It is ${formatInstant(ctx.now, zone.value)} there; every deadline will be shown to you in this zone.`)),
    ]);
  },
};

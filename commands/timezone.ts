import { privateReply } from "../src/command.ts";
import { defineCommand, subcommand } from "../src/commandDefinition.ts";
import { changeReminderSetting } from "../src/deadlineRegistry.ts";
import { formatInstant } from "../src/formatInstant.ts";
import { textMessage } from "../src/message.ts";
import { ok } from "../src/result.ts";

export const timezone = defineCommand({
  name: "timezone",
  description: "See or set the time zone every deadline is shown to you in.",
  subcommands: [
    subcommand({
      name: "",
      description: "Show your time zone, or set it to an IANA zone name.",
      // Greedy, so "New York" reaches the zone reader whole and is answered with America/New_York.
      options: [{ name: "zone", type: "zone", greedy: true, description: "An IANA zone name, like Africa/Nairobi or America/New_York." }],
      examples: ["/timezone Africa/Nairobi", "/timezone"],
      answer: "private",
      async run(ctx, args) {
        if (args.zone === undefined) {
          const source = ctx.member.zone
            ? "you set it"
            : ctx.member.platformZone
              ? "from your profile; set your own with /timezone <zone>"
              : "not set yet; set it with /timezone <zone>, e.g. /timezone Europe/Paris";
          return ok([privateReply(textMessage(`Your time zone is ${ctx.zone} (${source}). It is now ${formatInstant(ctx.now, ctx.zone)}.`))]);
        }
        await changeReminderSetting(ctx.store, ctx.network, ctx.member, { kind: "zone", zone: args.zone }, ctx.now);
        return ok([
          privateReply(textMessage(`Your time zone is now ${args.zone}. It is ${formatInstant(ctx.now, args.zone)} there; every deadline will be shown to you in this zone.`)),
        ]);
      },
    }),
  ],
});

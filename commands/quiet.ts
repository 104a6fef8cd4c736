import { privateReply } from "../src/command.ts";
import { defineCommand, subcommand } from "../src/commandDefinition.ts";
import { parseQuietHours } from "../src/deadlines/quietHours.ts";
import { changeReminderSetting, quietHoursOf } from "../src/deadlineRegistry.ts";
import { textMessage } from "../src/message.ts";
import { ok } from "../src/result.ts";

export const quiet = defineCommand({
  name: "quiet",
  description: "Your quiet hours: reminders due then arrive at their start instead (earlier, never later).",
  subcommands: [
    subcommand({
      name: "",
      description: "Show your quiet hours (default 22:00-07:00 in your zone), set them in your zone, or turn them off.",
      options: [{ name: "hours", type: "text", greedy: true, placeholder: "HH:mm-HH:mm|off", description: "From-to in your own time zone, like 23:00-06:30, or off." }],
      examples: ["/quiet", "/quiet 23:00-06:30", "/quiet off"],
      answer: "private",
      async run(ctx, args) {
        if (args.hours === undefined) {
          const q = quietHoursOf(ctx.member);
          return ok([privateReply(textMessage(q ? `Your quiet hours are ${q.start}-${q.end} (${ctx.zone}).` : "You have no quiet hours."))]);
        }
        const q = parseQuietHours(args.hours);
        if (!q.ok) return q;
        await changeReminderSetting(ctx.store, ctx.network, ctx.member, { kind: "quiet", quiet: q.value }, ctx.now);
        return ok([
          privateReply(textMessage(q.value ? `Quiet hours set to ${q.value.start}-${q.value.end} in ${ctx.zone}; reminders due then will come at ${q.value.start}.` : "Quiet hours off: reminders arrive at their planned time.")),
        ]);
      },
    }),
  ],
});

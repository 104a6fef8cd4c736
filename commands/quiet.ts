import { privateReply, type Command } from "../src/command.ts";
import { parseQuietHours } from "../src/deadlines/quietHours.ts";
import { changeReminderSetting, quietHoursOf } from "../src/deadlineRegistry.ts";
import { textMessage } from "../src/message.ts";
import { ok } from "../src/result.ts";

export const quiet: Command = {
  name: "quiet",
  summary: "Your quiet hours: reminders due then arrive at their start instead (earlier, never later).",
  help: [
    { usage: "/quiet", summary: "Show your quiet hours (default 22:00-07:00 in your zone).", example: "/quiet" },
    { usage: "/quiet <HH:mm>-<HH:mm>", summary: "Set them, in your own time zone.", example: "/quiet 23:00-06:30" },
    { usage: "/quiet off", summary: "No quiet hours: reminders at their planned time.", example: "/quiet off" },
  ],
  async run(ctx, args) {
    if (args.length === 0) {
      const q = quietHoursOf(ctx.member);
      return ok([privateReply(textMessage(q ? `Your quiet hours are ${q.start}-${q.end} (${ctx.zone}).` : "You have no quiet hours."))]);
    }
    const q = parseQuietHours(args.join(" "));
    if (!q.ok) return q;
    await changeReminderSetting(ctx.store, ctx.network, ctx.member, { kind: "quiet", quiet: q.value }, ctx.now);
    return ok([
      privateReply(textMessage(q.value ? `Quiet hours set to ${q.value.start}-${q.value.end} in ${ctx.zone}; reminders due then will come at ${q.value.start}.` : "Quiet hours off: reminders arrive at their planned time.")),
    ]);
  },
};

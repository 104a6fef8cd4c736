import type { Bot } from "./bot.ts";
import { fitSends } from "./fitSends.ts";
import type { EventHandler, PlatformLimits } from "./platformPort.ts";

/** What one adapter calls: the bot's two phases, answers fitted to that adapter's limits. `now` is the
 *  composition root's clock. */
export function createEventHandler(bot: Bot, limits: PlatformLimits, now: () => Date): EventHandler {
  return {
    acknowledge: (event) => bot.acknowledge(event),
    handle: async (event) => fitSends(await bot.handle(event, now()), limits),
    autocomplete: (request) => bot.autocomplete({ ...request, now: now() }),
    groupChanged: (event) => bot.groupChanged(event, now()),
    home: (actor) => bot.home(actor, now()),
  };
}

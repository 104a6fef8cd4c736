// App Home: the member's own page (src/memberHome.ts) as a Home tab view, published with views.publish when they
// open it. Translation only: what the page says is decided in the core.
import type { types } from "@slack/bolt";
import { fitMessage } from "../../src/fitMessage.ts";
import type { MemberHome } from "../../src/memberHome.ts";
import { renderLine, renderMessage } from "./renderSlack.ts";
import type { SlackExtension } from "./slackAdapter.ts";
import { SLACK_LIMITS } from "./slackLimits.ts";
import { scrubSecrets } from "./createSlackApp.ts";

type KnownBlock = types.KnownBlock;
/** A Home tab view holds at most 100 blocks. */
export const HOME_BLOCKS = 100;

const mrkdwn = (text: string) => ({ type: "mrkdwn" as const, text, verbatim: true });

/** The page as a Home tab view. Items past the 100-block limit are left out with a line saying how many. */
export function renderHome(page: MemberHome): types.HomeView {
  const blocks: KnownBlock[] = [
    { type: "header", text: { type: "plain_text", text: page.title.slice(0, 150), emoji: true } },
    { type: "context", elements: page.intro.slice(0, 10).map((l) => mrkdwn(renderLine(l))) },
  ];
  for (const s of page.sections) {
    blocks.push({ type: "divider" }, { type: "header", text: { type: "plain_text", text: s.heading.slice(0, 150), emoji: true } });
    if (!s.items.length) {
      blocks.push({ type: "context", elements: [mrkdwn(s.empty)] });
      continue;
    }
    for (const [i, item] of s.items.entries()) {
      // A card already says what the text says (the text is for platforms without cards).
      const shown = item.card ? { ...item, text: [] } : item;
      const rendered = fitMessage(shown, SLACK_LIMITS).flatMap((part) => renderMessage(part).blocks);
      // Keep room for the other sections' headings and this line.
      if (blocks.length + rendered.length > HOME_BLOCKS - 8) {
        blocks.push({ type: "context", elements: [mrkdwn(`… and ${s.items.length - i} more (see /deadline list, /election list).`)] });
        break;
      }
      blocks.push(...rendered);
    }
  }
  return { type: "home", blocks: blocks.slice(0, HOME_BLOCKS) };
}

/** Publishes the member's page whenever they open the Home tab. */
export function registerAppHome(ext: SlackExtension): void {
  ext.app.event("app_home_opened", async ({ event, body }) => {
    // Opening the Messages tab sends this event too; only the Home tab shows a view.
    if (event.tab !== "home") return;
    const handler = ext.handler();
    if (!handler) return;
    const team = (body as { team_id?: string }).team_id ?? "";
    try {
      const actor = await ext.actorFor(team, team, event.user, event.user);
      const page = await handler.home(actor);
      await ext.app.client.views.publish({ token: await ext.tokenFor(team), user_id: event.user, view: renderHome(page) });
    } catch (e) {
      ext.log.error({ err: scrubSecrets(e instanceof Error ? e.message : String(e), []), team }, "Slack: App Home could not be published");
    }
  });
}

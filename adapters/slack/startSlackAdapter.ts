// The composition root's Slack part: the adapter for the mode the environment chose (see slackConfig.ts), with
// App Home and user-group listeners, and with OAuth (several workspaces) when its variables are set.
import type { Logger } from "../../src/logger.ts";
import { createSlackAdapter, type SlackAdapter, type SlackAdapterOptions } from "./slackAdapter.ts";
import type { SlackPlan } from "./slackConfig.ts";
import { registerGroupEvents } from "./slackGroups.ts";
import { registerAppHome } from "./slackHome.ts";
import { registerUninstall, type SlackOAuth } from "./slackOAuth.ts";

export async function startSlackAdapter(
  plan: Exclude<SlackPlan, { mode: "off" }>,
  deps: { log: Logger; now: () => Date; oauth?: SlackOAuth | null; firstSighting: SlackAdapterOptions["firstSighting"] },
): Promise<SlackAdapter> {
  const oauth = deps.oauth ?? null;
  const common = {
    ...(plan.botToken ? { botToken: plan.botToken } : {}),
    log: deps.log,
    now: deps.now,
    firstSighting: deps.firstSighting,
    ...(plan.apiUrl ? { apiUrl: plan.apiUrl } : {}),
    ...(oauth ? { extra: oauth.options, botTokenFor: (teamId: string) => oauth.store.botTokenFor(teamId), secrets: [oauth.options.clientSecret!, oauth.options.stateSecret!] } : {}),
  };
  const adapter =
    plan.mode === "http"
      ? await createSlackAdapter({ mode: "http", signingSecret: plan.signingSecret, ...common })
      : await createSlackAdapter({ mode: "socket", appToken: plan.appToken, ...common });
  adapter.extend((ext) => {
    registerAppHome(ext);
    registerGroupEvents(ext);
    if (oauth) registerUninstall(ext, oauth.store);
  });
  return adapter;
}

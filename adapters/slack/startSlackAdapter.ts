// The composition root's Slack part: the adapter for the mode the environment chose (see slackConfig.ts).
import type { Logger } from "../../src/logger.ts";
import { createSlackAdapter, type SlackAdapter } from "./slackAdapter.ts";
import type { SlackPlan } from "./slackConfig.ts";

export async function startSlackAdapter(plan: Exclude<SlackPlan, { mode: "off" }>, deps: { log: Logger; now: () => Date }): Promise<SlackAdapter> {
  const common = { botToken: plan.botToken, log: deps.log, now: deps.now, ...(plan.apiUrl ? { apiUrl: plan.apiUrl } : {}) };
  return plan.mode === "http"
    ? createSlackAdapter({ mode: "http", signingSecret: plan.signingSecret, ...common })
    : createSlackAdapter({ mode: "socket", appToken: plan.appToken, ...common });
}

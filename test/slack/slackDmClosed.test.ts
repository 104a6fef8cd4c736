// Slack's analogues of Discord's 50007 are read as a member who cannot be DMed, so the outbox's DM-closed
// fallback (src/dmFallback.ts) serves Slack too; other refusals stay plain failures.
import { describe, expect, it } from "vitest";
import { webApi } from "@slack/bolt";
import { outcomeOf } from "../../adapters/slack/slackOutcome.ts";

const platformError = (error: string) => Object.assign(new Error(`An API error occurred: ${error}`), { code: webApi.ErrorCode.PlatformError, data: { ok: false, error } });

describe("Slack refusals as the outbox reads them", () => {
  it("reads messages_tab_disabled and cannot_dm_bot as dm-closed, and user_not_found as a plain failure", () => {
    expect(outcomeOf(platformError("messages_tab_disabled"))).toEqual({ kind: "failed", reason: "Slack: messages_tab_disabled", unreachable: "dm-closed" });
    expect(outcomeOf(platformError("cannot_dm_bot"))).toEqual({ kind: "failed", reason: "Slack: cannot_dm_bot", unreachable: "dm-closed" });
    expect(outcomeOf(platformError("user_not_found"))).toEqual({ kind: "failed", reason: "Slack: user_not_found" });
  });
});

// What a Web API failure means for the outbox: try again (with Slack's Retry-After), or never (the reason kept).
import { webApi } from "@slack/bolt";

const { ErrorCode } = webApi;
import type { DeliveryOutcome } from "../../src/platformPort.ts";

/** Slack errors worth a retry: Slack's side is struggling, not our request being wrong. */
const TRANSIENT = new Set(["internal_error", "fatal_error", "service_unavailable", "request_timeout", "ratelimited", "rate_limited", "team_added_to_org", "accesslimited"]);

/** Slack's analogues of Discord's 50007: the app's Messages tab is off, or the recipient is a bot. */
const DM_CLOSED = new Set(["messages_tab_disabled", "cannot_dm_bot"]);

type CodedError = { code?: unknown; retryAfter?: unknown; data?: { error?: unknown }; statusCode?: unknown; message?: unknown };

/** The Slack error code of a Web API platform error (`user_not_found`, `channel_not_found`…), if it is one. */
export function platformErrorCode(e: unknown): string | undefined {
  const c = e as CodedError;
  return c?.code === ErrorCode.PlatformError && typeof c.data?.error === "string" ? c.data.error : undefined;
}

export function outcomeOf(e: unknown): DeliveryOutcome {
  const c = e as CodedError;
  switch (c?.code) {
    case ErrorCode.RateLimitedError: {
      const s = typeof c.retryAfter === "number" ? c.retryAfter : 1;
      return { kind: "retry", reason: `rate limited by Slack (Retry-After ${s} s)`, retryAfterMs: s * 1000 };
    }
    case ErrorCode.PlatformError: {
      const code = platformErrorCode(e) ?? "unknown_error";
      // The member exists but cannot get a DM from the app: the outbox tells them in the channel instead (src/dmFallback.ts).
      if (DM_CLOSED.has(code)) return { kind: "failed", reason: `Slack: ${code}`, unreachable: "dm-closed" };
      // user_not_found, channel_not_found, not_in_channel, is_archived, account_inactive, invalid_auth,
      // token_revoked, msg_too_long, invalid_blocks…: the same request will fail the same way.
      return TRANSIENT.has(code) ? { kind: "retry", reason: `Slack: ${code}` } : { kind: "failed", reason: `Slack: ${code}` };
    }
    case ErrorCode.HTTPError: {
      const status = typeof c.statusCode === "number" ? c.statusCode : 0;
      return status >= 500 || status === 408 ? { kind: "retry", reason: `Slack answered HTTP ${status}` } : { kind: "failed", reason: `Slack answered HTTP ${status}` };
    }
    case ErrorCode.RequestError:
      // No answer at all: a timeout, a refused or dropped connection.
      return { kind: "retry", reason: `no answer from Slack: ${typeof c.message === "string" ? c.message.slice(0, 200) : "request error"}` };
    default:
      return { kind: "retry", reason: e instanceof Error ? `${e.name}: ${e.message}`.slice(0, 300) : String(e) };
  }
}

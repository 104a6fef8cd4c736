// What Slack says about a member (users.info): display name, profile zone, admin or owner. Cached per user and
// refreshed when Slack sends `user_change`, so a command costs no Web API call once its member is known.
import { z } from "zod";
import type { PlatformUser } from "../../src/platformPort.ts";

export type SlackProfile = { displayName: string; tz?: string; isAdmin: boolean; locale?: string };
export type SlackUserAnswer = { kind: "found"; profile: SlackProfile } | { kind: "unknown" } | { kind: "unavailable"; reason: string };

/** The fields of users.info's `user` (and of `user_change`'s) that Caucus reads; the rest is ignored. */
export const slackUserSchema = z.object({
  id: z.string(),
  team_id: z.string().optional(),
  name: z.string().optional(),
  real_name: z.string().optional(),
  deleted: z.boolean().optional(),
  tz: z.string().nullish(),
  is_admin: z.boolean().optional(),
  is_owner: z.boolean().optional(),
  is_primary_owner: z.boolean().optional(),
  locale: z.string().optional(),
  profile: z.object({ display_name: z.string().optional(), real_name: z.string().optional() }).optional(),
});
export type SlackUser = z.infer<typeof slackUserSchema>;

export function profileOf(u: SlackUser): SlackProfile {
  const displayName = u.profile?.display_name || u.profile?.real_name || u.real_name || u.name || u.id;
  return {
    displayName,
    ...(u.tz ? { tz: u.tz } : {}),
    isAdmin: !!(u.is_admin || u.is_owner || u.is_primary_owner),
    ...(u.locale ? { locale: u.locale } : {}),
  };
}

export type SlackUsers = {
  get(workspaceId: string, userId: string): Promise<SlackUserAnswer>;
  /** A `user_change` event: the new profile replaces the cached one (or a deleted user is forgotten). */
  changed(workspaceId: string, user: unknown): void;
  asPlatformUser(workspaceId: string, userId: string): Promise<PlatformUser>;
};

/**
 * `fetch` asks users.info and returns its answer, or throws what the Web API threw; `classify` reads that into
 * unknown (user_not_found and the like) or unavailable. Entries live `ttlMs` (the profile zone can change without
 * an event we see, e.g. while the app was down); concurrent look-ups of one user share one call.
 */
export function createSlackUsers(deps: {
  fetch(workspaceId: string, userId: string): Promise<unknown>;
  classify(e: unknown): "unknown" | { reason: string };
  nowMs: () => number;
  ttlMs?: number;
}): SlackUsers {
  const ttl = deps.ttlMs ?? 6 * 3600_000;
  const cache = new Map<string, { answer: SlackUserAnswer; at: number }>();
  const inFlight = new Map<string, Promise<SlackUserAnswer>>();
  const key = (w: string, u: string) => `${w}:${u}`;

  async function lookUp(workspaceId: string, userId: string): Promise<SlackUserAnswer> {
    try {
      const body = z.object({ user: slackUserSchema }).safeParse(await deps.fetch(workspaceId, userId));
      if (!body.success) return { kind: "unavailable", reason: "users.info answered without a user" };
      if (body.data.user.deleted) return { kind: "unknown" };
      return { kind: "found", profile: profileOf(body.data.user) };
    } catch (e) {
      const c = deps.classify(e);
      return c === "unknown" ? { kind: "unknown" } : { kind: "unavailable", reason: c.reason };
    }
  }

  async function get(workspaceId: string, userId: string): Promise<SlackUserAnswer> {
    const k = key(workspaceId, userId);
    const hit = cache.get(k);
    if (hit && deps.nowMs() - hit.at < ttl) return hit.answer;
    const pending = inFlight.get(k);
    if (pending) return pending;
    const p = lookUp(workspaceId, userId).then((answer) => {
      // An outage is not remembered: the next command asks again.
      if (answer.kind !== "unavailable") cache.set(k, { answer, at: deps.nowMs() });
      return answer;
    });
    inFlight.set(k, p);
    try {
      return await p;
    } finally {
      inFlight.delete(k);
    }
  }

  return {
    get,
    changed(workspaceId, raw) {
      const u = slackUserSchema.safeParse(raw);
      if (!u.success) return;
      const team = u.data.team_id ?? workspaceId;
      cache.set(key(team, u.data.id), { answer: u.data.deleted ? { kind: "unknown" } : { kind: "found", profile: profileOf(u.data) }, at: deps.nowMs() });
    },
    async asPlatformUser(workspaceId, userId) {
      const a = await get(workspaceId, userId);
      return a.kind === "found" ? { kind: "found", displayName: a.profile.displayName } : a;
    },
  };
}

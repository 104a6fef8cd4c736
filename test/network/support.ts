// Actors and channels on two platforms, for tests of a network that spans a Slack workspace and a Discord server.
import type { App } from "../../adapters/compose.ts";
import type { Actor } from "../../src/event.ts";
import type { ChannelRef, Send } from "../../src/message.ts";
import type { Delivery } from "../../src/platformPort.ts";
import { actor, handle, texts } from "../support/testApp.ts";

export type Place = { platform: string; workspaceId: string; workspaceName: string };
export const COALITION: Place = { platform: "slack", workspaceId: "T01COALITION", workspaceName: "Coalition" };
export const YOUTH_HUB: Place = { platform: "discord", workspaceId: "900000000000000001", workspaceName: "Youth Hub" };
export const ELSEWHERE: Place = { platform: "slack", workspaceId: "T09ELSEWHERE", workspaceName: "Elsewhere" };

export const T0 = new Date("2026-04-01T08:00:00Z");

/** Someone in that workspace; their platform user id is unique to it. */
export const person = (place: Place, name: string, opts: Partial<Actor> = {}): Actor =>
  actor(name, { ...place, userId: `${place.workspaceId}:${name.toLowerCase()}`, ...opts });
export const channelIn = (place: Place, channelId: string, name: string): ChannelRef => ({ platform: place.platform, workspaceId: place.workspaceId, channelId, name });

/** Runs a command line as `who` in `where` and returns the answers, then what the outbox delivered. */
export async function say(app: App, who: Actor, where: ChannelRef, line: string, now = T0): Promise<Send[]> {
  const m = /^\/(\S+)\s*(.*)$/s.exec(line);
  if (!m) throw new Error(`not a command: ${line}`);
  return handle(app, { kind: "command", actor: who, channel: where, name: m[1]!, text: m[2]! }, now);
}

export function joinCodeOf(sends: Send[]): string {
  const m = /Join code for .*?: ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(texts(sends));
  if (!m) throw new Error(`no join code in: ${texts(sends)}`);
  return m[1]!;
}

export const posts = (sends: Send[]) => sends.filter((s): s is Extract<Delivery, { kind: "post" }> => s.kind === "post");
export const dms = (sends: Send[]) => sends.filter((s): s is Extract<Delivery, { kind: "dm" }> => s.kind === "dm");
export const inPlace = (place: Place) => (c: { platform: string; workspaceId: string }) => c.platform === place.platform && c.workspaceId === place.workspaceId;

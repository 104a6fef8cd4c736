import type { CommandContext } from "../command.ts";
import { onNewMember } from "../deadlineRegistry.ts";
import { formatInstant } from "../formatInstant.ts";
import { textMessage } from "../message.ts";
import type { Delivery } from "../platformPort.ts";
import { err, ok, type Result } from "../result.ts";
import type { Network, NetworkContents, Workspace } from "../store.ts";
import { joinCodeHash, normaliseJoinCode } from "./joinCode.ts";
import { networkPosts } from "./networkPosts.ts";
import { workspaceLabel } from "./workspaceLabel.ts";

/** Wrong codes a workspace may try per hour; then every attempt from it is refused until the hour has passed. */
export const MAX_WRONG_CODES_PER_HOUR = 5;
const HOUR_MS = 3_600_000;

export type JoinOutcome =
  | {
      kind: "joined";
      network: Network;
      workspace: Workspace;
      /** Members of this workspace Caucus already knew, now members of the network. */
      arrived: number;
      /** What the workspace's own network held and left behind (joined with `force`); null when it held nothing. */
      setAside: NetworkContents | null;
      deliveries: Delivery[];
    }
  /** Not an error to roll back: the wrong guess must be counted, so the caller commits and shows `triesLeft`. */
  | { kind: "wrong-code"; triesLeft: number };

const holds = (c: NetworkContents) => c.deadlines + c.elections + c.constituencies > 0;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
/** "2 deadlines, 1 election": what a network holds. */
export const contentsText = (c: NetworkContents) =>
  [c.deadlines && plural(c.deadlines, "deadline"), c.elections && plural(c.elections, "election"), c.constituencies && plural(c.constituencies, "constituency", "constituencies")]
    .filter(Boolean)
    .join(", ");

/**
 * `/caucus join <code>` run by an admin of the workspace or server that joins. Its own network (the one it founded
 * when Caucus first met it) must hold nothing, or the admin says `force`: its deadlines, elections and
 * constituencies are then set aside, kept but no longer reachable, never merged (numbers, rosters and audit chains
 * of two networks cannot be merged without changing what members were told). Its members arrive as members of the
 * network with their own settings (name, zone, quiet hours) and no rights: the network's organisers decide.
 */
export async function joinNetwork(ctx: CommandContext, codeText: string, force: boolean): Promise<Result<JoinOutcome>> {
  const { store, actor, now } = ctx;
  if (!actor.isPlatformAdmin) {
    return err("Only an admin of this workspace or server (Slack workspace admin, Discord Manage Server) can join it to a network.");
  }
  // Checked before the code, so a correct guess after too many wrong ones is refused like any other.
  const wrong = await store.joinFailuresSince(actor.platform, actor.workspaceId, new Date(now.getTime() - HOUR_MS));
  if (wrong >= MAX_WRONG_CODES_PER_HOUR) {
    return err(`${wrong} wrong join codes were tried here in the last hour, so joining is paused for this workspace for up to an hour (it protects networks against guessing). Check the code with the organiser who sent it.`);
  }
  const code = normaliseJoinCode(codeText);
  if (!code.ok) return code;
  const found = await store.findJoinCode(joinCodeHash(code.value));
  if (!found) {
    await store.recordJoinFailure(actor.platform, actor.workspaceId, now);
    return ok({ kind: "wrong-code", triesLeft: MAX_WRONG_CODES_PER_HOUR - wrong - 1 });
  }
  if (found.usedAt) return err("This join code has already been used: each code works once. Ask an organiser of the network for a new one (/caucus invite).");
  if (found.expiresAt <= now) {
    return err(`This join code expired ${formatInstant(found.expiresAt, ctx.zone)}. Ask an organiser of the network for a new one (/caucus invite).`);
  }
  const ws = await store.workspaceOf(actor.platform, actor.workspaceId);
  if (!ws) throw new Error("the acting workspace was not met before its command ran");
  if (ws.networkId === found.networkId) return err("This workspace is already part of that network.");
  const own = await store.networkContents(ws.networkId);
  if (own.workspaces > 1) {
    return err(
      ws.joinedAt
        ? "This workspace is part of another network. An organiser there must remove it first (/caucus network remove), then join with this code."
        : "Other workspaces have joined this workspace's network, so it cannot move to another one: they would be left without their founder.",
    );
  }
  if (holds(own) && !force) {
    return err(
      `This workspace's own network already has ${contentsText(own)}. Joining sets them aside: they are kept but no longer reachable from here, ` +
        "and their reminders stop; nothing is merged into the network you join. To go ahead, run the same command with `force` at the end.",
    );
  }
  if (own.openElections > 0) {
    return err(`This workspace's own network has ${plural(own.openElections, "election")} in progress: let ${own.openElections === 1 ? "it" : "them"} close (or wait for the result) before joining another network, so no vote is stranded.`);
  }
  if (!(await store.useJoinCode(found.id, now, ws.id))) return err("This join code was used a moment ago by someone else: each code works once. Ask for a new one.");
  const moved = await store.moveWorkspace(ws.id, { networkId: found.networkId, joinedAt: now });
  const workspace = (await store.workspaceOf(actor.platform, actor.workspaceId))!;
  await store.addNetworkLog(moved.network.id, {
    at: now,
    kind: "joined",
    by: `${ctx.member.displayName} (admin there)`,
    workspace: workspaceLabel(workspace),
    detail: holds(own) ? `its own network's ${contentsText(own)} set aside` : null,
  });
  const deliveries: Delivery[] = [];
  // Those Caucus knew here hear of the network-wide deadlines ahead, as anyone met for the first time does.
  for (const m of moved.arrived) deliveries.push(...(await onNewMember(store, moved.network, m, now)));
  deliveries.push(
    ...(await networkPosts(
      store,
      { networkId: moved.network.id, constituencyId: null, origin: null },
      textMessage(`🤝 ${workspaceLabel(workspace)} joined the network ${moved.network.name}. Its members now get the network's deadlines and take part in its elections.`),
    )),
  );
  return ok({ kind: "joined", network: moved.network, workspace, arrived: moved.arrived.length, setAside: holds(own) ? own : null, deliveries });
}

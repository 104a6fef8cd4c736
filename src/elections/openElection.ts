import type { Random } from "../command.ts";
import { announceDeadline } from "../deadlineRegistry.ts";
import { DEFAULT_LADDER, parseLadder } from "../deadlines/parseLadder.ts";
import type { ChannelRef, Inline } from "../message.ts";
import { requireCoordinator } from "../permissions.ts";
import type { Delivery } from "../platformPort.ts";
import { err, ok, type Result } from "../result.ts";
import type { Constituency, Member, Network, Store } from "../store.ts";
import { electionPosts } from "./announceToRoll.ts";
import { sha256 } from "./auditChain.ts";
import { declaredRules, electionLabel, headLine, logEvent, rulesText } from "./electionFlow.ts";
import type { ElectionRules } from "./electionRules.ts";
import type { Election } from "./electionStore.ts";

export type OpenElectionInput = { election: Election; network: Network; by: Member; channel: ChannelRef };
export type ElectionOpened = { election: Election; constituency: Constituency; rules: ElectionRules; deliveries: Delivery[] };

/**
 * Publishes and freezes the rules, draws the tie-break seed, and opens nominations. The two
 * phase dates become deadlines announced to the roster, each member in their own zone, with reminders.
 */
export async function openElection(store: Store, input: OpenElectionInput, now: Date, random: Random): Promise<Result<ElectionOpened>> {
  const e = input.election;
  const constituency = await store.getConstituency(e.constituencyId);
  if (!constituency) throw new Error(`election ${e.id} has no constituency`);
  const allowed = await requireCoordinator({ store, member: input.by }, constituency, "open its elections");
  if (!allowed.ok) return allowed;
  if (e.status !== "draft") return err(`${electionLabel(e)} is already open (${e.status}); its rules are frozen.`);
  if (e.nominationsCloseAt <= now) return err(`${electionLabel(e)}'s nominations date has passed; create a new election with later dates.`);
  const rules = declaredRules(e);
  const seed = Buffer.from(random(32)).toString("hex");
  // Conditional: of two concurrent opens only one freezes the rules and draws the seed.
  if (!(await store.elections.transition(e.id, "draft", { status: "nominations", rules, openedAt: now, seed, seedHash: sha256(seed) }))) {
    return err(`${electionLabel(e)} was opened a moment ago by someone else.`);
  }
  const opened = (await store.elections.get(e.id))!;
  const head = await logEvent(store, opened, "opened", now, { by: input.by.displayName, rules });
  const announcement: Inline[][] = [
    [`🗳️ ${electionLabel(e)} is open: ${e.title}, for ${constituency.name}. The rules are now frozen:`],
    ...rulesText(opened, rules),
    [`Nominate with /nominate ${electionLabel(e)} <member> (yourself too)${e.endorsementsNeeded ? `; endorse with /endorse ${electionLabel(e)} <candidate>` : ""}.`],
    [headLine(head)],
  ];
  const deliveries: Delivery[] = await electionPosts(store, { ...opened, channel: input.channel }, announcement);
  // Phase dates are deadlines: announced to the roster in each member's zone, with reminders and notice.
  const ladder = parseLadder(DEFAULT_LADDER);
  if (!ladder.ok) throw new Error(ladder.error);
  for (const [phase, dueAt, what] of [
    ["nominations", e.nominationsCloseAt, "nominations close"],
    ["voting", e.votingCloseAt, "voting closes"],
  ] as const) {
    const a = await announceDeadline(
      store,
      input.network,
      input.by,
      { title: `${electionLabel(e)} ${what}: ${e.title}`, dueAt, zone: e.zone, constituency, ladder: ladder.value, link: null, election: { id: e.id, phase } },
      now,
      input.channel,
    );
    deliveries.push(...a.posts, ...a.dms);
  }
  return ok({ election: opened, constituency, rules, deliveries });
}

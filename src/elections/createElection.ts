import type { ChannelRef } from "../message.ts";
import { cleanName } from "../cleanText.ts";
import { requireCoordinator } from "../permissions.ts";
import type { Delivery } from "../platformPort.ts";
import { err, ok, type Result } from "../result.ts";
import type { Constituency, Member, Store } from "../store.ts";
import { logEvent } from "./electionFlow.ts";
import type { Election } from "./electionStore.ts";

export const MAX_SEATS = 50;
export const MAX_ENDORSEMENTS = 20;
export const MAX_TITLE = 120;

/** The election as the member gave it, already parsed; `zone` is the one its dates were given and are announced in. */
export type NewElection = Pick<Election, "title" | "seats" | "method" | "endorsementsNeeded" | "nominationsCloseAt" | "votingCloseAt" | "zone"> & {
  /** The member acting; the constituency is in their network. */
  by: Member;
  constituency: Constituency;
  /** Where it was created: its announcements are posted there. */
  channel: ChannelRef;
};

export type ElectionCreated = { election: Election; deliveries: Delivery[] };

/** Drafts an election: organisers and the constituency's coordinators only; nothing is announced until it opens. */
export async function createElection(store: Store, input: NewElection, now: Date): Promise<Result<ElectionCreated>> {
  const { constituency, seats, method, endorsementsNeeded: k } = input;
  if (constituency.networkId !== input.by.networkId) throw new Error("an election's constituency must be in the acting member's network");
  const allowed = await requireCoordinator({ store, member: input.by }, constituency, "create its elections");
  if (!allowed.ok) return allowed;
  const title = cleanName(input.title, "title", MAX_TITLE);
  if (!title.ok) return title;
  if (!Number.isInteger(seats) || seats < 1 || seats > MAX_SEATS) return err(`seats must be a whole number from 1 to ${MAX_SEATS}, not "${seats}".`);
  if (method === "irv" && seats !== 1) return err("irv elects one seat: use stv or meek for several seats.");
  if (!Number.isInteger(k) || k < 0 || k > MAX_ENDORSEMENTS) return err(`endorsements must be a whole number from 0 to ${MAX_ENDORSEMENTS}, not "${k}".`);
  if (input.nominationsCloseAt <= now) return err("Nominations must close in the future.");
  if (input.votingCloseAt <= input.nominationsCloseAt) return err("Voting must close after nominations close.");
  const election = await store.elections.create({
    networkId: constituency.networkId,
    constituencyId: constituency.id,
    title: title.value,
    seats,
    method,
    endorsementsNeeded: k,
    nominationsCloseAt: input.nominationsCloseAt,
    votingCloseAt: input.votingCloseAt,
    zone: input.zone,
    createdById: input.by.id,
    createdAt: now,
    channel: input.channel,
  });
  await logEvent(store, election, "created", now, { by: input.by.displayName, title: election.title, constituency: constituency.name, seats, method, endorsementsNeeded: k });
  return ok({ election, deliveries: [] });
}

// A member's own page (Slack's App Home tab; any platform may show it): their upcoming deadlines in their zone,
// the open elections they can act in, their nominations and their mandates. `memberHome` is pure (data and
// `now` in, a Message-like page out); `loadMemberHome` gathers the data from the store.
import { currentNotice } from "./deadlines/currentNotice.ts";
import { formatNotice } from "./deadlines/notice.ts";
import { formatTimeLeft } from "./deadlines/formatDuration.ts";
import { upcomingDeadlines } from "./deadlines/upcomingDeadlines.ts";
import { deadlineId, forText } from "./deadlineRegistry.ts";
import { BALLOT_FORM_ID } from "./elections/ballotForm.ts";
import { electionLabel } from "./elections/electionFlow.ts";
import type { MandateView, NominationStatus } from "./elections/electionStore.ts";
import { localInstant, type Button, type Card, type Inline, type Message } from "./message.ts";
import type { Member, Network, Store } from "./store.ts";

export type HomeDeadline = { number: number; title: string; dueAt: Date; link: string | null; forWhom: string; noticeMs: number; shortNotice: boolean };

/** An open election the member has a part in. `voted` says whether, never how. */
export type HomeElection = {
  number: number;
  title: string;
  constituency: string;
  status: "nominations" | "voting";
  nominationsCloseAt: Date;
  votingCloseAt: Date;
  /** On the roster (nominations) or on the frozen roll (voting): may nominate, or vote. */
  takesPart: boolean;
  voted: boolean;
  /** The member's own nomination in it, if any. */
  nomination: NominationStatus | null;
};

export type HomeData = {
  network: Pick<Network, "name" | "shortNoticeHours">;
  displayName: string;
  /** The zone the member sees times in. */
  zone: string;
  deadlines: HomeDeadline[];
  elections: HomeElection[];
  mandates: MandateView[];
};

export type HomeSection = { heading: string; items: Message[]; empty: string };
export type MemberHome = { title: string; intro: Inline[][]; sections: HomeSection[] };

/** The Accept / Decline buttons of a nomination, as the nomination DM has them (commands/nomination.ts). */
function nominationButtons(label: string): Button[] {
  return [
    { kind: "button", actionId: "nomination:accept", label: "Accept", value: label, style: "primary" },
    { kind: "button", actionId: "nomination:decline", label: "Decline", value: label, style: "danger" },
  ];
}

function deadlineItem(d: HomeDeadline, zone: string, now: Date, network: HomeData["network"]): Message {
  const card: Card = {
    title: [`${deadlineId(d)} ${d.title}`],
    fields: [
      { label: "Due (your time)", value: [localInstant(d.dueAt, zone)] },
      { label: "Time left", value: [formatTimeLeft(now, d.dueAt)] },
      { label: "Notice given", value: [formatNotice(d.noticeMs)] },
      { label: "For", value: [d.forWhom] },
    ],
    ...(d.shortNotice ? { flag: `Short notice: less than ${network.shortNoticeHours} h` } : {}),
    ...(d.link ? { url: d.link } : {}),
  };
  return {
    card,
    text: [[`${deadlineId(d)} ${d.title}: due `, localInstant(d.dueAt, zone), ` · ${formatTimeLeft(now, d.dueAt)} · notice ${formatNotice(d.noticeMs)}${d.shortNotice ? " ⚠️ short notice" : ""}`]],
  };
}

function electionItem(e: HomeElection, zone: string, now: Date): Message | null {
  const label = electionLabel(e);
  const head = `${label} ${e.title} (${e.constituency})`;
  if (e.status === "nominations") {
    const lines: Inline[][] = [[`${head}: nominations close `, localInstant(e.nominationsCloseAt, zone), ` (${formatTimeLeft(now, e.nominationsCloseAt)}).`]];
    lines.push([`Nominate a member of ${e.constituency}, or yourself: /nominate ${label} <member>.`]);
    if (e.nomination === "pending") lines.push(["You are nominated: accept or decline."]);
    return { text: lines, ...(e.nomination === "pending" ? { components: nominationButtons(label) } : {}) };
  }
  if (!e.takesPart) return null;
  const lines: Inline[][] = [[`${head}: voting closes `, localInstant(e.votingCloseAt, zone), ` (${formatTimeLeft(now, e.votingCloseAt)}).`]];
  lines.push([e.voted ? `You have voted. To replace your ballot: /vote ${label} <candidates> receipt <your receipt>.` : `You have not voted yet: /vote ${label} <candidates>.`]);
  // The same ballot as /vote E1 opens (commands/vote.ts answers this button with the ballot form).
  const button: Button = { kind: "button", actionId: BALLOT_FORM_ID, label: e.voted ? "Replace my ballot" : "Vote", value: label, ...(e.voted ? {} : { style: "primary" as const }) };
  return { text: lines, components: [button] };
}

const NOMINATION_WORDS: Record<NominationStatus, string> = {
  pending: "waiting for your answer",
  accepted: "you accepted: you stand",
  declined: "you declined",
  withdrawn: "you withdrew",
};

/** The page, from the data, at `now`. Elections the member cannot act in are left out. */
export function memberHome(data: HomeData, now: Date): MemberHome {
  const { zone } = data;
  const nominations = data.elections.filter((e) => e.nomination !== null);
  const current = data.mandates.filter((m) => !m.endedAt);
  return {
    title: `Caucus · ${data.network.name}`,
    intro: [[`Hello ${data.displayName}. Times are in your zone, ${zone} (change it with /timezone). As of `, localInstant(now, zone), "."]],
    sections: [
      {
        heading: "Your upcoming deadlines",
        items: data.deadlines.map((d) => deadlineItem(d, zone, now, data.network)),
        empty: "No deadlines ahead for you. /deadline list all shows the whole network's.",
      },
      {
        heading: "Elections you can act in",
        items: data.elections.filter((e) => e.takesPart).flatMap((e) => electionItem(e, zone, now) ?? []),
        empty: "No open election you can nominate or vote in.",
      },
      {
        heading: "Your nominations",
        items: nominations.map((e) => ({
          text: [[`${electionLabel(e)} ${e.title} (${e.constituency}): ${NOMINATION_WORDS[e.nomination!]}.`]],
          ...(e.nomination === "pending" && e.status === "nominations" ? { components: nominationButtons(electionLabel(e)) } : {}),
        })),
        empty: "You are not nominated in an open election.",
      },
      {
        heading: "Your mandates",
        items: current.map((m) => ({
          text: [[`${m.constituency}: elected `, localInstant(m.electedAt, zone), ` in E${m.electionNumber} ${m.electionTitle} (${m.method}), with ${m.votes} in round ${m.round}.`]],
        })),
        empty: "You hold no mandate from a Caucus election.",
      },
    ],
  };
}

/** Gathers a member's page data. Reads only: opening a page changes nothing. */
export async function loadMemberHome(store: Store, network: Network, member: Member, zone: string, now: Date): Promise<HomeData> {
  const deadlines: HomeDeadline[] = [];
  for (const d of await upcomingDeadlines(store, network, { kind: "member", memberId: member.id }, now)) {
    const n = await currentNotice(store, network, d);
    deadlines.push({ number: d.number, title: d.title, dueAt: d.dueAt, link: d.link, forWhom: await forText(store, d), noticeMs: n.ms, shortNotice: n.short });
  }
  const elections: HomeElection[] = [];
  for (const e of await store.elections.list(network.id)) {
    if (e.status !== "nominations" && e.status !== "voting") continue;
    const onRoster = (await store.membership(e.constituencyId, member.id)) !== null;
    const takesPart = e.status === "nominations" ? onRoster : (await store.elections.roll(e.id)).includes(member.id);
    const nomination = (await store.elections.nominations(e.id)).find((n) => n.memberId === member.id)?.status ?? null;
    if (!takesPart && nomination === null) continue;
    elections.push({
      number: e.number,
      title: e.title,
      constituency: (await store.getConstituency(e.constituencyId))?.name ?? "a former constituency",
      status: e.status,
      nominationsCloseAt: e.nominationsCloseAt,
      votingCloseAt: e.votingCloseAt,
      takesPart,
      voted: e.status === "voting" && takesPart ? await store.elections.hasVoted(e.id, member.id) : false,
      nomination,
    });
  }
  elections.sort((a, b) => a.number - b.number);
  return { network, displayName: member.displayName, zone, deadlines, elections, mandates: await store.elections.mandatesOf(member.id) };
}

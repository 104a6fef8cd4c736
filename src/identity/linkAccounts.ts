// One person, one member: a second platform account is linked to a member with a one-time code, and can be
// split off again. What a link keeps, and why:
// - Settings: where both accounts set one, the account the code was issued to (the one the person linked *to*)
//   wins; a setting only one of them made is kept. A zone set with /timezone beats any platform's profile zone.
// - Organiser by grant belongs to the person and is kept if either account had it. Organiser by right (a Slack
//   workspace admin, a Discord server manager) belongs to the account: acting from the other platform, the
//   person is an organiser only by grant. Linking never turns a right on one platform into a right everywhere.
// - Rosters, deadlines told, mandates, nominations and endorsements are carried over; a roster or roll place
//   held by both accounts becomes one; an endorsement of one account by the other is dropped (it is not
//   "another member's").
// - Votes: one person, one ballot. If both accounts voted in an election still open, the person names one of
//   the two ballots by its receipt and it is dropped: their other (later) ballot stands. Nothing else can find a
//   ballot (src/elections/ballotSecret.ts), so without a receipt the link waits until that election closes.
import { formatInstant } from "../formatInstant.ts";
import type { CommandContext } from "../command.ts";
import { replanMember } from "../deadlineRegistry.ts";
import { parseReceipt, ballotKeyOf } from "../elections/ballotSecret.ts";
import { electionLabel, logEvent } from "../elections/electionFlow.ts";
import type { Election } from "../elections/electionStore.ts";
import type { Recipient } from "../message.ts";
import type { Delivery } from "../platformPort.ts";
import { err, ok, type Result } from "../result.ts";
import type { Account, AccountRef, Member, MemberSettings } from "../store.ts";
import { LINK_CODE_TTL_MS, linkCodeHash, newLinkCode, parseLinkCode } from "./linkCode.ts";

export const accountLabel = (a: AccountRef): string => `${a.platform}:${a.workspaceId}:${a.userId}`;
const platformList = (accounts: readonly Pick<Account, "platform">[]) => accounts.map((a) => a.platform).join(", ");

/** The acting account as a DM address: a link code goes to the account that asked for it, nowhere else. */
function actingRecipient(ctx: CommandContext): Recipient {
  const { platform, workspaceId, userId } = ctx.actor;
  return { memberId: ctx.member.id, displayName: ctx.member.displayName, platform, workspaceId, userId, zone: ctx.zone };
}

export type LinkStarted = { expiresAt: Date; dm: Delivery };

/** `/caucus link`: a fresh one-time code, by DM to the acting account only. */
export async function startLink(ctx: CommandContext): Promise<LinkStarted> {
  const code = newLinkCode(ctx.random);
  const expiresAt = new Date(ctx.now.getTime() + LINK_CODE_TTL_MS);
  await ctx.store.createLinkCode({ codeHash: linkCodeHash(code), networkId: ctx.network.id, memberId: ctx.member.id, platform: ctx.actor.platform, createdAt: ctx.now, expiresAt });
  const dm: Delivery = {
    kind: "dm",
    to: actingRecipient(ctx),
    message: {
      text: [
        [`🔗 Your link code: ${code}`],
        [`On your account on another platform (not ${ctx.actor.platform}) in ${ctx.network.name}, run: /caucus link ${code}`],
        ["It works once, until ", { kind: "instant", at: expiresAt, zone: ctx.zone }, ". Both accounts then are one member: one time zone, one set of reminders, one vote."],
        ["Keep it to yourself: whoever uses it joins their account to you, and can vote as you."],
      ],
    },
  };
  return { expiresAt, dm };
}

/** Which side's settings a merge keeps (see the head of this file), and how to say where each came from. */
export function mergedSettings(issuer: Member, joiner: Member, issuerFirstPlatform: string): MemberSettings {
  const explicitQuiet = (m: Member) => m.quietOff || (m.quietStart !== null && m.quietEnd !== null);
  const quiet = explicitQuiet(issuer) ? issuer : joiner;
  const prompted = [issuer.zonePromptedAt, joiner.zonePromptedAt].filter((d): d is Date => d !== null);
  return {
    zone: issuer.zone ?? joiner.zone,
    quietStart: quiet.quietStart,
    quietEnd: quiet.quietEnd,
    quietOff: quiet.quietOff,
    zonePromptedAt: prompted.length ? new Date(Math.min(...prompted.map((d) => d.getTime()))) : null,
    organiserByGrant: issuer.organiserByGrant || joiner.organiserByGrant,
    dmPlatform: issuer.dmPlatform ?? issuerFirstPlatform,
  };
}

export type Linked = { member: Member; accounts: Account[]; lines: string[]; deliveries: Delivery[] };

/**
 * `/caucus link <code>` from another platform's account: the member the code was issued to and the acting
 * member become one (the acting member's record stays, holding both accounts). Refused, with nothing changed,
 * for a code that is malformed, unknown, used, expired or from another network; for an account already in that
 * member; when both have an account on the same platform; when both stand in the same election not yet closed;
 * and when both voted in an election still voting, unless `receipts` name one ballot of each such election.
 */
export async function completeLink(ctx: CommandContext, typed: string, receipts: readonly string[]): Promise<Result<Linked>> {
  const { store, now } = ctx;
  const code = parseLinkCode(typed);
  if (!code) return err(`"${typed}" is not a link code: it is 16 letters and digits in groups of four, like 7KQ2-M9XD-4TRB-0HCE, sent to you by DM when you ran /caucus link.`);
  const hash = linkCodeHash(code);
  const row = await store.findLinkCode(hash);
  const again = "Run /caucus link on your other account for a new one.";
  if (!row) return err(`No link code ${code} exists: check it against the DM. ${again}`);
  if (row.usedAt) return err(`Link code ${code} has been used already: a code works once. ${again}`);
  if (now >= row.expiresAt) return err(`Link code ${code} expired at ${formatInstant(row.expiresAt, ctx.zone)}: codes last ${LINK_CODE_TTL_MS / 60_000} minutes. ${again}`);
  if (row.networkId !== ctx.network.id) {
    return err(`Link code ${code} is from another Caucus network, not ${ctx.network.name}: accounts are linked within one network. Ask an organiser whether this ${ctx.actor.platform} workspace should join that network (/caucus join).`);
  }
  const joiner = ctx.member;
  if (row.memberId === joiner.id) {
    return err(row.platform === ctx.actor.platform
      ? `That code is for this very account: run /caucus link ${code} from your account on another platform.`
      : `This account is already linked to the member that code is for: nothing to do.`);
  }
  const issuer = await store.getMember(row.memberId);
  if (!issuer) return err(`The account that asked for link code ${code} is no longer a member here. ${again}`);
  const issuerAccounts = await store.accountsOf(issuer.id);
  if (!issuerAccounts.length) return err(`The account that asked for link code ${code} is no longer in ${ctx.network.name}. ${again}`);
  const joinerAccounts = await store.accountsOf(joiner.id);
  const shared = issuerAccounts.filter((a) => joinerAccounts.some((b) => b.platform === a.platform)).map((a) => a.platform);
  if (shared.length) {
    return err(`Both members already have a ${shared.join(" and ")} account (one has ${platformList(issuerAccounts)}, this one ${platformList(joinerAccounts)}): a member has one account per platform, so these cannot be linked. If one of them is not yours, tell an organiser.`);
  }

  // Elections still open: one person stands once and has one ballot.
  const live = (await store.elections.list(ctx.network.id)).filter((e) => e.status !== "closed");
  const bothVoted: Election[] = [];
  const bothOnRoll: Election[] = [];
  for (const e of live) {
    const nominated = new Set((await store.elections.nominations(e.id)).map((n) => n.memberId));
    if (nominated.has(issuer.id) && nominated.has(joiner.id)) {
      return err(`Both accounts are nominated in ${electionLabel(e)}, and one person stands once: withdraw one nomination (/nomination withdraw ${electionLabel(e)} from that account), or link after ${electionLabel(e)} closes.`);
    }
    if (e.status !== "voting") continue;
    if ((await store.elections.hasVoted(e.id, issuer.id)) && (await store.elections.hasVoted(e.id, joiner.id))) bothVoted.push(e);
    const roll = new Set(await store.elections.roll(e.id));
    if (roll.has(issuer.id) && roll.has(joiner.id)) bothOnRoll.push(e);
  }
  const parsed: string[] = [];
  for (const r of receipts) {
    const p = parseReceipt(r);
    if (!p) return err(`"${r}" is not a receipt: it is 16 letters and digits in groups of four, as shown when you voted.`);
    parsed.push(p);
  }
  if (bothVoted.length && parsed.length < bothVoted.length) {
    const which = bothVoted.map(electionLabel).join(", ");
    return err(
      `Both accounts have voted in ${which}, and one person has one ballot: your later ballot replaces the earlier one. ` +
        `Add the receipt of the earlier ballot${bothVoted.length > 1 ? ", one for each election" : ""}: /caucus link ${code} receipt XXXX-XXXX-XXXX-XXXX. ` +
        "Caucus keeps no link from you to your ballots, so only a receipt can find one. Without one, you can link once voting has closed.",
    );
  }
  if (parsed.length > bothVoted.length) return err(`You gave ${parsed.length} receipts, but only ${bothVoted.length} ballot${bothVoted.length === 1 ? "" : "s"} must go (one per election both accounts voted in): give one per election.`);

  if (!(await store.useLinkCode(hash, now))) return err(`Link code ${code} was used a moment ago. ${again}`);
  // From here on every write rolls back with any refusal below.
  const unused = [...parsed];
  for (const e of bothVoted) {
    let found = false;
    for (let j = 0; j < unused.length && !found; j++) {
      if (await store.elections.dropBallot(e.id, ballotKeyOf(e.id, unused[j]!))) {
        unused.splice(j, 1);
        found = true;
      }
    }
    if (!found) return err(`None of the receipts you gave is of a ballot in ${electionLabel(e)}: check them against the ones shown when you voted.`);
    // The log says a ballot went, as nothing more: no receipt (it would date the voter's vote), no contents.
    await logEvent(store, e, "vote-replaced-on-link", now, { note: "two accounts of one voter were linked: one of their two ballots was dropped, the other stands" });
  }
  // A candidate frozen on the ballot under the issuer's member id is the same candidate under the joiner's.
  for (const e of live.filter((x) => x.status === "voting" && (x.rules?.candidates ?? []).some((c) => typeof c !== "string" && c.memberId === issuer.id))) {
    const rules = { ...e.rules!, candidates: e.rules!.candidates!.map((c) => (typeof c !== "string" && c.memberId === issuer.id ? { ...c, memberId: joiner.id } : c)) };
    await store.elections.update(e.id, { rules });
    await store.elections.renameCandidateOnBallots(e.id, issuer.id, joiner.id);
  }
  const issuerFirst = issuerAccounts[0]!;
  const settings = mergedSettings(issuer, joiner, issuerFirst.platform);
  const merged = await store.mergeMembers(joiner.id, issuer.id, settings);
  for (const e of bothOnRoll) {
    await logEvent(store, e, "roll-merged", now, { rollSize: (await store.elections.roll(e.id)).length, note: "two accounts on the roll were linked into one member" });
  }
  // One set of reminders, in the zone and quiet hours kept.
  await replanMember(store, ctx.network, merged, now);
  const accounts = await store.accountsOf(merged.id);
  const issuerAccount = issuerAccounts.find((a) => a.platform === row.platform) ?? issuerFirst;
  const zoneSource = settings.zone === null
    ? merged.platformZone ? "from your platform profile" : `the network's default; set yours with /timezone`
    : issuer.zone !== null ? `set on ${row.platform}` : `set on ${ctx.actor.platform}`;
  const others = accounts.filter((a) => a.platform !== settings.dmPlatform).map((a) => a.platform);
  const rosters = (await store.listConstituencies(ctx.network.id)).filter((c) => c.size > 0);
  const onRosters: string[] = [];
  for (const c of rosters) if (await store.membership(c.id, merged.id)) onRosters.push(c.name);
  const lines = [
    `🔗 Your ${row.platform} and ${ctx.actor.platform} accounts are now one member of ${ctx.network.name}.`,
    `Time zone: ${settings.zone ?? merged.platformZone ?? ctx.network.defaultZone} (${zoneSource}). Where both accounts had a setting, the ${row.platform} account's (the one that asked for the code) was kept.`,
    `Reminders and DMs: on ${settings.dmPlatform}, once each.${others.length ? ` To get them on ${others.join(" or ")}: /caucus reminders on ${others[0]}.` : ""}`,
    `Rosters: ${onRosters.length ? onRosters.join(", ") : "none"} (one place each).`,
    ...(bothVoted.length ? [`Ballots: in ${bothVoted.map(electionLabel).join(", ")}, the ballot with the receipt you gave was dropped; your other one stands.`] : []),
    ...(accounts.some((a) => a.platformAdmin) ? [`Organiser rights that come with being a platform admin stay with that account: ${accounts.filter((a) => a.platformAdmin).map((a) => a.platform).join(", ")}.`] : []),
    `Not what you meant? /caucus unlink ${ctx.actor.platform} splits this account off again.`,
  ];
  await store.addAccountLinkEntry(ctx.network.id, {
    at: now,
    kind: "linked",
    memberId: merged.id,
    otherMemberId: issuer.id,
    account: accountLabel(issuerAccount),
    detail: `${accountLabel(issuerAccount)} (asked for the code) and ${accountLabel(ctx.actor)} are one member, ${merged.displayName}; settings of ${row.platform} kept where both had one; DMs on ${settings.dmPlatform}; rosters: ${onRosters.join(", ") || "none"}`,
  });
  // The account that asked hears of it there too: if someone else used the code, this is how they find out.
  const notice: Delivery = {
    kind: "dm",
    to: { memberId: merged.id, displayName: merged.displayName, platform: issuerAccount.platform, workspaceId: issuerAccount.workspaceId, userId: issuerAccount.userId, zone: ctx.zone },
    message: { text: [[`🔗 Your link code was used: this ${issuerAccount.platform} account and a ${ctx.actor.platform} account are now one member of ${ctx.network.name}. If that was not you, run /caucus unlink ${ctx.actor.platform} here at once and tell an organiser.`]] },
  };
  return ok({ member: merged, accounts, lines, deliveries: [notice] });
}

export type Unlinked = { member: Member; split: Member; account: Account; deliveries: Delivery[] };

/**
 * `/caucus unlink <platform>`: that account becomes a member of its own again, with the same name, zone and
 * quiet hours and nothing else: no rosters, votes, candidacies, mandates, rights by grant or reminders. The member
 * keeps everything, so unlinking never gives anyone a second vote. Logged.
 */
export async function unlinkAccount(ctx: CommandContext, platform: string): Promise<Result<Unlinked>> {
  const { store } = ctx;
  const accounts = await store.accountsOf(ctx.member.id);
  const account = accounts.find((a) => a.platform === platform.toLowerCase());
  if (accounts.length < 2) return err(`Nothing to unlink: this member has only one account (${platformList(accounts)}).`);
  if (!account) return err(`You have no ${platform} account linked; yours are on ${platformList(accounts)}.`);
  const split = await store.splitAccount(ctx.member.id, account);
  const { zone, quietStart, quietEnd, quietOff } = ctx.member;
  const kept = await store.updateMember(split.id, { zone, quietStart, quietEnd, quietOff });
  const member = (await store.getMember(ctx.member.id))!;
  await replanMember(store, ctx.network, member, ctx.now);
  await store.addAccountLinkEntry(ctx.network.id, {
    at: ctx.now,
    kind: "unlinked",
    memberId: member.id,
    otherMemberId: kept.id,
    account: accountLabel(account),
    detail: `${accountLabel(account)} split off ${member.displayName} by ${accountLabel(ctx.actor)}; it keeps no rosters, votes or rights`,
  });
  // Whichever account did not act hears of it.
  const actedFromSplit = ctx.actor.platform === account.platform;
  const other = await store.recipient(actedFromSplit ? member.id : kept.id);
  const deliveries: Delivery[] = other
    ? [{ kind: "dm", to: other, message: { text: [[`🔗 Your ${account.platform} account was unlinked (from ${ctx.actor.platform}): it is now a separate member with no rosters or votes. If that was not you, tell an organiser.`]] } }]
    : [];
  return ok({ member, split: kept, account, deliveries });
}

/** `/caucus reminders on <platform>`: where a linked member's DMs and reminders go. */
export async function remindersOn(ctx: CommandContext, platform: string): Promise<Result<Member>> {
  const accounts = await ctx.store.accountsOf(ctx.member.id);
  const account = accounts.find((a) => a.platform === platform.toLowerCase());
  if (!account) return err(`You have no ${platform} account linked; yours are on ${platformList(accounts)}. Link one with /caucus link.`);
  const member = await ctx.store.updateMember(ctx.member.id, { dmPlatform: account.platform });
  // The profile zone may be that platform's now: reminders follow the zone shown.
  await replanMember(ctx.store, ctx.network, member, ctx.now);
  return ok(member);
}

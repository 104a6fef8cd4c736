// Organisers can list members who may be one person with two unlinked accounts: names that look alike (same
// UTS #39 skeleton, see src/looksAlike.ts) on platforms neither has an account on, so they could still link.
import { nameSkeletons } from "../looksAlike.ts";
import type { Message } from "../message.ts";
import type { Account, Member, Store } from "../store.ts";

export type PossibleDuplicate = { a: Member; aPlatforms: string[]; b: Member; bPlatforms: string[] };

export async function possibleDuplicates(store: Store, networkId: string): Promise<PossibleDuplicate[]> {
  const members = await store.listMembers(networkId);
  const platforms = new Map<string, string[]>();
  for (const m of members) platforms.set(m.id, (await store.accountsOf(m.id)).map((a: Account) => a.platform));
  // Bucket by each skeleton: two names look alike exactly when they share a bucket.
  const buckets = new Map<string, Member[]>();
  for (const m of members) {
    const [folded, cased] = nameSkeletons(m.displayName);
    for (const key of new Set([`f:${folded}`, `c:${cased}`])) buckets.set(key, [...(buckets.get(key) ?? []), m]);
  }
  const seen = new Set<string>();
  const out: PossibleDuplicate[] = [];
  for (const group of buckets.values()) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        const a = group[i]!;
        const b = group[j]!;
        const pa = platforms.get(a.id) ?? [];
        const pb = platforms.get(b.id) ?? [];
        // Accounts on the same platform cannot be linked (one per platform): two people, or a case for organisers.
        if (pa.some((p) => pb.includes(p))) continue;
        const key = [a.id, b.id].sort().join(" ");
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ a, aPlatforms: pa, b, bPlatforms: pb });
      }
    }
  }
  return out;
}

/** The DM asking one of the two to link, if both accounts are theirs. Says nothing the organiser's list does not. */
export function askToLinkDm(networkName: string, other: Member, otherPlatforms: readonly string[], ownPlatform: string): Message {
  return {
    text: [
      [`👋 An organiser of ${networkName} wonders whether you are also "${other.displayName}" on ${otherPlatforms.join(", ")}.`],
      [`If both accounts are yours, link them, so you have one vote and get each reminder once: run /caucus link here on ${ownPlatform}, then run /caucus link <code> from your ${otherPlatforms[0] ?? "other"} account with the code I send you.`],
      ["If that is someone else, ignore this message."],
    ],
  };
}

/**
 * How many ballots nobody else cast the same way, compared as published (the same candidates in the same order).
 * A unique ballot can identify its voter to someone who told them how to vote, so the constituency is told.
 */
export function uniqueBallots(ballots: readonly { prefs: readonly number[] }[]): number {
  const seen = new Map<string, number>();
  for (const b of ballots) {
    const key = b.prefs.join(" ");
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  let unique = 0;
  for (const n of seen.values()) if (n === 1) unique++;
  return unique;
}

/** "2 of 5 ballots are unique (no other ballot ...)": the same sentence wherever ballots are counted or published. */
export function uniqueBallotsLine(unique: number, total: number): string {
  return `Unique ballots: ${unique} of ${total} (cast by one voter only: nobody else ${unique === 1 ? "ranked or approved that way" : "made the same choices"}). Ballots are published in full, so a unique one can show how its voter voted to whoever knows that pattern.`;
}

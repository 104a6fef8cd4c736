import type { Method } from "../tally/method.ts";

/** What organisers type, and the exact rule the engine applies for it. */
export const ELECTION_METHODS = {
  approval: { engine: "approval", ranked: false, rule: "Approval voting: approve any number of candidates; the n with most approvals are elected." },
  irv: { engine: "irv", ranked: true, rule: "Instant runoff (single seat): lowest candidate excluded round by round until one has a majority of continuing votes." },
  stv: {
    engine: "scottish-stv",
    ranked: true,
    rule: "Single transferable vote under the Scottish Local Government Elections Order 2007: Droop quota, surpluses transferred at values truncated to 5 decimal places.",
  },
  meek: { engine: "meek", ranked: true, rule: "Meek STV, the Proportional Representation Foundation's reference rule (9 decimal places, omega 0.000001)." },
  schulze: { engine: "schulze", ranked: true, rule: "Schulze method (beatpath): rank candidates; the n strongest by pairwise strongest paths are elected." },
} as const satisfies Record<string, { engine: Method; ranked: boolean; rule: string }>;

export type ElectionMethod = keyof typeof ELECTION_METHODS;
export const isElectionMethod = (m: string): m is ElectionMethod => Object.hasOwn(ELECTION_METHODS, m);

export const TIE_BREAK_RULE =
  "Ties are broken by earlier rounds first (the candidate who had fewer votes at the most recent round where they differed), " +
  "then by lot: SHA-256 of seed:round:tied names:candidate, lowest first. The seed's SHA-256 is published when voting opens; the seed itself at close, so anyone can re-run the draw.";

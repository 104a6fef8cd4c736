import { z } from "zod";

/** One ballot paper (or several identical ones, `weight` of them). */
export const ballotSchema = z.object({
  // Whole numbers only: the STV rules count ballot papers, and exact arithmetic depends on it.
  weight: z.number().int("ballot weight must be a whole number").positive("ballot weight must be positive").max(Number.MAX_SAFE_INTEGER),
  prefs: z.array(z.number().int().nonnegative()),
});

export type Ballot = z.infer<typeof ballotSchema>;

/**
 * A cheap pre-check that accepts only ballots `ballotSchema` accepts too, without allocating: a recount
 * of a city holds a hundred thousand distinct ballots, and parsing each through zod cost more than counting
 * them. Anything it does not accept goes to `ballotSchema`, which has the last word and the message.
 */
export function plainBallot(value: unknown): value is Ballot {
  if (typeof value !== "object" || value === null) return false;
  const { weight, prefs } = value as { weight?: unknown; prefs?: unknown };
  if (typeof weight !== "number" || !Number.isSafeInteger(weight) || weight < 1) return false;
  if (!Array.isArray(prefs)) return false;
  for (let p = 0; p < prefs.length; p++) {
    const c: unknown = prefs[p];
    if (typeof c !== "number" || !Number.isSafeInteger(c) || c < 0) return false;
  }
  return true;
}

/**
 * An election as the engine sees it. Candidates are identified by their index in `candidates`;
 * names must be unique because results are reported by name.
 * `prefs` is a ranking (most preferred first) for ranked methods, and the approved set for approval.
 */
export const electionInputSchema = z
  .object({
    title: z.string().optional(),
    candidates: z.array(z.string().min(1, "candidate names must not be empty")).min(1, "there must be at least one candidate"),
    withdrawn: z.array(z.number().int().nonnegative()).optional(),
    seats: z.number().int().positive("seats must be a positive whole number"),
    // Each ballot is checked in the refinement below (plainBallot, then ballotSchema for the message).
    ballots: z.custom<Ballot[]>((v) => Array.isArray(v), "ballots must be a list"),
    tieBreakSeed: z.string().optional(),
  })
  .superRefine((election, ctx) => {
    const n = election.candidates.length;
    const seen = new Set<string>();
    election.candidates.forEach((name, i) => {
      if (seen.has(name)) ctx.addIssue({ code: "custom", path: ["candidates", i], message: `candidate name "${name}" appears twice` });
      seen.add(name);
    });
    const withdrawn = new Set<number>();
    (election.withdrawn ?? []).forEach((c, i) => {
      if (c >= n) ctx.addIssue({ code: "custom", path: ["withdrawn", i], message: `withdrawn candidate ${c} does not exist (there are ${n})` });
      if (withdrawn.has(c)) ctx.addIssue({ code: "custom", path: ["withdrawn", i], message: `candidate ${c} is withdrawn twice` });
      withdrawn.add(c);
    });
    // Which ballot last ranked each candidate: a duplicate check with no set per ballot.
    const lastSeenOn = new Int32Array(n).fill(-1);
    const ballots = election.ballots;
    for (let b = 0; b < ballots.length; b++) {
      const ballot: unknown = ballots[b];
      if (!plainBallot(ballot)) {
        const parsed = ballotSchema.safeParse(ballot);
        if (!parsed.success) {
          for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", path: ["ballots", b, ...issue.path], message: issue.message });
          continue;
        }
      }
      const prefs = (ballot as Ballot).prefs;
      for (let p = 0; p < prefs.length; p++) {
        const c = prefs[p]!;
        if (c >= n) ctx.addIssue({ code: "custom", path: ["ballots", b, "prefs", p], message: `candidate ${c} does not exist (there are ${n})` });
        else if (lastSeenOn[c] === b) ctx.addIssue({ code: "custom", path: ["ballots", b, "prefs", p], message: `candidate ${c} appears twice on one ballot` });
        else lastSeenOn[c] = b;
      }
    }
  });

export type ElectionInput = z.infer<typeof electionInputSchema>;

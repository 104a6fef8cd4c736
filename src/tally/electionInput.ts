import * as z from "zod";

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
    ballots: z.array(
      z.object({
        // Whole numbers only: the STV rules count ballot papers, and exact arithmetic depends on it.
        weight: z.number().int("ballot weight must be a whole number").positive("ballot weight must be positive").max(Number.MAX_SAFE_INTEGER),
        prefs: z.array(z.number().int().nonnegative()),
      }),
    ),
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
    election.ballots.forEach((ballot, b) => {
      const prefs = new Set<number>();
      ballot.prefs.forEach((c, p) => {
        if (c >= n) ctx.addIssue({ code: "custom", path: ["ballots", b, "prefs", p], message: `candidate ${c} does not exist (there are ${n})` });
        if (prefs.has(c)) ctx.addIssue({ code: "custom", path: ["ballots", b, "prefs", p], message: `candidate ${c} appears twice on one ballot` });
        prefs.add(c);
      });
    });
  });

export type ElectionInput = z.infer<typeof electionInputSchema>;

/** One ballot paper (or `weight` identical ones). */
export type Ballot = ElectionInput["ballots"][number];

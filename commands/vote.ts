import { privateReply, type Command } from "../src/command.ts";
import { localInstant } from "../src/message.ts";
import { sha256 } from "../src/elections/auditChain.ts";
import { candidateNames, electionLabel, logEvent, newReceipt, voterKey } from "../src/elections/electionFlow.ts";
import { ELECTION_METHODS } from "../src/elections/electionMethod.ts";
import { findElection } from "../src/elections/findElection.ts";
import { parseMemberRef } from "../src/memberRef.ts";
import { nameKey } from "../src/nameKey.ts";
import { err, ok } from "../src/result.ts";

const USAGE = "/vote <election> <candidate> [<candidate> ...]";

export const vote: Command = {
  name: "vote",
  summary: "Cast (or replace) your ballot.",
  help: [{ usage: USAGE, summary: "Ranked methods: your candidates in order of preference. Approval: every candidate you approve.", example: "/vote E1 amina luis" }],
  async run(ctx, args) {
    const [id, ...choices] = args;
    const f = await findElection(ctx, id, USAGE);
    if (!f.ok) return f;
    // Serialise with other votes and with the close: read the election again under its lock, so no ballot
    // lands after the count and one ballot per member holds even when the same member votes twice at once.
    await ctx.store.elections.lock(f.value.id);
    const e = (await ctx.store.elections.get(f.value.id))!;
    if (e.status !== "voting" || ctx.now >= e.votingCloseAt) {
      return err(e.status === "closed" || ctx.now >= e.votingCloseAt ? `Voting in ${electionLabel(e)} has closed.` : `Voting in ${electionLabel(e)} has not opened yet: it opens when nominations close.`);
    }
    if (!(await ctx.store.elections.roll(e.id)).includes(ctx.member.id)) {
      return err(`You are not on the roll of ${electionLabel(e)}: the roll is the constituency's roster when nominations closed.`);
    }
    const names = await candidateNames(ctx.store, e.rules?.candidates ?? []);
    if (!choices.length) return err(`Name at least one candidate. Candidates: ${[...names.values()].join(", ")}. Usage: ${USAGE}`);
    const picked: string[] = [];
    for (const token of choices) {
      const ref = parseMemberRef(token, ctx.actor.platform, ctx.actor.workspaceId);
      let idFound: string | undefined;
      if (ref.kind === "mention") {
        const m = await ctx.store.findMember(ctx.network.id, ref);
        idFound = m[0] && names.has(m[0].id) ? m[0].id : undefined;
      } else idFound = [...names].find(([, n]) => nameKey(n) === nameKey(ref.name))?.[0];
      if (!idFound) return err(`"${token}" is not a candidate in ${electionLabel(e)}. Candidates: ${[...names.values()].join(", ")}.`);
      if (picked.includes(idFound)) return err(`${names.get(idFound)} appears twice on your ballot: name each candidate once.`);
      picked.push(idFound);
    }
    // More choices than candidates cannot pass: one of them is a non-candidate or a repeat, each named above.
    if (!e.ballotKey) throw new Error(`election ${e.id} is voting without a ballot key`);
    const receipt = newReceipt(ctx.random);
    const outcome = await ctx.store.elections.castBallot(e.id, voterKey(e.ballotKey, ctx.member.id), picked);
    // The log records that a ballot was cast, as the receipt's hash only: never who, never how.
    await logEvent(ctx.store, e, outcome === "cast" ? "vote-cast" : "vote-replaced", ctx.now, { receiptHash: sha256(receipt) });
    const ranked = ELECTION_METHODS[e.method].ranked;
    const ballot = ranked ? picked.map((p, i) => `${i + 1}. ${names.get(p)}`).join("  ") : `approved: ${picked.map((p) => names.get(p)).join(", ")}`;
    return ok([
      privateReply({
        text: [
          [`${outcome === "cast" ? "Ballot cast" : "Ballot replaced"} in ${electionLabel(e)}: ${ballot}`],
          [`Receipt: ${receipt}. Keep it: its SHA-256 appears in /election audit ${electionLabel(e)}, showing your vote was recorded. Voting again replaces this ballot until `, localInstant(e.votingCloseAt, ctx.zone), "."],
        ],
      }),
    ]);
  },
};

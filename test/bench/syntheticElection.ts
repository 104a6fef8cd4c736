/**
 * Repeatable synthetic elections for the tally benchmarks, shared by the engine figures (test/bench/tallyBench.ts)
 * and the whole-process CLI figures: the same seed gives the same ballots, byte for byte, on every machine.
 *
 * The distribution, chosen to look like a real preferential count (many identical papers, and a long tail):
 * - Popularity is skewed: candidate i (0-based) has weight 1 / (i + 1)^1.1, so candidate 1 is the favourite,
 *   and a ranking is drawn from those weights without replacement (Plackett-Luce).
 * - 55% of papers follow a "slate": one of 40 party or how-to-vote cards (each a full ranking drawn once, as
 *   above), the cards themselves chosen with weight 1 / (k + 1), so a few cards are very common. A slate paper
 *   copies its card up to its own length.
 * - 45% of papers are independent rankings drawn as above: the long tail of nearly unique rankings.
 * - Lengths vary: 30% of papers are bullet votes (one preference), 10% rank every candidate, the other 60% rank
 *   2 + a geometric number (mean n / 4) more, capped at n.
 * Every paper has weight 1, as in a published cast-vote record; 100,000 papers on 15 candidates give about
 * 22,000 distinct rankings, 1,000,000 papers on 10 candidates about 117,000.
 *
 * Run directly to write a BLT file: `tsx test/bench/syntheticElection.ts <ballots> <candidates> <seats> <out.blt>`.
 */
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import path from "node:path";
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import type { ElectionInput } from "../../src/tally/electionInput.ts";

export type SyntheticSpec = { ballots: number; candidates: number; seats: number; seed?: number };

/** The figures' files: what `tally_*_100k_ms` and `tally_irv_1m_*` count. */
export const stv100k: SyntheticSpec = { ballots: 100_000, candidates: 15, seats: 5, seed: 12 };
export const irv1m: SyntheticSpec = { ballots: 1_000_000, candidates: 10, seats: 1, seed: 12 };

const SLATES = 40;
const SLATE_SHARE = 0.55;
const BULLET_SHARE = 0.3;
const FULL_SHARE = 0.1;

export function syntheticCandidates(spec: SyntheticSpec): string[] {
  return Array.from({ length: spec.candidates }, (_, i) => `Candidate ${i + 1}`);
}

/** The rankings (0-based candidate indices, most preferred first), one per paper, in file order. */
export function* syntheticRankings(spec: SyntheticSpec): Generator<number[]> {
  const n = spec.candidates;
  const rng = xoroshiro128plus(spec.seed ?? 12);
  const random = (): number => uniformFloat64(rng);
  const popularity = Array.from({ length: n }, (_, i) => 1 / (i + 1) ** 1.1);

  const draw = (length: number): number[] => {
    const left = [...popularity.keys()];
    const weights = [...popularity];
    const out: number[] = [];
    while (out.length < length) {
      const total = weights.reduce((s, w) => s + w, 0);
      let x = random() * total;
      let k = 0;
      while (k < weights.length - 1 && x >= weights[k]!) x -= weights[k++]!;
      out.push(left[k]!);
      left.splice(k, 1);
      weights.splice(k, 1);
    }
    return out;
  };
  const slates = Array.from({ length: SLATES }, () => draw(n));
  const slateWeights = slates.map((_, k) => 1 / (k + 1));
  const slateTotal = slateWeights.reduce((s, w) => s + w, 0);
  const geometricP = 1 / (1 + n / 4);

  const length = (): number => {
    const u = random();
    if (u < BULLET_SHARE) return 1;
    if (u < BULLET_SHARE + FULL_SHARE) return n;
    let extra = 0;
    while (random() >= geometricP) extra++;
    return Math.min(n, 2 + extra);
  };

  for (let b = 0; b < spec.ballots; b++) {
    const len = length();
    if (random() < SLATE_SHARE) {
      let x = random() * slateTotal;
      let k = 0;
      while (k < SLATES - 1 && x >= slateWeights[k]!) x -= slateWeights[k++]!;
      yield slates[k]!.slice(0, len);
    } else {
      yield draw(len);
    }
  }
}

/** The election with one ballot of weight 1 per paper, as a reader that does not merge papers would give it. */
export function syntheticElectionInput(spec: SyntheticSpec): ElectionInput {
  const ballots: ElectionInput["ballots"] = [];
  for (const prefs of syntheticRankings(spec)) ballots.push({ weight: 1, prefs });
  return { candidates: syntheticCandidates(spec), seats: spec.seats, ballots, tieBreakSeed: "bench", title: title(spec) };
}

const title = (spec: SyntheticSpec): string => `Synthetic election: ${spec.ballots} papers, ${spec.candidates} candidates, ${spec.seats} seats, seed ${spec.seed ?? 12}`;

/** The election as a BLT file, one line per paper (weight 1), written in chunks so memory stays flat. */
export async function writeSyntheticBlt(file: string, spec: SyntheticSpec): Promise<void> {
  const out = createWriteStream(file, "utf8");
  let chunk = `${spec.candidates} ${spec.seats}\n`;
  for (const prefs of syntheticRankings(spec)) {
    chunk += `1 ${prefs.map((c) => c + 1).join(" ")} 0\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, "drain");
      chunk = "";
    }
  }
  chunk += "0\n";
  for (const name of syntheticCandidates(spec)) chunk += `"${name}"\n`;
  chunk += `"${title(spec)}"\n`;
  out.end(chunk);
  await once(out, "finish");
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const [ballots, candidates, seats, file] = process.argv.slice(2);
  if (!file) {
    process.stderr.write("usage: tsx test/bench/syntheticElection.ts <ballots> <candidates> <seats> <out.blt>\n");
    process.exit(2);
  }
  await writeSyntheticBlt(file, { ballots: Number(ballots), candidates: Number(candidates), seats: Number(seats), seed: 12 });
}

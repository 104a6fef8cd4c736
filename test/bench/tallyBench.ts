// The tally engine's figures (issue 12): in-process count time on repeatable synthetic elections, and the peak
// memory of counting a million papers. Times are the median of several runs; nothing here judges them.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { tally } from "../../src/tally/tally.ts";
import type { Method } from "../../src/tally/method.ts";
import type { ElectionInput } from "../../src/tally/electionInput.ts";
import { weightedBallots } from "../../src/tally/weightedBallots.ts";
import { figure } from "./figure.ts";
import { irv1m, stv100k, syntheticElectionInput, writeSyntheticBlt } from "./syntheticElection.ts";

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function countTime(election: ElectionInput, method: Method, runs: number): { ms: number; cpuMs: number; elected: string[] } {
  let elected: string[] = [];
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    globalThis.gc?.();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    elected = tally(election, method).elected;
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { ms: median(times), cpuMs: median(cpu), elected };
}

/**
 * Count times from ElectionInput with one ballot per paper (weight 1), so the merging inside `tally` is part of the
 * figure; `tally_irv_1m_merged_ms` counts the merged ballots a streaming reader hands over instead.
 */
export async function tallyBench(runs = 5): Promise<void> {
  const stv = syntheticElectionInput(stv100k);
  // CPU time says what the count costs when other work shares the cores (it includes the collector's threads).
  const note = (r: { cpuMs: number; elected: string[] }) => `median of ${runs} (CPU ${r.cpuMs.toFixed(0)} ms); elected ${r.elected.join(", ")}`;
  const s = countTime(stv, "scottish-stv", runs);
  figure("tally_stv_100k_ms", s.ms, "ms", note(s));
  const m = countTime(stv, "meek", runs);
  figure("tally_meek_100k_ms", m.ms, "ms", note(m));
  const z = countTime(stv, "schulze", runs);
  figure("tally_schulze_100k_ms", z.ms, "ms", note(z));
  const irv = syntheticElectionInput(irv1m);
  const i = countTime(irv, "irv", runs);
  figure("tally_irv_1m_ms", i.ms, "ms", note(i));
  // The same count from the merged papers, as a reader that merges while it reads hands them over.
  const table = weightedBallots();
  for (const b of irv.ballots) table.add(b.weight, b.prefs);
  const merged = { ...irv, ballots: table.ballots() };
  const im = countTime(merged, "irv", runs);
  figure("tally_irv_1m_merged_ms", im.ms, "ms", `median of ${runs} (CPU ${im.cpuMs.toFixed(0)} ms); ${merged.ballots.length} distinct rankings`);

  // A fresh process, so the figure is this count's own peak and not the benchmark's.
  const dir = mkdtempSync(path.join(os.tmpdir(), "caucus-tally-rss-"));
  try {
    const file = path.join(dir, "irv1m.blt");
    await writeSyntheticBlt(file, irv1m);
    const out = execFileSync(process.execPath, [...process.execArgv, "test/bench/tallyRss.ts", file, "irv"], { encoding: "utf8" });
    const rss = JSON.parse(out.trim().split("\n").at(-1)!) as { startMb: number; peakMb: number; distinct: number };
    figure("tally_irv_1m_engine_rss_mb", rss.peakMb, "MiB", `peak RSS without the CLI: BLT file streamed through bltReader (${rss.distinct} distinct rankings) and counted; ${rss.startMb.toFixed(0)} MiB before reading`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith("tallyBench.ts")) await tallyBench();

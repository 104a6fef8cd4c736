// The tally CLI as a whole process (issue 12): start-up on a small file, and the 100,000- and 1,000,000-paper
// recounts from tallyeng's seeded files, each the median wall time of several runs, with the peak resident
// memory of the process that counts. Run alone with `tsx test/bench/measureTallyCli.ts [runs]`.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { figure } from "./figure.ts";
import { once } from "node:events";
import { irv1m, stv100k, syntheticCandidates, syntheticRankings, writeSyntheticBlt, type SyntheticSpec } from "./syntheticElection.ts";

/** The same papers as a long-form cast-vote record (ballot_id,rank,candidate), one row per preference. */
async function writeSyntheticCvr(file: string, spec: SyntheticSpec): Promise<number> {
  const names = syntheticCandidates(spec);
  const out = fs.createWriteStream(file, "utf8");
  let chunk = "ballot_id,rank,candidate\n";
  let rows = 0;
  let id = 0;
  for (const prefs of syntheticRankings(spec)) {
    id++;
    for (const [r, c] of prefs.entries()) chunk += `B${id},${r + 1},${names[c]}\n`;
    rows += prefs.length;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, "drain");
      chunk = "";
    }
  }
  out.end(chunk);
  await once(out, "finish");
  return rows;
}

const root = path.resolve(new URL("../../", import.meta.url).pathname);
// What `npm run tally` runs, without npm's own start-up (measured separately below).
const SCRIPT = (JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts.tally!;
const TIME = "/usr/bin/time";
const haveTime = fs.existsSync(TIME);

type Run = { ms: number; cpuMs: number; peakMb: number; stdout: string };

/** One whole-process run: wall time, and peak RSS from GNU time (or, without it, VmHWM sampled while it runs). */
function runOnce(command: string, args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = haveTime
      ? spawn(TIME, ["-f", "peak-kb %M cpu-s %U %S", command, ...args], { cwd: root, stdio: ["ignore", "pipe", "pipe"] })
      : spawn(command, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let sampledKb = 0;
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const sampler = haveTime
      ? undefined
      : setInterval(() => {
          try {
            const m = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${child.pid}/status`, "utf8"));
            if (m) sampledKb = Math.max(sampledKb, Number(m[1]));
          } catch {
            // gone already
          }
        }, 5);
    child.on("error", reject);
    child.on("close", (code) => {
      const ms = performance.now() - t0;
      if (sampler) clearInterval(sampler);
      if (code !== 0) return reject(new Error(`${command} ${args.join(" ")} exited ${code}:\n${stderr}`));
      const timed = /peak-kb (\d+) cpu-s ([\d.]+) ([\d.]+)/.exec(stderr);
      const kb = timed ? Number(timed[1]) : sampledKb;
      // CPU time (user + system) says what the count costs when other work shares the cores; NaN without GNU time.
      const cpuMs = timed ? (Number(timed[2]) + Number(timed[3])) * 1000 : NaN;
      resolve({ ms, cpuMs, peakMb: kb / 1024, stdout });
    });
  });
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function measure(command: string, args: string[], runs: number): Promise<{ ms: number; cpuMs: number; peakMb: number; elected: string }> {
  const all: Run[] = [];
  for (let i = 0; i < runs; i++) all.push(await runOnce(command, args));
  const last = all.at(-1)!;
  let elected = "";
  try {
    elected = (JSON.parse(last.stdout) as { elected: string[] }).elected.join(", ");
  } catch {
    // --help and the like print no count
  }
  return { ms: median(all.map((r) => r.ms)), cpuMs: median(all.map((r) => r.cpuMs)), peakMb: median(all.map((r) => r.peakMb)), elected };
}

export async function measureTallyCli(runs = 5): Promise<void> {
  // Built once here, so that no measured run includes a build (a stale bundle is rebuilt by the first run).
  execFileSync("npm", ["run", "--silent", "build:tally"], { cwd: root, stdio: "inherit" });
  const [node, launcher] = SCRIPT.split(" ") as [string, string];
  const cli = (...args: string[]) => [launcher, ...args];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "caucus-bench-tally-"));
  try {
    const file = async (spec: SyntheticSpec, name: string): Promise<string> => {
      const f = path.join(dir, name);
      await writeSyntheticBlt(f, spec);
      return f;
    };
    const note = (r: { elected: string; cpuMs: number }, what: string) =>
      `median of ${runs}, ${what}; CPU ${r.cpuMs.toFixed(0)} ms${r.elected ? `; elected ${r.elected}` : ""}`;

    const small = "test/tally/fixtures/scottish-truncation.blt";
    // Node's own start-up in the same conditions, for scale: on a loaded machine every figure here grows with it.
    const bare = await measure(node, ["-e", "0"], runs);
    const start = await measure(node, cli("--method", "scottish-stv", small), runs);
    figure("tally_cli_start_ms", start.ms, "ms", note(start, `whole process, ${SCRIPT} on a 13-paper file; peak RSS ${start.peakMb.toFixed(0)} MiB (node -e 0: ${bare.ms.toFixed(0)} ms, CPU ${bare.cpuMs.toFixed(0)} ms)`));
    const viaNpm = await measure("npm", ["run", "--silent", "tally", "--", "--method", "scottish-stv", small], runs);
    figure("tally_cli_start_npm_ms", viaNpm.ms, "ms", note(viaNpm, "whole process, npm run --silent tally (npm's own start-up included)"));

    const stv = await file(stv100k, "stv100k.blt");
    for (const [name, method] of [["stv", "scottish-stv"], ["meek", "meek"], ["schulze", "schulze"]] as const) {
      const r = await measure(node, cli("--method", method, stv), runs);
      figure(`tally_cli_${name}_100k_ms`, r.ms, "ms", note(r, `whole process, 100,000 papers, 15 candidates, 5 seats; peak RSS ${r.peakMb.toFixed(0)} MiB`));
    }
    const csv = path.join(dir, "stv100k.csv");
    const rows = await writeSyntheticCvr(csv, stv100k);
    const c = await measure(node, cli("--method", "scottish-stv", "--format", "csv", "--seats", "5", csv), runs);
    figure("tally_cli_csv_stv_100k_ms", c.ms, "ms", note(c, `whole process, the same papers as a cast-vote record (${rows} rows); peak RSS ${c.peakMb.toFixed(0)} MiB`));

    const irv = await file(irv1m, "irv1m.blt");
    const r = await measure(node, cli("--method", "irv", irv), runs);
    figure("tally_cli_irv_1m_ms", r.ms, "ms", note(r, "whole process, 1,000,000 papers, 10 candidates"));
    figure("tally_irv_1m_rss_mb", r.peakMb, "MiB", `peak RSS of the whole CLI process counting the 1,000,000-paper file (${haveTime ? "GNU time" : "VmHWM sampled"}), median of ${runs}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  await measureTallyCli(Number(process.argv[2] ?? 5));
}

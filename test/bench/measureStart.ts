// Starts the bot as `npm start` does (console adapter, embedded database, no tokens) on a temporary data dir,
// with stdin kept open, and reads what an operator would see: time to the first prompt and resident memory
// of the node process that runs the bot (not the npm or tsx wrappers around it).
import { execSync, spawn } from "node:child_process";
import fsSync from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

export type StartFigures = {
  /** `prestart` (the build), ms; 0 when there is none. */
  prestartMs: number;
  /** First start on an empty data dir (database created from the snapshot), ms to the first prompt. */
  firstPromptMs: number;
  /** VmRSS after that first start, idle (it created the database). */
  firstRssIdleMb: number;
  /** Second start on the same data dir (database resumed), ms to the first prompt. */
  promptMs: number;
  /** VmRSS of the bot's node process after start-up and a few commands, once idle. */
  rssIdleMb: number;
  /** VmHWM: the most it ever held resident. */
  rssPeakMb: number;
  /** Every process in the tree (npm, tsx, node): what the machine actually pays. */
  treeRssMb: number;
  /** Which process was measured, for the record. */
  command: string;
};

// `npm start` is the documented entry: run its prestart (the build) once, then its script line without npm's
// own process in the way.
const SCRIPTS = (JSON.parse(fsSync.readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts;
const START = SCRIPTS.start!;
const binPath = `${path.resolve("node_modules/.bin")}:${process.env.PATH}`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function children(pid: number): number[] {
  // /proc/<pid>/task/<tid>/children lists the direct children of each thread.
  const out: number[] = [];
  for (const tid of fsSync.readdirSync(`/proc/${pid}/task`, { withFileTypes: false }) as string[]) {
    const text = fsSync.readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8").trim();
    if (text) out.push(...text.split(/\s+/).map(Number));
  }
  return out;
}
function tree(pid: number): number[] {
  return [pid, ...children(pid).flatMap(tree)];
}
function status(pid: number, field: "VmRSS" | "VmHWM"): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(fsSync.readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : 0;
}
const cmdline = (pid: number) => fsSync.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);

/** The node process that runs the bot: the deepest process in the tree whose executable is node. */
function botProcess(root: number): number {
  const nodes = tree(root).filter((p) => /(^|\/)node$/.test(cmdline(p)[0] ?? ""));
  const leaf = nodes.find((p) => !tree(p).slice(1).some((c) => nodes.includes(c)));
  if (leaf === undefined) throw new Error("no node process found under the started command");
  return leaf;
}

async function startOnce(dataDir: string, commands: string[]): Promise<{ promptMs: number; rss: number; hwm: number; tree: number; command: string }> {
  const t0 = performance.now();
  const child = spawn("sh", ["-c", `exec ${START}`], {
    env: { ...process.env, CAUCUS_DATA_DIR: dataDir, PATH: binPath, LOG_LEVEL: "", PORT: "" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (err += d.toString()));
  const prompts = () => out.split("me> ").length - 1;
  const until = async (cond: () => boolean, what: string, ms = 120_000) => {
    const end = Date.now() + ms;
    while (!cond()) {
      if (child.exitCode !== null) throw new Error(`the bot exited (${child.exitCode}) before ${what}:\n${err}`);
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}:\n${out}\n${err}`);
      await sleep(20);
    }
  };
  try {
    await until(() => prompts() >= 1, "its first prompt");
    const promptMs = performance.now() - t0;
    for (const [i, c] of commands.entries()) {
      child.stdin.write(`${c}\n`);
      await until(() => prompts() >= i + 2, `the answer to ${c}`);
    }
    // Idle: let timers, the reminder tick and the collector settle.
    await sleep(5_000);
    const pid = botProcess(child.pid!);
    const figures = { promptMs, rss: status(pid, "VmRSS"), hwm: status(pid, "VmHWM"), tree: tree(child.pid!).reduce((s, p) => s + status(p, "VmRSS"), 0), command: cmdline(pid).join(" ") };
    child.stdin.end("quit\n");
    await new Promise((r) => child.once("exit", r));
    return figures;
  } finally {
    if (child.exitCode === null) child.kill("SIGTERM");
  }
}

export async function measureStart(): Promise<StartFigures> {
  const t0 = performance.now();
  if (SCRIPTS.prestart) execSync(SCRIPTS.prestart, { stdio: "inherit", env: { ...process.env, PATH: binPath } });
  const prestartMs = SCRIPTS.prestart ? performance.now() - t0 : 0;
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "caucus-bench-start-"));
  try {
    const first = await startOnce(dir, []);
    const second = await startOnce(dir, ["/timezone Europe/Paris", '/deadline add "Bench" 2030-06-20 12:00 UTC', "/deadline list", "/caucus help"]);
    return { prestartMs, firstPromptMs: first.promptMs, firstRssIdleMb: first.rss, promptMs: second.promptMs, rssIdleMb: second.rss, rssPeakMb: second.hwm, treeRssMb: second.tree, command: second.command };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const f = await measureStart();
  console.log(JSON.stringify(f, null, 1));
}

import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // PGlite's first start takes ~5 s on this machine; database tests share one instance per file.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Vitest's default (cores - 1) is one worker on a 2-core machine, yet a database or platform test spends much
    // of its time waiting on PGlite, fake servers and child processes: two workers took the suite from 6m35s to
    // 4m15s there, with the same results.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Files run one after another in each worker process, reusing its loaded modules and compiled PGlite WASM:
    // a fresh process per file spent ~2.5 s importing and ~0.6 s compiling before each file's first test
    // (8m40s for the suite against 6m14s, one worker). Safe because no test mocks modules or changes process.env, and
    // each file opens (and closes) its own databases; on PostgreSQL, each worker has its own (testApp.ts).
    isolate: false,
  },
});

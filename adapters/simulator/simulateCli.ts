// npm run --silent simulate -- <scenario file>
// Runs the real core and store on a throw-away embedded database and a virtual clock; stdout is JSON Lines only.
import fs from "node:fs/promises";
import { openApp } from "../compose.ts";
import { createLogger } from "../createLogger.ts";
import { parseScenario } from "./parseScenario.ts";
import { runScenario } from "./runScenario.ts";

const file = process.argv[2];
if (!file || process.argv.length > 3) {
  process.stderr.write("usage: npm run --silent simulate -- <scenario file>\n");
  process.exit(64);
}
const source = await fs.readFile(file, "utf8").catch((e: NodeJS.ErrnoException) => {
  process.stderr.write(`simulate: cannot read ${file}: ${e.code ?? e.message}\n`);
  process.exit(66);
});
const steps = parseScenario(source);
if (!steps.ok) {
  process.stderr.write(`simulate: ${file}: ${steps.error}\n`);
  process.exit(65);
}
const app = await openApp({ kind: "pglite", dataDir: "memory://" }, createLogger(process.env.LOG_LEVEL ?? "warn"));
try {
  await runScenario(steps.value, { ...app, emit: (line) => process.stdout.write(JSON.stringify(line) + "\n") });
} finally {
  await app.close();
}

// @ts-check
// `npm run tally` runs this: the tally CLI (adapters/cli/tallyCli.ts) compiled once into dist/tally.mjs by
// `npm run build:tally`, rebuilt here whenever the bundle is missing or older than any project file it was built
// from (its metafile lists them), package.json or package-lock.json (which changes with any bundled library), so
// no run ever counts with stale code and none pays for transpiling TypeScript. Plain JavaScript because it runs
// before anything is compiled.
import { execFileSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";

const root = new URL("../../", import.meta.url);
const bundle = new URL("dist/tally.mjs", root);
const metafile = new URL("dist/tally.meta.json", root);

/** @returns {boolean} */
function stale() {
  let builtAt;
  /** @type {string[]} */
  let inputs;
  try {
    builtAt = statSync(bundle).mtimeMs;
    inputs = Object.keys(JSON.parse(readFileSync(metafile, "utf8")).inputs).filter((f) => !f.startsWith("node_modules/"));
  } catch {
    return true;
  }
  return [...inputs, "package.json", "package-lock.json"].some((file) => {
    try {
      return statSync(new URL(file, root)).mtimeMs > builtAt;
    } catch {
      return true; // a source gone since the build: build again, which says what is missing
    }
  });
}

if (stale()) {
  // The build's own output goes to stderr: stdout is the count.
  execFileSync("npm", ["run", "--silent", "build:tally"], { cwd: root, stdio: ["ignore", 2, 2] });
}
await import(bundle.href);

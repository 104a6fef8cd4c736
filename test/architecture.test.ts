import { describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts"))
    .map((e) => path.join(e.parentPath, e.name));
}

const importsOf = (file: string) =>
  [...fs.readFileSync(file, "utf8").matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)].map((m) => m[1]!);

const FORBIDDEN = [/^@slack\//, /^discord\.js$/, /^discord-api-types/, /^@prisma\//, /generated\/prisma/, /^pg$/, /^@electric-sql\//, /^pino$/, /^node-cron$/];

describe("imports point inward", () => {
  for (const dir of ["src", "commands"]) {
    it(`${dir}/ never imports a platform SDK, the Prisma client, the database drivers or adapters/`, () => {
      const offenders: string[] = [];
      for (const file of sources(dir)) {
        for (const spec of importsOf(file)) {
          if (FORBIDDEN.some((re) => re.test(spec)) || spec.includes("adapters/")) offenders.push(`${file} imports ${spec}`);
        }
      }
      expect(offenders).toEqual([]);
    });
  }

  it("src/ never imports commands/ (commands depend on the core, not the reverse)", () => {
    const offenders = sources("src").flatMap((f) => importsOf(f).filter((s) => s.includes("commands/")).map((s) => `${f} imports ${s}`));
    expect(offenders).toEqual([]);
  });

  it("only the composition root and the clock-owning CLIs read the real clock", () => {
    const offenders = [...sources("src"), ...sources("commands")].filter((f) => /new Date\(\)|Date\.now\(\)/.test(fs.readFileSync(f, "utf8")));
    expect(offenders).toEqual([]);
  });

  it("the checker itself sees an offending import", () => {
    // Guards against a regex that silently matches nothing.
    expect(FORBIDDEN.some((re) => re.test("@slack/bolt"))).toBe(true);
    expect(importsOf("adapters/db/prismaStore.ts").some((s) => s.includes("generated/prisma"))).toBe(true);
  });
});

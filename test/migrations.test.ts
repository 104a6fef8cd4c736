import { describe, expect, it } from "vitest";
import { pgliteFactory } from "../adapters/db/openDb.ts";
import { migrationsDrift } from "../adapters/db/schemaEngine.ts";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";

describe("migrations", () => {
  it("prisma/migrations matches schema.prisma (run `npm run db:migrate -- dev --name <change>` when this fails)", async () => {
    const f = await pgliteFactory("memory://");
    try {
      expect(await migrationsDrift(f)).toBeNull();
    } finally {
      await f.close();
    }
  });

  it("reports a schema change that has no migration", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "caucus-drift-"));
    const schema = await fs.readFile("prisma/schema.prisma", "utf8");
    await fs.writeFile(path.join(dir, "schema.prisma"), schema + "\nmodel Extra {\n  id Int @id\n}\n");
    const f = await pgliteFactory("memory://");
    try {
      const drift = await migrationsDrift(f, "prisma/migrations", path.join(dir, "schema.prisma"));
      expect(drift).toMatch(/CREATE TABLE "Extra"/);
    } finally {
      await f.close();
    }
  });
});

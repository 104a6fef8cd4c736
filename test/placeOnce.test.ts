import { openAsBlob } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { placeOnce } from "../adapters/db/placeOnce.ts";

const tmpDir = () => fs.mkdtemp(path.join(os.tmpdir(), "caucus-place-"));

describe("placeOnce (the PGlite snapshot that parallel workers race to make)", () => {
  it("keeps the first file, so a Blob opened on it still reads after a second process finishes the same work", async () => {
    const file = path.join(await tmpDir(), "snapshot.tar");
    await placeOnce(file, new TextEncoder().encode("first whole snapshot"));
    const opened = await openAsBlob(file); // what openDb hands PGlite; read later, during PGlite.create
    await placeOnce(file, new TextEncoder().encode("second, a different length"));
    expect(await opened.text()).toBe("first whole snapshot");
    expect(await fs.readFile(file, "utf8")).toBe("first whole snapshot");
  });

  it("leaves no temporary file behind, whoever wins", async () => {
    const dir = await tmpDir();
    const file = path.join(dir, "snapshot.tar");
    await Promise.all(Array.from({ length: 8 }, (_, i) => placeOnce(file, new TextEncoder().encode(`copy ${i}`))));
    expect(await fs.readdir(dir)).toEqual(["snapshot.tar"]);
    expect(await fs.readFile(file, "utf8")).toMatch(/^copy [0-7]$/);
  });
});

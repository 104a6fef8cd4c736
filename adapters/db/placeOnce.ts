import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";

/**
 * Writes `data` to `file` unless the file exists, and never replaces it: processes racing to make the same
 * file (test workers, simulator runs making a snapshot) all see one whole file. Replacing it, even atomically by
 * rename, breaks a reader that opened the first as a Blob: reading a Blob whose file changed underneath fails
 * ("The blob could not be read"). Written aside, then hard-linked into place, which fails if the name is taken.
 */
export async function placeOnce(file: string, data: Uint8Array): Promise<void> {
  const tmp = `${file}.${process.pid}.${randomUUID()}`;
  await fs.writeFile(tmp, data);
  try {
    await fs.link(tmp, file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return;
    // A file system without hard links: rename, which replaces, but only if nobody placed it meanwhile.
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP") throw e;
    if (await fs.access(file).then(() => false, () => true)) await fs.rename(tmp, file);
  } finally {
    await fs.rm(tmp, { force: true });
  }
}

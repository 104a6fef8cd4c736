import type { ElectionInput } from "./electionInput.ts";
import { bltReader } from "./bltReader.ts";
import type { Result } from "../result.ts";

/**
 * Reads a BLT file held in memory (see bltReader for the format): identical rankings come back merged into
 * one weighted ballot, in order of first appearance. Every error names the line it was found on.
 */
export function parseBlt(text: string): Result<ElectionInput, string> {
  const reader = bltReader();
  reader.push(text);
  return reader.end();
}

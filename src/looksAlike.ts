import unhomoglyph from "unhomoglyph";
import { nameKey } from "./nameKey.ts";

/** The UTS #39 skeleton: NFD, each character replaced by its prototype from Unicode's confusables.txt, NFD again. */
export const skeleton = (text: string): string => unhomoglyph(text.normalize("NFD")).normalize("NFD");

const spaced = (name: string) => name.normalize("NFKC").replace(/\s+/gu, " ").trim();

/**
 * Whether two names could pass for each other: the same UTS #39 skeleton once compared as names are ("ana" and
 * "аna" with a Cyrillic а; "ANA" and "ana"), or the same skeleton as written, case kept, which is where a
 * capital I passes for a small l ("Ian" and "lan"). Names equal by nameKey always look alike.
 */
export function looksAlike(a: string, b: string): boolean {
  return skeleton(nameKey(a)) === skeleton(nameKey(b)) || skeleton(spaced(a)) === skeleton(spaced(b));
}

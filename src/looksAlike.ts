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
  return alikeTo(a)(b);
}

/** looksAlike with one side fixed, its skeletons computed once (for scanning a network's members). */
export function alikeTo(a: string): (b: string) => boolean {
  const [folded, cased] = nameSkeletons(a);
  return (b) => skeleton(nameKey(b)) === folded || skeleton(spaced(b)) === cased;
}

/** The two skeletons looksAlike compares: two names look alike when either pair is equal. For bucketing many
 *  names at once (possible duplicates across a network) without comparing every pair. */
export function nameSkeletons(name: string): [folded: string, cased: string] {
  return [skeleton(nameKey(name)), skeleton(spaced(name))];
}

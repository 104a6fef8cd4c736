/** How names are compared: NFKC, case-folded, single spaces, so "Trade  Unions" and "trade unions" are one name. */
export function nameKey(name: string): string {
  return name.normalize("NFKC").toLocaleLowerCase("en").replace(/\s+/gu, " ").trim();
}

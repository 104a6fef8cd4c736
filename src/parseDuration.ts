import { err, ok, type Result } from "./result.ts";

const UNIT_MS = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 } as const;

/** Reads `36h`, `1d12h`, `90m`, `45s` into milliseconds (> 0). */
export function parseDuration(text: string, units: readonly (keyof typeof UNIT_MS)[] = ["d", "h", "m", "s"]): Result<number> {
  const t = text.trim();
  const pattern = new RegExp(`^(?:\\d+[${units.join("")}])+$`);
  if (!pattern.test(t)) return err(`"${t}" is not a duration: write a number and a unit (${units.join(", ")}), e.g. 36h or 1d12h.`);
  let ms = 0;
  for (const [, n, u] of t.matchAll(/(\d+)([dhms])/g)) ms += Number(n) * UNIT_MS[u as keyof typeof UNIT_MS];
  if (ms <= 0) return err(`"${t}" is zero: give a duration longer than that.`);
  if (!Number.isSafeInteger(ms)) return err(`"${t}" is too long a duration.`);
  return ok(ms);
}

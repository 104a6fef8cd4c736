/**
 * Integer fixed-point decimals: a value v is stored as the bigint v × 10^places. Counting rules
 * specify their precision and rounding, so every operation names its rounding direction.
 */
export type FixedPoint = {
  places: number;
  one: bigint;
  fromWhole: (n: number | bigint) => bigint;
  /** a × b, rounded down / up to the precision. */
  mulDown: (a: bigint, b: bigint) => bigint;
  mulUp: (a: bigint, b: bigint) => bigint;
  /** a ÷ b, rounded down / up to the precision. */
  divDown: (a: bigint, b: bigint) => bigint;
  divUp: (a: bigint, b: bigint) => bigint;
  format: (v: bigint) => string;
};

export function fixedPoint(places: number): FixedPoint {
  const one = 10n ** BigInt(places);
  // Only non-negative quantities are counted, so ceiling division stays simple.
  const ceilDiv = (a: bigint, b: bigint): bigint => {
    if (a < 0n || b <= 0n) throw new Error(`ceilDiv expects a ≥ 0 and b > 0, got ${a} / ${b}`);
    return (a + b - 1n) / b;
  };
  const floorDiv = (a: bigint, b: bigint): bigint => {
    if (a < 0n || b <= 0n) throw new Error(`floorDiv expects a ≥ 0 and b > 0, got ${a} / ${b}`);
    return a / b;
  };
  return {
    places,
    one,
    fromWhole: (n) => BigInt(n) * one,
    mulDown: (a, b) => floorDiv(a * b, one),
    mulUp: (a, b) => ceilDiv(a * b, one),
    divDown: (a, b) => floorDiv(a * one, b),
    divUp: (a, b) => ceilDiv(a * one, b),
    format: (v) => formatFixed(v, places),
  };
}

/** Formats a scaled integer as a decimal with exactly `places` digits after the point. */
export function formatFixed(v: bigint, places: number): string {
  const sign = v < 0n ? "-" : "";
  const digits = (v < 0n ? -v : v).toString().padStart(places + 1, "0");
  if (places === 0) return sign + digits;
  return `${sign}${digits.slice(0, -places)}.${digits.slice(-places)}`;
}

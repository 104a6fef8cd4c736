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
  /**
   * mulUp on safe-integer operands, computed in floats where that is exact (both operands at most 1 and at most
   * 9 places: the product is split so no partial result exceeds 2^53), in bigints otherwise. Same value as mulUp.
   */
  mulUpNumber: (a: number, b: number) => number;
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
  const oneN = Number(one);
  // a × b = (a × high) × S + a × low, where b = high × S + low and one = S × T.
  const S = 10 ** Math.ceil(places / 2);
  const T = 10 ** Math.floor(places / 2);
  /** floor(x / d) and x mod d, for a safe integer x ≥ 0; the float quotient is corrected if it rounded across an integer. */
  const divMod = (x: number, d: number): [number, number] => {
    const q = Math.floor(x / d);
    const r = x - q * d;
    if (r < 0) return [q - 1, r + d];
    if (r >= d) return [q + 1, r - d];
    return [q, r];
  };
  const mulUpNumber = (a: number, b: number): number => {
    if (places > 9 || a < 0 || b < 0 || a > oneN || b > oneN) return Number(ceilDiv(BigInt(a) * BigInt(b), one));
    const [high, low] = divMod(b, S);
    const [q1, r1] = divMod(a * low, S); // a × low < 10^9 × 10^5
    const [q, r2] = divMod(a * high + q1, T); // a × b = (q × T + r2) × S + r1 = q × one + (r2 × S + r1)
    return r1 === 0 && r2 === 0 ? q : q + 1;
  };
  return {
    mulUpNumber,
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

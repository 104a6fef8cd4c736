/**
 * Per-candidate sums of whole numbers, exact at any size but at float speed: each running sum is a float
 * while it is a safe integer, and is moved into a bigint just before an addition could round.
 * Ballot weights are safe integers, but their total (or weight × value) need not be.
 */
export type ExactSums = {
  /** Adds a non-negative safe integer to candidate c's sum. */
  add: (c: number, w: number) => void;
  /** Adds a × b (both non-negative safe integers) to candidate c's sum. */
  addProduct: (c: number, a: number, b: number) => void;
  total: (c: number) => bigint;
  clear: () => void;
};

export function exactSums(n: number): ExactSums {
  const small = new Float64Array(n);
  const big: bigint[] = Array.from({ length: n }, () => 0n);
  // A float sum of two safe integers is exact when the true sum is safe, and above MAX_SAFE_INTEGER when not.
  const add = (c: number, w: number): void => {
    const s = small[c]! + w;
    if (s <= Number.MAX_SAFE_INTEGER) small[c] = s;
    else {
      big[c]! += BigInt(small[c]!);
      small[c] = w;
    }
  };
  return {
    add,
    addProduct: (c, a, b) => {
      const p = a * b;
      if (p <= Number.MAX_SAFE_INTEGER) add(c, p);
      else big[c]! += BigInt(a) * BigInt(b);
    },
    total: (c) => big[c]! + BigInt(small[c]!),
    clear: () => {
      small.fill(0);
      big.fill(0n);
    },
  };
}

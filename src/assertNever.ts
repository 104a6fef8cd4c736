/** Exhaustiveness guard: adding a member to a closed union breaks every switch that forgot it. */
export function assertNever(x: never, what = "value"): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(x)}`);
}

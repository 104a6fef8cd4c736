import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { GENESIS_HASH, nextEntry, verifyChain, type LogEntry } from "../../src/elections/auditChain.ts";

const at = new Date("2026-05-01T08:00:00Z");
function chain(payloads: unknown[]): LogEntry[] {
  const out: LogEntry[] = [];
  for (const p of payloads) out.push(nextEntry(out.at(-1) ?? null, "event", at, p));
  return out;
}

describe("audit chain", () => {
  it("starts from 64 zeros and links each entry to the previous hash", () => {
    const c = chain([{ a: 1 }, { b: 2 }]);
    expect(c[0]!.prevHash).toBe(GENESIS_HASH);
    expect(c[1]!.prevHash).toBe(c[0]!.hash);
    expect(verifyChain(c)).toEqual({ ok: true, head: c[1]!.hash, count: 2 });
  });

  it("does not depend on the key order of a payload (canonical JSON)", () => {
    expect(nextEntry(null, "x", at, { a: 1, b: 2 }).hash).toBe(nextEntry(null, "x", at, { b: 2, a: 1 }).hash);
  });

  it("reports an altered payload, naming the entry", () => {
    const c = chain([{ receiptHash: "aa" }, { receiptHash: "bb" }, { receiptHash: "cc" }]);
    c[1] = { ...c[1]!, payload: { receiptHash: "evil" } };
    expect(verifyChain(c)).toEqual({ ok: false, seq: 2, reason: expect.stringContaining("entry 2's contents do not match its hash") });
  });

  it("reports a deleted entry", () => {
    const c = chain([1, 2, 3]);
    expect(verifyChain([c[0]!, c[2]!])).toEqual({ ok: false, seq: 3, reason: expect.stringContaining("entry 2 is missing") });
  });

  it("reports an entry rewritten together with its own hash (the next link breaks)", () => {
    const c = chain([1, 2, 3]);
    const forged = nextEntry(c[0]!, "event", at, 99);
    expect(verifyChain([c[0]!, forged, c[2]!])).toMatchObject({ ok: false, seq: 3 });
  });

  it("detects any single change to any entry (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { minLength: 1, maxLength: 8 }), fc.nat(), fc.jsonValue(), (payloads, i, replacement) => {
        const c = chain(payloads);
        const k = i % c.length;
        fc.pre(JSON.stringify(replacement) !== JSON.stringify(c[k]!.payload));
        c[k] = { ...c[k]!, payload: replacement };
        expect(verifyChain(c).ok).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatJoinCode, JOIN_CODE_LENGTH, joinCodeHash, newJoinCode, normaliseJoinCode } from "../../src/network/joinCode.ts";

const codes = fc.uint8Array({ minLength: 10, maxLength: 10 }).map((b) => newJoinCode(() => b));

describe("join codes", () => {
  it("are 16 Crockford base32 characters shown in four groups, and read back as typed in any case, with or without dashes", () => {
    fc.assert(
      fc.property(codes, (code) => {
        expect(code).toMatch(new RegExp(`^[0-9A-HJKMNP-TV-Z]{${JOIN_CODE_LENGTH}}$`));
        const shown = formatJoinCode(code);
        expect(shown).toMatch(/^(\w{4}-){3}\w{4}$/);
        for (const typed of [shown, shown.toLowerCase(), ` ${shown.replace(/-/g, " ")} `, code]) expect(normaliseJoinCode(typed)).toEqual({ ok: true, value: code });
      }),
    );
  });

  it("reads O as 0 and I or L as 1, the way people retype them", () => {
    expect(normaliseJoinCode("OOOO-IIII-LLLL-0000")).toEqual({ ok: true, value: "0000111111110000" });
  });

  it("uses all 80 random bits: different bytes never give the same code", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 10, maxLength: 10 }), fc.uint8Array({ minLength: 10, maxLength: 10 }), (a, b) => {
        fc.pre(Buffer.compare(Buffer.from(a), Buffer.from(b)) !== 0);
        expect(newJoinCode(() => a)).not.toBe(newJoinCode(() => b));
      }),
    );
  });

  it("refuses text of the wrong length or with letters codes never contain (U)", () => {
    expect(normaliseJoinCode("K7QX-M2PD-9RTW").ok).toBe(false);
    expect(normaliseJoinCode("K7QX-M2PD-9RTW-HB4U").ok).toBe(false);
    expect(normaliseJoinCode("K7QX-M2PD-9RTW-HB4C-A").ok).toBe(false);
  });

  it("is stored as a hash that differs for codes one character apart and never contains the code", () => {
    const a = "K7QXM2PD9RTWHB4C";
    const b = "K7QXM2PD9RTWHB4D";
    expect(joinCodeHash(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(joinCodeHash(a)).not.toBe(joinCodeHash(b));
    expect(joinCodeHash(a)).not.toContain(a.toLowerCase());
  });
});

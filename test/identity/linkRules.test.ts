// The pure parts of linking: the code's format and what a merge keeps.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { createHash } from "node:crypto";
import { linkCodeHash, newLinkCode, parseLinkCode } from "../../src/identity/linkCode.ts";
import { mergedSettings } from "../../src/identity/linkAccounts.ts";
import type { Member } from "../../src/store.ts";

const bytes = fc.uint8Array({ minLength: 10, maxLength: 10 });

describe("link codes", () => {
  it("reads back every code it makes, typed in any case, without dashes, or with I/L/O for 1/0", () => {
    fc.assert(
      fc.property(bytes, (b) => {
        const code = newLinkCode(() => b);
        expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
        expect(parseLinkCode(code)).toBe(code);
        expect(parseLinkCode(code.toLowerCase().replace(/-/g, ""))).toBe(code);
        expect(parseLinkCode(code.replace(/1/g, "l").replace(/0/g, "O"))).toBe(code);
      }),
    );
  });
  it("uses all 80 random bits: codes from different bytes differ", () => {
    fc.assert(
      fc.property(bytes, bytes, (a, b) => {
        fc.pre(Buffer.compare(a, b) !== 0);
        return newLinkCode(() => a) !== newLinkCode(() => b);
      }),
    );
  });
  it("refuses what cannot be a code: too short, too long, U", () => {
    for (const t of ["", "ABCD-EFGH", "ABCD-EFGH-JKMN-PQRS-TVWX", "UUUU-UUUU-UUUU-UUUU"]) expect(parseLinkCode(t)).toBeNull();
  });
  it("stores a domain-separated hash, never the code or its plain SHA-256", () => {
    const code = "7KQ2-M9XD-4TRB-0HCE";
    expect(linkCodeHash(code)).toMatch(/^[0-9a-f]{64}$/);
    expect(linkCodeHash(code)).not.toBe(createHash("sha256").update(code).digest("hex"));
    expect(linkCodeHash(code)).not.toBe(linkCodeHash("7KQ2-M9XD-4TRB-0HCF"));
  });
});

const member = fc.record({
  zone: fc.option(fc.constantFrom("Europe/Paris", "Asia/Manila"), { nil: null }),
  quiet: fc.constantFrom("default", "off", "23:00-06:00", "21:00-05:00"),
  organiserByGrant: fc.boolean(),
  dmPlatform: fc.option(fc.constantFrom("slack", "discord"), { nil: null }),
  zonePromptedAt: fc.option(fc.date({ min: new Date("2026-01-01"), max: new Date("2026-12-31"), noInvalidDate: true }), { nil: null }),
});
type Drawn = { zone: string | null; quiet: string; organiserByGrant: boolean; dmPlatform: string | null; zonePromptedAt: Date | null };
const toMember = (m: Drawn): Member => ({
  id: "x",
  networkId: "n",
  displayName: "ana",
  zone: m.zone,
  platformZone: null,
  zonePromptedAt: m.zonePromptedAt,
  quietStart: m.quiet.includes("-") ? m.quiet.split("-")[0]! : null,
  quietEnd: m.quiet.includes("-") ? m.quiet.split("-")[1]! : null,
  quietOff: m.quiet === "off",
  isOrganiser: m.organiserByGrant,
  organiserByGrant: m.organiserByGrant,
  platformAdmin: false,
  dmPlatform: m.dmPlatform,
});

describe("what a link keeps", () => {
  it("keeps the asking account's setting where both have one, the other's where only it has one, and a grant from either", () => {
    fc.assert(
      fc.property(member, member, (i, j) => {
        const [issuer, joiner] = [toMember(i), toMember(j)];
        const s = mergedSettings(issuer, joiner, "slack");
        expect(s.zone).toBe(issuer.zone ?? joiner.zone);
        const quiet = i.quiet !== "default" ? issuer : joiner;
        expect([s.quietStart, s.quietEnd, s.quietOff]).toEqual([quiet.quietStart, quiet.quietEnd, quiet.quietOff]);
        expect(s.organiserByGrant).toBe(i.organiserByGrant || j.organiserByGrant);
        expect(s.dmPlatform).toBe(issuer.dmPlatform ?? "slack");
        const prompted = [i.zonePromptedAt, j.zonePromptedAt].filter((d) => d !== null).map((d) => d!.getTime());
        expect(s.zonePromptedAt?.getTime() ?? null).toBe(prompted.length ? Math.min(...prompted) : null);
      }),
    );
  });
});

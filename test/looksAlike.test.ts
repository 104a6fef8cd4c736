import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cleanDisplayName, cleanName, hiddenCharacters } from "../src/cleanText.ts";
import { findCandidate } from "../src/elections/findCandidate.ts";
import { looksAlike } from "../src/looksAlike.ts";
import { nameKey } from "../src/nameKey.ts";

const HIDDEN = ["\u2060", "\u3164", "\u115f", "\u1160", "\uffa0", "\u061c", "\u200c", "\u00ad", "\ue000", "\u2800", "\u180e", "\ufe0f", "\u{e0041}"];

describe("looksAlike (UTS #39 skeletons)", () => {
  it.each([
    ["ana", "\u0430na"],
    ["Youth", "Y\u043euth"],
    ["Ian", "lan"],
    ["ANA", "ana"],
    ["paypal", "\u0440\u0430ypal"],
  ])("finds %s and %s alike", (a, b) => expect(looksAlike(a, b)).toBe(true));

  it.each([
    ["ana", "ben"],
    ["José", "Jose"],
    ["ian", "lan"],
  ])("tells %s and %s apart", (a, b) => expect(looksAlike(a, b)).toBe(false));

  it("holds for any two names equal by nameKey, and is symmetric", () => {
    fc.assert(fc.property(fc.string(), fc.string(), (a, b) => looksAlike(a, b) === looksAlike(b, a) && (nameKey(a) !== nameKey(b) || looksAlike(a, b))));
  });
});

describe("hidden characters in names", () => {
  it("refuses any name with a hidden character inserted anywhere, naming its code point", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,20}$/), fc.constantFrom(...HIDDEN), fc.nat(), (name, hidden, at) => {
        const i = at % (name.length + 1);
        const r = cleanName(name.slice(0, i) + hidden + name.slice(i), "name", 60);
        return !r.ok && r.error.includes(`U+${hidden.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`);
      }),
    );
  });

  it("leaves a platform display name with nothing hidden and never blank", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (raw) => {
        const shown = cleanDisplayName(raw, "U1");
        return hiddenCharacters(shown).length === 0 && shown.trim().length > 0;
      }),
    );
    expect(cleanDisplayName("\u3164", "U1")).toBe("U1");
  });
});

describe("findCandidate", () => {
  const frozen = [
    { memberId: "m1", name: "\u0430na (1)", displayName: "\u0430na" },
    { memberId: "m2", name: "ana (2)", displayName: "ana" },
    { memberId: "m3", name: "ben", displayName: "ben" },
  ];
  it("takes the ballot name, a look-alike of exactly one ballot name, and refuses a name several could be", () => {
    expect(findCandidate(frozen, "ANA (2)")).toEqual({ kind: "found", candidate: frozen[1] });
    expect(findCandidate(frozen, "b\u0435n")).toEqual({ kind: "found", candidate: frozen[2] });
    expect(findCandidate(frozen, "ana")).toEqual({ kind: "ambiguous", among: [frozen[0], frozen[1]] });
    expect(findCandidate(frozen, "cat")).toEqual({ kind: "none" });
  });
});

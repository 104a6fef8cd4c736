import { describe, it, expect } from "vitest";
import { withdrawByName } from "../../src/tally/withdrawByName.ts";

const election = { candidates: ["Ann", "Ben", "Cat"], seats: 1, withdrawn: [2], ballots: [{ weight: 1, prefs: [0, 1] }] };

describe("withdrawByName", () => {
  it("adds the named candidates to those the file withdraws, once each", () => {
    expect(withdrawByName(election, ["Ann", "Ann"])).toEqual({ ok: true, value: { ...election, withdrawn: [2, 0] } });
  });
  it("leaves the election as it is when nobody is named", () => {
    expect(withdrawByName(election, [])).toEqual({ ok: true, value: election });
  });
  it("refuses a name that is not a candidate, listing the candidates", () => {
    expect(withdrawByName(election, ["ann"])).toEqual({ ok: false, error: '"ann" is not a candidate; the candidates are "Ann", "Ben", "Cat"' });
  });
  it("refuses to withdraw every candidate", () => {
    expect(withdrawByName(election, ["Ann", "Ben"])).toEqual({ ok: false, error: "every candidate is withdrawn, so there is nobody to elect" });
  });
});

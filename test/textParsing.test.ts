import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { tokenize } from "../src/tokenize.ts";
import { cleanName, cleanText, MAX_COMMAND_LENGTH } from "../src/cleanText.ts";
import { parseDuration } from "../src/parseDuration.ts";
import { parseMemberRef } from "../src/memberRef.ts";
import { parseConfig } from "../src/config.ts";

describe("tokenize", () => {
  it('keeps "Trade unions" as one word', () => {
    expect(tokenize('add "Trade unions" ana bo')).toEqual({ ok: true, value: ["add", "Trade unions", "ana", "bo"] });
  });
  it("reads curly quotes as Slack and phones type them", () => {
    expect(tokenize("create “Africa region”")).toEqual({ ok: true, value: ["create", "Africa region"] });
  });
  it("keeps a curly apostrophe inside curly quotes: “Women’s caucus”", () => {
    expect(tokenize("create “Women’s caucus” open")).toEqual({ ok: true, value: ["create", "Women’s caucus", "open"] });
  });
  it("leaves apostrophes inside words alone", () => {
    expect(tokenize("add Youth O'Brien")).toEqual({ ok: true, value: ["add", "Youth", "O'Brien"] });
  });
  it("reports an unclosed quote with its position", () => {
    const r = tokenize('create "Trade unions');
    expect(r).toEqual({ ok: false, error: expect.stringMatching(/character 8 is never closed/) });
  });
  it("never throws and never yields an empty word, whatever the text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 80 }), (s) => {
        const r = tokenize(s);
        if (r.ok) expect(r.value.every((w) => w.length > 0 || s.includes('""'))).toBe(true);
      }),
    );
  });
});

describe("cleanText and cleanName", () => {
  it(`refuses text over ${MAX_COMMAND_LENGTH} characters, saying how long it was`, () => {
    expect(cleanText("x".repeat(MAX_COMMAND_LENGTH + 5))).toEqual({ ok: false, error: expect.stringContaining("2,005 characters") });
  });
  it("strips bidi overrides and zero-width spaces that could disguise a name", () => {
    expect(cleanText("Yo\u202euth\u200b")).toEqual({ ok: true, value: "Youth" });
  });
  it("refuses a name with no letters or digits", () => {
    expect(cleanName("!!!", "constituency name", 60).ok).toBe(false);
  });
  it("accepts names in any script", () => {
    expect(cleanName("Jeunesse d’Afrique — شباب", "constituency name", 60)).toEqual({ ok: true, value: "Jeunesse d’Afrique — شباب" });
  });
});

describe("parseDuration", () => {
  it("reads 1d12h as 36 hours", () => expect(parseDuration("1d12h")).toEqual({ ok: true, value: 36 * 3_600_000 }));
  it("reads 90m and 45s", () => {
    expect(parseDuration("90m")).toEqual({ ok: true, value: 90 * 60_000 });
    expect(parseDuration("45s")).toEqual({ ok: true, value: 45_000 });
  });
  it("refuses 0h, -3d and 3 days", () => {
    for (const t of ["0h", "-3d", "3 days", "h", ""]) expect(parseDuration(t).ok).toBe(false);
  });
});

describe("parseMemberRef", () => {
  it("reads Slack mentions <@U123|ana> and Discord mentions <@!123>", () => {
    expect(parseMemberRef("<@U0123ABC|ana>", "slack", "T1")).toEqual({ kind: "mention", platform: "slack", workspaceId: "T1", userId: "U0123ABC" });
    expect(parseMemberRef("<@!81234>", "discord", "G1")).toEqual({ kind: "mention", platform: "discord", workspaceId: "G1", userId: "81234" });
  });
  it("reads @ana and ana as names", () => {
    expect(parseMemberRef("@ana", "console", "c")).toEqual({ kind: "name", name: "ana" });
  });
});

describe("parseConfig", () => {
  it("defaults to the embedded database under ./data and the console", () => {
    const r = parseConfig({});
    expect(r.ok && r.value.CAUCUS_DATA_DIR).toBe("./data");
    expect(r.ok && r.value.DATABASE_URL).toBeUndefined();
  });
  it("names a malformed DATABASE_URL in one line, without echoing its value", () => {
    const r = parseConfig({ DATABASE_URL: "mysql://root:hunter2@db/caucus" });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatch(/^Configuration error: DATABASE_URL must be a postgres:\/\//);
      expect(r.error).not.toContain("hunter2");
      expect(r.error.split("\n")).toHaveLength(1);
    }
  });
  it("names an unknown LOG_LEVEL", () => {
    const r = parseConfig({ LOG_LEVEL: "loud" });
    expect(!r.ok && r.error).toMatch(/LOG_LEVEL/);
  });
  it("treats an empty variable as unset", () => {
    expect(parseConfig({ DATABASE_URL: "" }).ok).toBe(true);
  });
  it("reads PORT as a number from 1 to 65535, and an empty PORT as no HTTP server", () => {
    const r = parseConfig({ PORT: "8080" });
    expect(r.ok && r.value.PORT).toBe(8080);
    expect(r.ok && r.value.CAUCUS_HTTP_HOST).toBe("127.0.0.1");
    const empty = parseConfig({ PORT: "" });
    expect(empty.ok && empty.value.PORT).toBeUndefined();
  });
  it.each(["0", "65536", "80a", "-1", "8080.5", "http"])("names a PORT of %s in one line", (port) => {
    const r = parseConfig({ PORT: port });
    expect(!r.ok && r.error).toBe("Configuration error: PORT must be a port number from 1 to 65535 (unset it to run without an HTTP server)");
  });
});

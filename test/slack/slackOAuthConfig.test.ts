// The OAuth configuration and the token cipher, without Slack or a database.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createTokenCipher, UnsealError } from "../../adapters/db/tokenCipher.ts";
import { installationKey } from "../../adapters/db/prismaSlackInstallationStore.ts";
import { slackOAuthPlan } from "../../adapters/slack/slackOAuth.ts";
import { slackPlan } from "../../adapters/slack/slackConfig.ts";
import { parseConfig } from "../../src/config.ts";

const HEX = "0f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff0";
const B64 = Buffer.from(HEX, "hex").toString("base64");
const oauthEnv = { SLACK_CLIENT_ID: "1234.5678", SLACK_CLIENT_SECRET: "c0ffee", SLACK_STATE_SECRET: "a-state-secret-of-32-characters!", CAUCUS_ENCRYPTION_KEY: HEX };

describe("CAUCUS_ENCRYPTION_KEY", () => {
  it("takes 32 bytes as 64 hex characters, as base64, or as base64url, all the same key", () => {
    const keys = [HEX, B64, B64.replace(/\+/g, "-").replace(/\//g, "_").replace(/=$/, "")].map((k) => {
      const c = parseConfig({ CAUCUS_ENCRYPTION_KEY: k });
      if (!c.ok) throw new Error(c.error);
      return Buffer.from(c.value.CAUCUS_ENCRYPTION_KEY!).toString("hex");
    });
    expect(keys).toEqual([HEX, HEX, HEX]);
  });

  it.each([
    ["16 bytes", Buffer.alloc(16, 7).toString("base64")],
    ["63 hex characters", HEX.slice(1)],
    ["a passphrase", "correct horse battery staple"],
  ])("refuses %s in one line that names the variable and never echoes the value", (_what, value) => {
    const c = parseConfig({ CAUCUS_ENCRYPTION_KEY: value });
    expect(c).toEqual({ ok: false, error: "Configuration error: CAUCUS_ENCRYPTION_KEY must be 32 random bytes written as 64 hex characters or as base64 (make one with: openssl rand -base64 32)" });
  });
});

describe("slackOAuthPlan", () => {
  const plan = (env: Record<string, string>) => {
    const c = parseConfig(env);
    if (!c.ok) throw new Error(c.error);
    return slackOAuthPlan(c.value);
  };
  it("is off when no OAuth variable is set (single-workspace mode stays the default)", () => {
    expect(plan({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s" })).toEqual({ ok: true, value: null });
  });
  it("is complete with the four variables", () => {
    const p = plan(oauthEnv);
    expect(p.ok && p.value && [p.value.clientId, p.value.encryptionKey.length]).toEqual(["1234.5678", 32]);
  });
  it.each(["SLACK_CLIENT_SECRET", "SLACK_STATE_SECRET", "CAUCUS_ENCRYPTION_KEY"] as const)("stops start-up in one line when %s is missing", (missing) => {
    const env: Record<string, string> = { ...oauthEnv };
    delete env[missing];
    const p = plan(env);
    expect(p.ok).toBe(false);
    if (!p.ok) {
      expect(p.error).toMatch(new RegExp(`^Configuration error: .* but ${missing} is missing: `));
      expect(p.error).not.toContain("c0ffee");
      expect(p.error).not.toContain("\n");
    }
  });
});

describe("slackPlan with OAuth", () => {
  it("serves several workspaces in HTTP mode without a bot token", () => {
    expect(slackPlan({ SLACK_SIGNING_SECRET: "s3cret" }, { oauth: true })).toEqual({ ok: true, value: { mode: "http", signingSecret: "s3cret" } });
  });
  it.each([
    [{ SLACK_SIGNING_SECRET: "s", SLACK_BOT_TOKEN: "xoxb-1" }, /^Configuration error: SLACK_BOT_TOKEN is set together with SLACK_CLIENT_ID/],
    [{ SLACK_APP_TOKEN: "xapp-1" }, /^Configuration error: SLACK_APP_TOKEN is set together with SLACK_CLIENT_ID \(OAuth\): several workspaces need HTTP mode/],
    [{}, /^Configuration error: SLACK_CLIENT_ID \(OAuth\) is set without SLACK_SIGNING_SECRET/],
  ])("refuses a mix that cannot work, in one line: %j", (env, message) => {
    const r = slackPlan(env, { oauth: true });
    expect(r.ok ? "" : r.error).toMatch(message);
  });
});

describe("the token cipher (AES-256-GCM)", () => {
  const key = Buffer.from(HEX, "hex");
  const cipher = createTokenCipher(key);
  it("opens what it sealed, for the same context only", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (secret, context, other) => {
        const sealed = cipher.seal(secret, context);
        expect(cipher.open(sealed, context)).toBe(secret);
        if (other !== context) expect(() => cipher.open(sealed, other)).toThrow(UnsealError);
      }),
    );
  });
  it("never writes the plaintext, and seals the same secret differently each time", () => {
    const token = "xoxb-1111111111-2222222222-AAAAaaaaAAAAaaaaAAAAaaaa";
    const a = cipher.seal(token, "team:T1");
    const b = cipher.seal(token, "team:T1");
    expect(a).not.toBe(b);
    for (const s of [a, b]) expect(s).not.toMatch(/xoxb|AAAAaaaa/);
  });
  it("refuses a value changed anywhere, and tells a value sealed under another key apart", () => {
    const sealed = cipher.seal("secret", "ctx");
    const parts = sealed.split(".");
    for (const i of [2, 3, 4]) {
      const p = [...parts];
      const chars = [...p[i]!];
      chars[0] = chars[0] === "A" ? "B" : "A";
      p[i] = chars.join("");
      expect(() => cipher.open(p.join("."), "ctx")).toThrow("tampered or other context");
    }
    const other = createTokenCipher(Buffer.alloc(32, 1));
    expect(() => other.open(sealed, "ctx")).toThrow("other key");
    expect(() => cipher.open("not sealed", "ctx")).toThrow("malformed");
  });
  it("keys a workspace install by its team and an org-wide install by its enterprise", () => {
    expect(installationKey({ isEnterpriseInstall: false, teamId: "T1" })).toEqual({ enterpriseId: "", teamId: "T1" });
    expect(installationKey({ isEnterpriseInstall: false, teamId: "T1", enterpriseId: "E1" })).toEqual({ enterpriseId: "E1", teamId: "T1" });
    expect(installationKey({ isEnterpriseInstall: true, enterpriseId: "E1", teamId: "T1" })).toEqual({ enterpriseId: "E1", teamId: "" });
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseGroupMention } from "../src/groupMention.ts";

const slack = { platform: "slack", workspaceId: "T1" };

describe("parseGroupMention", () => {
  it("reads Slack's escaped user-group mention with its handle, and without one", () => {
    expect(parseGroupMention("<!subteam^S0614TZR7|@youth-caucus>", slack)).toEqual({ ok: true, value: { platform: "slack", workspaceId: "T1", groupId: "S0614TZR7", label: "youth-caucus" } });
    expect(parseGroupMention("<!subteam^S0614TZR7>", slack)).toEqual({ ok: true, value: { platform: "slack", workspaceId: "T1", groupId: "S0614TZR7" } });
  });
  it("reads a Discord role mention and the bare id Discord's role option sends, in the actor's own server", () => {
    const d = { platform: "discord", workspaceId: "G1" };
    expect(parseGroupMention("<@&1180000000000000001>", d)).toEqual({ ok: true, value: { platform: "discord", workspaceId: "G1", groupId: "1180000000000000001" } });
    expect(parseGroupMention("1180000000000000001", d)).toEqual({ ok: true, value: { platform: "discord", workspaceId: "G1", groupId: "1180000000000000001" } });
  });
  it("refuses a handle typed by hand, a user mention and an empty group id", () => {
    for (const t of ["@youth", "<@U123>", "<!subteam^>", "<!here>", "youth"]) expect(parseGroupMention(t, slack).ok, t).toBe(false);
  });
  it("gives back exactly the id of any Slack group mention", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^S[A-Z0-9]{2,20}$/), fc.stringMatching(/^[a-z0-9-]{0,20}$/), (id, handle) => {
        const r = parseGroupMention(handle ? `<!subteam^${id}|@${handle}>` : `<!subteam^${id}>`, slack);
        expect(r.ok && r.value.groupId).toBe(id);
      }),
    );
  });
});

import { describe, expect, it } from "vitest";
import { parseScenario } from "../../adapters/simulator/parseScenario.ts";

describe("scenario grammar", () => {
  it("reads clock, commands, organiser and advance, skipping comments and blank lines", () => {
    const r = parseScenario(
      [
        "# a comment",
        "clock 2026-04-01T08:00:00Z          # must come first",
        "",
        "alice: /timezone Europe/Paris       # member alice runs a command",
        "organiser bob",
        "advance 1d12h",
      ].join("\n"),
    );
    expect(r).toEqual({
      ok: true,
      value: [
        { kind: "clock", line: 2, at: new Date("2026-04-01T08:00:00Z") },
        { kind: "command", line: 4, member: "alice", name: "timezone", text: "Europe/Paris" },
        { kind: "organiser", line: 5, member: "bob" },
        { kind: "advance", line: 6, ms: 36 * 3_600_000 },
      ],
    });
  });

  it('keeps a # inside quotes: alice: /constituency create "Caucus #3"', () => {
    const r = parseScenario('clock 2026-04-01T08:00:00Z\nalice: /constituency create "Caucus #3"');
    expect(r.ok && r.value[1]).toMatchObject({ text: '/constituency create "Caucus #3"'.replace("/constituency ", "") });
  });

  it("accepts names in other scripts: amaka, zoë, 李", () => {
    const r = parseScenario("clock 2026-04-01T08:00:00Z\nzoë: /timezone UTC\n李: /timezone UTC");
    expect(r.ok && r.value.map((s) => (s.kind === "command" ? s.member : null))).toEqual([null, "zoë", "李"]);
  });

  const cases: [string, string, RegExp][] = [
    ["a scenario that does not start with clock", "alice: /timezone UTC", /^line 1: a scenario must start with `clock/],
    ["a second clock line", "clock 2026-04-01T08:00:00Z\nclock 2026-04-02T08:00:00Z", /^line 2: `clock` may appear only once/],
    ["a clock without a zone designator", "clock 2026-04-01T08:00:00", /^line 1: "2026-04-01T08:00:00" is not a UTC instant/],
    ["a clock that is not a date", "clock yesterday", /^line 1: "yesterday" is not a UTC instant/],
    ["advance without a unit", "clock 2026-04-01T08:00:00Z\nadvance 36", /^line 2: "36" is not a duration/],
    ["advance by a negative amount", "clock 2026-04-01T08:00:00Z\n\nadvance -1h", /^line 3: "-1h" is not a duration/],
    ["a command without the slash", "clock 2026-04-01T08:00:00Z\nalice: timezone UTC", /^line 2: after "alice:" write a slash command/],
    ["an unknown directive", "clock 2026-04-01T08:00:00Z\nsleep 5", /^line 2: cannot read "sleep 5"/],
    ["an empty file", "# nothing\n", /^line 1: the scenario is empty/],
    ["a clock with a space inside", "clock 2026-04-01 08:00Z", /^line 1: write the clock as one UTC instant/],
    ["an advance past any calendar", "clock 2026-04-01T08:00:00Z\nadvance 100000000d", /^line 2: "100000000d" is longer than 36500 days/],
    ["an offline without a duration", "clock 2026-04-01T08:00:00Z\noffline", /^line 2: cannot read "offline".*\(check the arguments of offline\)/],
  ];
  for (const [what, src, msg] of cases) {
    it(`stops at ${what}, naming the line and the reason`, () => {
      const r = parseScenario(src);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(msg);
    });
  }
});

describe("scenario actors on several platforms", () => {
  it("reads name@platform:workspace actors and organisers; bare names stay console members", () => {
    const r = parseScenario(
      [
        "clock 2026-04-01T08:00:00Z",
        "organiser olga@slack:coalition",
        "ana@discord:youth-server: /timezone UTC",
        "ana@slack: /timezone UTC",
        "ana: /timezone UTC",
      ].join("\n"),
    );
    expect(r).toEqual({
      ok: true,
      value: [
        { kind: "clock", line: 1, at: new Date("2026-04-01T08:00:00Z") },
        { kind: "organiser", line: 2, member: "olga", account: { platform: "slack", workspace: "coalition" } },
        { kind: "command", line: 3, member: "ana", account: { platform: "discord", workspace: "youth-server" }, name: "timezone", text: "UTC" },
        { kind: "command", line: 4, member: "ana", account: { platform: "slack", workspace: "slack" }, name: "timezone", text: "UTC" },
        { kind: "command", line: 5, member: "ana", name: "timezone", text: "UTC" },
      ],
    });
  });

  it("names the actor in a missing-command error", () => {
    expect(parseScenario("clock 2026-04-01T08:00:00Z\nana@discord:y: timezone")).toEqual({ ok: false, error: expect.stringContaining('after "ana@discord:y:" write a slash command') });
  });
});

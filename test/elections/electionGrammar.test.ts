// The election commands' text grammar, as members type it today, read through their typed definitions.
import { describe, expect, it } from "vitest";
import { discordCommand } from "../../adapters/discord/discordRegistration.ts";
import { election } from "../../commands/election.ts";
import { nomination } from "../../commands/nomination.ts";
import { vote } from "../../commands/vote.ts";
import type { CommandDefinition } from "../../src/commandDefinition.ts";
import { parseCommandOptions, parseCommandText } from "../../src/parseCommandInput.ts";

const scope = { platform: "slack", workspaceId: "T1" };
const parsed = (def: CommandDefinition, text: string) => {
  const r = parseCommandText(def, text, scope);
  if (!r.ok) throw new Error(r.error);
  return { sub: r.value.sub.name, args: r.value.args };
};
const refused = (def: CommandDefinition, text: string) => {
  const r = parseCommandText(def, text, scope);
  return r.ok ? "(parsed)" : r.error;
};

const CREATE = '/election create Youth "Speaker" seats 1 method irv nominations 2026-05-02 12:00 voting 2026-05-04 12:00';

describe("/election create", () => {
  it("reads the line organisers type: positional constituency and title, keyword values, a zone after the dates", () => {
    expect(parsed(election, `${CREATE.replace("/election ", "")} Europe/Paris endorsements 2`)).toEqual({
      sub: "create",
      args: {
        constituency: "Youth",
        title: "Speaker",
        seats: 1,
        method: "irv",
        nominations: "2026-05-02",
        nominations_time: "12:00",
        voting: "2026-05-04",
        voting_time: "12:00",
        zone: "Europe/Paris",
        endorsements: 2,
      },
    });
  });

  it("leaves the zone and endorsements out when not given, and takes keywords in any order and any case", () => {
    expect(parsed(election, 'create "Trade unions" Delegates VOTING 2026-06-08 09:00 method STV nominations 2026-06-01 09:00 seats 3').args).toMatchObject({
      constituency: "Trade unions",
      method: "stv",
      seats: 3,
      zone: undefined,
      endorsements: undefined,
    });
    expect(parsed(election, `${CREATE.replace("/election ", "")} aoe`).args.zone).toBe("AoE");
  });

  it.each([
    [`${CREATE} seats 2`, '"seats" is given twice: say it once.'],
    [CREATE.replace("method irv", "method borda"), '"borda" is not a method: use approval, irv, stv, meek or schulze.'],
    [CREATE.replace("seats 1", "seats 51"), 'seats must be a whole number from 1 to 50, not "51".'],
    [`${CREATE} endorsements 21`, 'endorsements must be a whole number from 0 to 20, not "21".'],
    [CREATE.replace(" 12:00 voting", " voting"), /^"nominations" needs a date and a time \(YYYY-MM-DD HH:mm\)\. Usage: \/election create "<constituency>" "<title>" seats <n> method/],
    [CREATE.replace("seats 1 ", ""), /^Missing "seats"\. Usage:/],
    [`${CREATE} UTC extra`, /^"extra" is not understood here\./],
  ])("refuses %j", (line, message) => {
    expect(refused(election, line.replace("/election ", ""))).toMatch(message);
  });
});

describe("/vote and /nomination", () => {
  it("reads a ranking of names and mentions, and the same ranking from Discord's typed options", () => {
    const text = parsed(vote, "E1 amina <@U2> @luis");
    expect(text.args).toEqual({
      election: "E1",
      candidate: [
        { kind: "name", name: "amina" },
        { kind: "mention", platform: "slack", workspaceId: "T1", userId: "U2" },
        { kind: "name", name: "luis" },
      ],
    });
    const options = parseCommandOptions(vote, { subcommand: "", values: { election: "E1", candidate_1: "amina", candidate_2: "<@U2>", candidate_3: "@luis" } }, scope);
    expect(options.ok && options.value.args).toEqual(text.args);
  });

  it("registers the ranking as 23 autocompleted candidate options after the election, then the receipt, on Discord", () => {
    const options = discordCommand(vote).options;
    expect(options.map((o) => o.name)).toEqual(["election", ...Array.from({ length: 23 }, (_, i) => `candidate_${i + 1}`), "receipt"]);
  });

  it("reads a revote's receipt after the keyword, leaving the ranking intact", () => {
    expect(parsed(vote, "E1 ana ben receipt 3f2a-09bc-77d1-e4a0")).toEqual({
      sub: "",
      args: { election: "E1", candidate: [{ kind: "name", name: "ana" }, { kind: "name", name: "ben" }], receipt: "3f2a-09bc-77d1-e4a0" },
    });
  });

  it("reads accept, decline and withdraw as subcommands", () => {
    expect(parsed(nomination, "accept E1")).toEqual({ sub: "accept", args: { election: "E1" } });
    expect(parsed(nomination, "DECLINE e1")).toEqual({ sub: "decline", args: { election: "e1" } });
    expect(parsed(nomination, "withdraw E1")).toEqual({ sub: "withdraw", args: { election: "E1" } });
    expect(refused(nomination, "maybe E1")).toMatch(/^"maybe" is not a \/nomination action\. Try accept, decline or withdraw/);
  });
});

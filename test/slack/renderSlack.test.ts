import fc from "fast-check";
import { getTimeZones } from "@vvo/tzdb";
import { describe, expect, it } from "vitest";
import { readViewState, renderForm, renderInstant, renderMessage } from "../../adapters/slack/renderSlack.ts";
import { BLOCK_KIT, SLACK_INSTANT_CHARS, SLACK_LIMITS } from "../../adapters/slack/slackLimits.ts";
import { fitMessage } from "../../src/fitMessage.ts";
import { localInstant, utcInstant, type Message } from "../../src/message.ts";

const at = new Date("2026-03-29T01:30:00Z");

describe("instants in Slack", () => {
  it("are date tokens every reader sees in their own zone, the fallback in UTC and the span's zone", () => {
    expect(renderInstant(localInstant(at, "Europe/Paris"))).toBe("<!date^1774747800^{date_long_pretty} {time}|2026-03-29 01:30 UTC / 2026-03-29 03:30 Europe/Paris>");
    expect(renderInstant(localInstant(at, "UTC"))).toBe("<!date^1774747800^{date_long_pretty} {time}|2026-03-29 01:30 UTC>");
  });

  it("stay plain text in their zone when fixed", () => {
    expect(renderInstant(utcInstant(at))).toBe("2026-03-29 01:30 UTC");
  });

  it(`never exceed SLACK_LIMITS.instantChars (${SLACK_INSTANT_CHARS}) in any zone, in any year to 2286`, () => {
    const zones = [...getTimeZones({ includeUtc: true }).flatMap((z) => [z.name, ...z.group]), "America/Argentina/ComodRivadavia", "Pacific/Chatham"];
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date("2286-11-20T00:00:00Z"), noInvalidDate: true }), (zone, d) => {
        expect(renderInstant(localInstant(d, zone)).length).toBeLessThanOrEqual(SLACK_LIMITS.instantChars);
      }),
      { numRuns: 300 },
    );
  });
});

describe("messages as Block Kit", () => {
  it("escape Slack's control characters in text", () => {
    const { blocks } = renderMessage({ text: [["a <b> & c"]] });
    expect(blocks).toEqual([{ type: "section", text: { type: "mrkdwn", text: "a &lt;b&gt; &amp; c", verbatim: true } }]);
  });

  it("stay within 50 blocks and 3,000 characters a section once fitted, whatever the text", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 400 }).map((s) => [s.replace(/[\uD800-\uDFFF]/g, "x")]), { maxLength: 300 }), fc.integer({ min: 0, max: 60 }), (lines, buttons) => {
        const message: Message = {
          text: lines.length ? lines : [[""]],
          card: { title: ["D1 title"], fields: [{ label: "Due", value: [localInstant(at, "Asia/Kolkata")] }], flag: "Short notice" },
          components: Array.from({ length: buttons }, (_, i) => ({ kind: "button" as const, actionId: `x:${i}`, label: `b${i}`, value: String(i) })),
        };
        for (const part of fitMessage(message, SLACK_LIMITS)) {
          const { blocks } = renderMessage(part);
          expect(blocks.length).toBeLessThanOrEqual(BLOCK_KIT.blocksPerMessage);
          for (const b of blocks) if (b.type === "section" && b.text) expect(b.text.text.length).toBeLessThanOrEqual(BLOCK_KIT.sectionText);
          for (const b of blocks) if (b.type === "actions") expect(b.elements.length).toBeLessThanOrEqual(25);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("give repeated action ids (one select split in pages of 100) unique suffixes", () => {
    const options = Array.from({ length: 150 }, (_, i) => ({ label: `c${i}`, value: String(i) }));
    const [part] = fitMessage({ text: [["pick"]], components: [{ kind: "select", actionId: "vote:pick", placeholder: "Candidate", options }] }, SLACK_LIMITS);
    const ids = renderMessage(part!).blocks.flatMap((b) => (b.type === "actions" ? b.elements.map((e) => (e as { action_id: string }).action_id) : []));
    expect(ids).toEqual(["vote:pick", "vote:pick~1"]);
  });

  it("keep the card on the first part only when a message is split", () => {
    const text = Array.from({ length: 200 }, (_, i) => [`line ${i} `.padEnd(900, ".")]);
    const parts = fitMessage({ text, card: { title: ["D1"], fields: [] } }, SLACK_LIMITS);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.map((p) => p.card !== undefined)).toEqual(parts.map((_, i) => i === 0));
  });
});

describe("forms as modals", () => {
  it("render choice fields as checkboxes (10 or fewer), multi-selects (more), and selects (one pick)", () => {
    const few = Array.from({ length: 3 }, (_, i) => ({ label: `c${i}`, value: `m${i}` }));
    const many = Array.from({ length: 12 }, (_, i) => ({ label: `c${i}`, value: `m${i}` }));
    const view = renderForm(
      {
        formId: "vote:ballot",
        title: "Ballot E1 with a long title here",
        submitLabel: "Cast ballot",
        context: "E1",
        fields: [
          { kind: "choice", id: "a", label: "A", required: true, multiple: true, options: few },
          { kind: "choice", id: "b", label: "B", required: true, multiple: true, options: many },
          { kind: "choice", id: "c", label: "C", required: false, multiple: false, options: many },
        ],
      },
      "C1",
    );
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(view.blocks.map((b) => (b as { element: { type: string } }).element.type)).toEqual(["checkboxes", "multi_static_select", "static_select"]);
    expect(JSON.parse(view.private_metadata!)).toEqual({ context: "E1", channelId: "C1" });
  });

  it("read submitted choices back as arrays, text as typed, and ignore elements the core never renders", () => {
    expect(
      readViewState({
        a: { a: { type: "checkboxes", selected_options: [{ value: "m1" }, { value: "m2" }] } },
        c: { c: { type: "static_select", selected_option: null } },
        r: { r: { type: "plain_text_input", value: "XXXX" } },
        d: { d: { type: "datepicker" } },
      }),
    ).toEqual({ a: ["m1", "m2"], c: [], r: "XXXX" });
  });
});

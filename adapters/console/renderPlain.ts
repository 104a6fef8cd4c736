import { assertNever } from "../../src/assertNever.ts";
import { cardLines } from "../../src/cardLines.ts";
import { formatInstant } from "../../src/formatInstant.ts";
import type { Component, Inline, Message } from "../../src/message.ts";

/** Plain text for the console and the simulator: instants as `YYYY-MM-DD HH:mm <zone>`. */
export function renderInline(part: Inline): string {
  return typeof part === "string" ? part : formatInstant(part.at, part.zone);
}

export function renderComponent(c: Component, n: number): string {
  switch (c.kind) {
    case "button":
      return `[${n}: ${c.label}]`;
    case "select":
      return `[${n}: ${c.placeholder}: ${c.options.map((o) => o.label).join(" | ")}]`;
    default:
      return assertNever(c, "component");
  }
}

/** The text, the card's lines (this platform shows no cards; the text's first line stays the headline), then an
 *  attachment's content as it is, so a reader can copy the file (a `.blt` to recount). */
export function renderPlain(message: Message): string {
  const lines = message.card ? [...message.text, ...cardLines(message.card)] : message.text;
  const text = lines.map((l) => l.map(renderInline).join("")).join("\n");
  return message.attachment ? `${text}\n${message.attachment.content}` : text;
}

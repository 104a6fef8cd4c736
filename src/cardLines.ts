import type { Card, RichText } from "./message.ts";

/** A card as lines of text, for platforms that show no cards (console, simulator): title, `label: value`, flag, link. */
export function cardLines(card: Card): RichText {
  return [
    card.title,
    ...card.fields.map((f) => [`${f.label}: `, ...f.value]),
    ...(card.flag ? [[`⚠️ ${card.flag}`]] : []),
    ...(card.url ? [[`Link: ${card.url}`]] : []),
  ];
}

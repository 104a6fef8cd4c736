// Suggestions for an option a member is typing (Discord autocomplete; any adapter may call it). Read-only
// apart from meeting the actor (resolveActor), and capped at Discord's 25.
import type { CommandDefinition, OptionDef } from "./commandDefinition.ts";
import { currentNames, frozenCandidates } from "./elections/electionFlow.ts";
import type { Actor } from "./event.ts";
import { nameKey } from "./nameKey.ts";
import type { Store } from "./store.ts";
import { searchZones } from "./zoneName.ts";

export type AutocompleteRequest = {
  actor: Actor;
  command: string;
  subcommand: string;
  /** The option being typed; variadic options come as `<name>_<n>`. */
  option: string;
  query: string;
  /** What the member has typed in the other options so far (e.g. the election, for candidates). */
  values: Readonly<Record<string, string | number | boolean>>;
  now: Date;
};
export type Suggestion = { label: string; value: string };

export const MAX_SUGGESTIONS = 25;
const LABEL_CHARS = 100;

/** Prefix matches first, then matches anywhere, in the order given. */
function rank(items: Suggestion[], query: string, keyOf: (s: Suggestion) => string = (s) => s.label): Suggestion[] {
  const q = nameKey(query);
  const keyed = items.map((s) => ({ s, k: nameKey(keyOf(s)) }));
  const prefix = keyed.filter((x) => x.k.startsWith(q) || x.k.split(" ").some((w) => w.startsWith(q)));
  const inside = keyed.filter((x) => !prefix.includes(x) && x.k.includes(q));
  return [...prefix, ...inside].map((x) => x.s);
}

const fit = (s: Suggestion): Suggestion => ({ label: [...s.label].length > LABEL_CHARS ? `${[...s.label].slice(0, LABEL_CHARS - 1).join("")}…` : s.label, value: s.value });

function optionOf(def: CommandDefinition, request: AutocompleteRequest): OptionDef | undefined {
  const sub = def.subcommands.find((s) => s.name === request.subcommand.trim().toLowerCase());
  const name = request.option.replace(/_\d+$/, "");
  return sub?.options.find((o) => o.name === request.option || (o.variadic && o.name === name));
}

export async function autocomplete(store: Store, def: CommandDefinition, request: AutocompleteRequest): Promise<Suggestion[]> {
  const o = optionOf(def, request);
  if (!o) return [];
  const q = request.query.trim();
  // The network the actor belongs to, met once, only for options the database answers.
  const networkId = async () => (await store.resolveActor(request.actor)).network.id;
  let items: Suggestion[];
  switch (o.type) {
    case "zone":
      items = searchZones(q, MAX_SUGGESTIONS);
      if (o.aoe && "anywhere on earth aoe".includes(q.toLowerCase())) items = [{ label: "AoE (Anywhere on Earth, UTC-12)", value: "AoE" }, ...items];
      break;
    case "choice":
      items = rank(o.choices.map((c) => ({ label: c.label ?? c.value, value: c.value })), q);
      break;
    case "constituency": {
      const all = await store.listConstituencies(await networkId());
      items = rank(all.map((c) => ({ label: `${c.name} (${c.size} member${c.size === 1 ? "" : "s"})`, value: c.name })), q, (s) => s.value);
      break;
    }
    case "election": {
      const all = (await store.elections.list(await networkId())).sort((a, b) => b.number - a.number);
      items = rank(all.map((e) => ({ label: `E${e.number} ${e.title} (${e.status})`, value: `E${e.number}` })), q);
      break;
    }
    case "deadline": {
      const all = await store.listDeadlines(await networkId(), { from: request.now });
      items = rank(all.map((d) => ({ label: `D${d.number} ${d.title} (${d.dueAt.toISOString().slice(0, 16).replace("T", " ")} UTC)`, value: `D${d.number}` })), q);
      break;
    }
    case "candidate": {
      const m = /^e?(\d{1,9})$/i.exec(String(request.values.election ?? "").trim());
      const e = m ? await store.elections.find(await networkId(), Number(m[1])) : null;
      if (!e) return [];
      // Once voting opens, the frozen ballot names: the ones /vote matches.
      const names = e.rules?.candidates
        ? (await frozenCandidates(store, e)).map((c) => c.name)
        : [...(await currentNames(store, (await store.elections.nominations(e.id)).filter((n) => n.status === "accepted").map((n) => n.memberId))).values()];
      items = rank(names.map((n) => ({ label: n, value: n })), q);
      break;
    }
    case "member": {
      items = rank((await store.listMembers(await networkId())).map((m) => ({ label: m.displayName, value: m.displayName })), q);
      break;
    }
    default:
      return [];
  }
  return items.slice(0, MAX_SUGGESTIONS).map(fit);
}

// Runs a scenario through the simulator's own parser and runner, in-process, on a test app.
import type { App } from "../../adapters/compose.ts";
import { parseScenario } from "../../adapters/simulator/parseScenario.ts";
import { runScenario, type SimLine } from "../../adapters/simulator/runScenario.ts";

export async function simulate(app: App, source: string): Promise<SimLine[]> {
  const steps = parseScenario(source);
  if (!steps.ok) throw new Error(steps.error);
  const lines: SimLine[] = [];
  await runScenario(steps.value, { ...app, emit: (l) => lines.push(l) });
  return lines;
}

export const toMember = (lines: SimLine[], who: string) => lines.filter((l): l is Extract<SimLine, { to: string }> => "to" in l && l.to === who);
export const inChannel = (lines: SimLine[]) => lines.filter((l): l is Extract<SimLine, { channel: string }> => "channel" in l);
export const reminders = (lines: SimLine[], who?: string) =>
  lines.filter((l) => "to" in l && (!who || l.to === who) && l.text.startsWith("⏰ Reminder"));

// Registers Caucus's slash commands with Discord (PUT bulk overwrite), generated from the command definitions:
// globally, or on one server (which shows changes at once; global ones can take up to an hour).
import { REST, Routes } from "discord.js";
import type { CommandDefinition } from "../../src/commandDefinition.ts";
import { err, ok, type Result } from "../../src/result.ts";
import { discordRegistration, registrationProblems } from "./discordRegistration.ts";

export type RegisterTarget = { token: string; applicationId: string; apiUrl?: string; guildId?: string };

/** Reads `[--guild <id>]`. */
export function parseRegisterArgs(argv: readonly string[]): Result<{ guildId?: string }> {
  if (!argv.length) return ok({});
  if (argv[0] === "--guild" && argv.length === 2 && /^\d{17,20}$/.test(argv[1]!)) return ok({ guildId: argv[1]! });
  if (argv[0] === "--guild") return err("--guild takes the server's numeric id (right-click the server with Developer Mode on, Copy Server ID).");
  return err(`Unknown argument "${argv[0]}". Usage: npm run discord:register [-- --guild <server id>]`);
}

/** Replaces the application's commands with Caucus's; the number registered, or why Discord (or a check) refused. */
export async function registerCommands(defs: readonly CommandDefinition[], target: RegisterTarget): Promise<Result<number>> {
  const body = discordRegistration(defs);
  const problems = body.flatMap(registrationProblems);
  if (problems.length) return err(`The command definitions break Discord's rules:\n${problems.join("\n")}`);
  // One attempt and no waiting on a rate limit: the person running it is told and can run it again.
  const rest = new REST({ retries: 0, rejectOnRateLimit: () => true, ...(target.apiUrl ? { api: target.apiUrl } : {}) }).setToken(target.token);
  const route = target.guildId ? Routes.applicationGuildCommands(target.applicationId, target.guildId) : Routes.applicationCommands(target.applicationId);
  try {
    const saved = (await rest.put(route, { body })) as unknown[];
    return ok(saved.length);
  } catch (e) {
    return err(`Discord refused the registration: ${e instanceof Error ? e.message : String(e)}`);
  }
}

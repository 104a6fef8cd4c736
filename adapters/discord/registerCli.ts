// npm run discord:register [-- --guild <id>]: reads DISCORD_TOKEN, DISCORD_APPLICATION_ID (and DISCORD_API_URL).
import { commands } from "../../commands/index.ts";
import { parseConfig } from "../../src/config.ts";
import { discordSettings } from "./discordFromConfig.ts";
import { parseRegisterArgs, registerCommands } from "./registerCommands.ts";

const fail = (message: string, code: number): never => {
  process.stderr.write(`${message}\n`);
  process.exit(code);
};

const config = parseConfig(process.env);
if (!config.ok) fail(config.error, 78);
const cfg = config.ok ? config.value : fail("", 78);
const settings = discordSettings(cfg);
if (!settings.ok) fail(settings.error, 78);
const s = settings.ok && settings.value ? settings.value : fail("Set DISCORD_TOKEN and DISCORD_APPLICATION_ID to register the commands.", 78);
const args = parseRegisterArgs(process.argv.slice(2));
if (!args.ok) fail(args.error, 64);
const guildId = args.ok ? args.value.guildId : undefined;
const done = await registerCommands(commands, { ...s, ...(guildId ? { guildId } : {}) });
if (!done.ok) fail(done.error, 1);
process.stdout.write(
  done.ok && guildId
    ? `Registered ${done.value} commands on server ${guildId}; they show at once.\n`
    : `Registered ${done.ok ? done.value : 0} commands globally; Discord can take up to an hour to show them everywhere.\n`,
);

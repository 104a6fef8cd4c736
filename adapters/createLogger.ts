import pino from "pino";
import type { Logger } from "../src/logger.ts";

// Tokens and secrets are redacted wherever they appear in a logged object, at any depth we know of.
export const REDACT_PATHS = [
  "token",
  "*.token",
  "*.*.token",
  "password",
  "*.password",
  "secret",
  "*.secret",
  "signingSecret",
  "*.signingSecret",
  "authorization",
  "*.authorization",
  "*.headers.authorization",
  "*.headers['x-slack-signature']",
  "env.SLACK_BOT_TOKEN",
  "env.SLACK_SIGNING_SECRET",
  "env.SLACK_APP_TOKEN",
  "env.DISCORD_TOKEN",
  "env.DISCORD_PUBLIC_KEY",
  "env.DATABASE_URL",
  "config.SLACK_BOT_TOKEN",
  "config.SLACK_SIGNING_SECRET",
  "config.SLACK_APP_TOKEN",
  "config.DISCORD_TOKEN",
  "config.DISCORD_PUBLIC_KEY",
  "config.DATABASE_URL",
  // Election secrets: the tie-break seed until it is revealed at close (whoever knows it early can steer a
  // draw), the ballot key of databases from before receipts, and a voter's receipt (it can replace their ballot).
  "seed",
  "*.seed",
  "*.*.seed",
  "ballotKey",
  "*.ballotKey",
  "*.*.ballotKey",
  "receipt",
  "*.receipt",
  "*.*.receipt",
  // A command line as typed: `/vote E1 … receipt <code>` carries the receipt.
  "text",
  "event.text",
  "*.event.text",
];

/** Structured JSON logs to stderr (stdout belongs to the console adapter and the simulator). */
export function createLogger(level: string, destination: pino.DestinationStream = pino.destination({ dest: 2, sync: true })): Logger {
  return pino({ level, redact: { paths: REDACT_PATHS, censor: "[redacted]" } }, destination);
}

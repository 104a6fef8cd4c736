import { z } from "zod";
import { err, ok, type Result } from "./result.ts";

const PORT_MESSAGE = "must be a port number from 1 to 65535 (unset it to run without an HTTP server)";
const optionalSecret = z.string().trim().min(1).optional();
const KEY_MESSAGE = "must be 32 random bytes written as 64 hex characters or as base64 (make one with: openssl rand -base64 32)";

/** 64 hex characters, or base64 / base64url of exactly 32 bytes. */
function readKey(s: string): Uint8Array | null {
  if (/^[0-9a-fA-F]{64}$/.test(s)) return Uint8Array.from(Buffer.from(s, "hex"));
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(s)) return null;
  const b = Buffer.from(s.replace(/-/g, "+").replace(/_/g, "/"), "base64");
  return b.length === 32 ? Uint8Array.from(b) : null;
}

export const configSchema = z.object({
  CAUCUS_DATA_DIR: z.string().trim().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^postgres(ql)?:\/\/[^\s]+$/, "must be a postgres:// or postgresql:// URL (unset it to use the embedded database)")
    .optional(),
  LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]).default("info"),
  /** node-cron expression (with seconds) for the reminder tick. */
  CAUCUS_TICK_CRON: z.string().trim().min(1).default("*/5 * * * * *"),
  /** Opens the HTTP server (health probes; later Slack HTTP mode and Discord interactions) on this port. */
  PORT: z
    .string()
    .trim()
    .regex(/^\d{1,5}$/, PORT_MESSAGE)
    .transform(Number)
    .refine((n) => n >= 1 && n <= 65535, PORT_MESSAGE)
    .optional(),
  /** Address the HTTP server binds: loopback unless a proxy or container network needs otherwise. */
  CAUCUS_HTTP_HOST: z.string().trim().min(1).default("127.0.0.1"),
  SLACK_BOT_TOKEN: optionalSecret,
  SLACK_SIGNING_SECRET: optionalSecret,
  SLACK_APP_TOKEN: optionalSecret,
  /** Slack's Web API base URL: another for GovSlack or a proxy, a local fake in tests. */
  SLACK_API_URL: z
    .string()
    .trim()
    .regex(/^https?:\/\/[^\s]+\/$/, "must be an http(s) URL ending in / (e.g. https://slack.com/api/; unset it for Slack's own)")
    .optional(),
  DISCORD_TOKEN: optionalSecret,
  DISCORD_APPLICATION_ID: optionalSecret,
  DISCORD_PUBLIC_KEY: optionalSecret,
  /** Several Slack workspaces (OAuth): the app's client id and secret, and a secret that signs the OAuth state. */
  SLACK_CLIENT_ID: optionalSecret,
  SLACK_CLIENT_SECRET: optionalSecret,
  SLACK_STATE_SECRET: z.string().trim().min(16, "must be at least 16 characters (make one with: openssl rand -hex 32)").optional(),
  /** Encrypts platform tokens at rest (Slack installations): 32 random bytes. */
  CAUCUS_ENCRYPTION_KEY: z
    .string()
    .trim()
    .transform((s, ctx) => {
      const key = readKey(s);
      if (!key) ctx.addIssue({ code: "custom", message: KEY_MESSAGE });
      return key ?? new Uint8Array();
    })
    .optional(),
});
export type Config = z.infer<typeof configSchema>;

/** Reads the environment once, at start-up. The error is one line naming the variable (never its value). */
export function parseConfig(env: Record<string, string | undefined>): Result<Config> {
  // An empty variable (FOO= in a .env file) means unset, not "the empty string".
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const r = configSchema.safeParse(present);
  if (r.success) return ok(r.data);
  const issue = r.error.issues[0]!;
  return err(`Configuration error: ${issue.path.join(".")} ${issue.message}`);
}

// The one place the Bolt App is built: HTTP mode (signed requests at POST /slack/events on the shared HTTP server)
// or Socket Mode (a WebSocket opened with the app token), with a single bot token, or with extra Bolt options for
// several workspaces (OAuth installer and installation store, or an `authorize` function).
import type http from "node:http";
import { App, HTTPReceiver, LogLevel, SocketModeReceiver, type AppOptions, type Logger as BoltLogger } from "@slack/bolt";
import type { Logger } from "../../src/logger.ts";
import { sendJson, type Route } from "../http/startHttpServer.ts";

/** Bolt options other modules may add (issue 9's OAuth installation store, a custom `authorize`). */
export type SlackExtraOptions = Pick<AppOptions, "clientId" | "clientSecret" | "stateSecret" | "installationStore" | "scopes" | "installerOptions" | "redirectUri" | "authorize">;

export type SlackAppOptions = {
  mode: "http" | "socket";
  /** HTTP mode: verifies every request's signature. */
  signingSecret?: string;
  /** Socket Mode: the app-level token (xapp-…). */
  appToken?: string;
  /** One workspace: its bot token (xoxb-…). Leave it out when `extra` brings OAuth or `authorize`. */
  botToken?: string;
  /** Skips Bolt's auth.test at start-up when both are known (tests, benchmarks). */
  botId?: string;
  botUserId?: string;
  extra?: SlackExtraOptions;
  /** The Web API base URL (SLACK_API_URL); Slack's own when unset. */
  apiUrl?: string;
  log: Logger;
  /** Bolt's own log level; its lines go through `log` with secrets scrubbed. */
  boltLogLevel?: LogLevel;
  /** The clock the ±5-minute timestamp window is checked against. */
  now: () => Date;
  /** How long a request nobody acknowledges waits before Bolt answers 404 (Slack gives up after 3 s). */
  unhandledRequestTimeoutMillis?: number;
  /** Secrets to scrub from every log line (tokens are also scrubbed by their shape). */
  secrets?: readonly string[];
  /** Web API timeout per call, ms: a call that hangs is retried by the outbox, not waited on forever. */
  timeoutMs?: number;
};

export type SlackApp = {
  app: App;
  /** HTTP mode: the routes to mount on the shared server (events; the OAuth install and redirect paths with OAuth). */
  routes: Route[];
  /** Socket Mode: the receiver, to watch its connection. */
  socket?: SocketModeReceiver;
};

/** Slack signs a timestamp; more than this far from our clock, on either side, the request is refused. */
export const TIMESTAMP_WINDOW_S = 300;
export const EVENTS_PATH = "/slack/events";

const TOKEN_SHAPES = /\b(xox[abposre]|xapp|xoxe\.xox[bp])-[A-Za-z0-9-]+/g;

/** A log line with every known secret and anything shaped like a Slack token replaced. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text.replace(TOKEN_SHAPES, (_m, kind: string) => `${kind}-[redacted]`);
  for (const s of secrets) if (s.length >= 6) out = out.split(s).join("[redacted]");
  return out;
}

/** Bolt's logger interface over ours: messages joined to one string, secrets scrubbed, at Bolt's level. */
export function boltLogger(log: Logger, secrets: readonly string[], level: LogLevel = LogLevel.WARN): BoltLogger {
  const order = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];
  let current = level;
  const text = (msg: unknown[]) => scrubSecrets(msg.map((m) => (typeof m === "string" ? m : m instanceof Error ? `${m.name}: ${m.message}` : JSON.stringify(m))).join(" "), secrets);
  const at = (l: LogLevel, write: (o: object, m: string) => void) => (...msg: unknown[]) => {
    if (order.indexOf(l) >= order.indexOf(current)) write({ source: "bolt" }, text(msg));
  };
  return {
    debug: at(LogLevel.DEBUG, (o, m) => log.debug(o, m)),
    info: at(LogLevel.INFO, (o, m) => log.info(o, m)),
    warn: at(LogLevel.WARN, (o, m) => log.warn(o, m)),
    error: at(LogLevel.ERROR, (o, m) => log.error(o, m)),
    setLevel: (l) => void (current = l),
    getLevel: () => current,
    setName: () => {},
  };
}

function refuse(res: http.ServerResponse, why: string): void {
  res.writeHead(401, { "content-type": "text/plain; charset=utf-8" });
  res.end(why);
}

/** Bolt refuses stale timestamps but accepts future ones; this refuses both, before Bolt reads the body. */
export function withinWindow(header: string | string[] | undefined, now: Date): boolean {
  const raw = Array.isArray(header) ? header[0] : header;
  if (!raw || !/^\d{1,12}$/.test(raw)) return false;
  return Math.abs(Math.floor(now.getTime() / 1000) - Number(raw)) <= TIMESTAMP_WINDOW_S;
}

export async function createSlackApp(o: SlackAppOptions): Promise<SlackApp> {
  const secrets = [o.botToken, o.signingSecret, o.appToken, o.extra?.clientSecret, o.extra?.stateSecret].filter((s): s is string => !!s).concat(o.secrets ?? []);
  const logger = boltLogger(o.log, secrets, o.boltLogLevel);
  // The outbox is the one retry policy: the client never retries on its own, and a 429 comes back at once with
  // its Retry-After instead of the client sleeping through it.
  const clientOptions = { retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: o.timeoutMs ?? 10_000, logLevel: logger.getLevel(), ...(o.apiUrl ? { slackApiUrl: o.apiUrl } : {}) };
  const extra = o.extra ?? {};
  const oauth = {
    clientId: extra.clientId,
    clientSecret: extra.clientSecret,
    stateSecret: extra.stateSecret,
    installationStore: extra.installationStore,
    scopes: extra.scopes,
    redirectUri: extra.redirectUri,
    // The installer's own Web API calls (oauth.v2.access) go to the same API URL.
    installerOptions: { ...extra.installerOptions, clientOptions: { ...clientOptions, ...extra.installerOptions?.clientOptions } },
  };
  const auth = {
    ...(o.botToken ? { token: o.botToken } : {}),
    ...(o.botId ? { botId: o.botId } : {}),
    ...(o.botUserId ? { botUserId: o.botUserId } : {}),
    ...(extra.authorize ? { authorize: extra.authorize } : {}),
  };

  if (o.mode === "socket") {
    if (!o.appToken) throw new Error("Socket Mode needs the app token (SLACK_APP_TOKEN)");
    const receiver = new SocketModeReceiver({ appToken: o.appToken, logger, logLevel: logger.getLevel(), ...oauth });
    const app = new App({ receiver, socketMode: true, logger, logLevel: logger.getLevel(), clientOptions, deferInitialization: true, ...auth });
    await app.init();
    return { app, routes: [], socket: receiver };
  }

  if (!o.signingSecret) throw new Error("HTTP mode needs the signing secret (SLACK_SIGNING_SECRET)");
  const receiver = new HTTPReceiver({
    signingSecret: o.signingSecret,
    endpoints: [EVENTS_PATH],
    logger,
    logLevel: logger.getLevel(),
    unhandledRequestTimeoutMillis: o.unhandledRequestTimeoutMillis ?? 3_001,
    ...oauth,
  });
  const app = new App({ receiver, logger, logLevel: logger.getLevel(), clientOptions, deferInitialization: true, ...auth });
  await app.init();

  const bolt = (req: http.IncomingMessage, res: http.ServerResponse) => {
    try {
      receiver.requestListener(req, res);
    } catch (e) {
      // Bolt throws for a path it does not serve; the shared server routed it here, so it is ours to answer.
      o.log.warn({ err: e instanceof Error ? scrubSecrets(e.message, secrets) : "error" }, "Slack receiver refused a request");
      if (!res.headersSent) sendJson(res, 404, { error: "not found" });
    }
  };
  const routes: Route[] = [
    {
      method: "POST",
      path: EVENTS_PATH,
      handle(req, res) {
        // Bolt checks the signature over the raw body and refuses stale timestamps; the future side is ours.
        if (!withinWindow(req.headers["x-slack-request-timestamp"], o.now())) return refuse(res, "stale or future request timestamp");
        bolt(req, res);
      },
    },
  ];
  if (extra.clientId && extra.clientSecret) {
    const installPath = extra.installerOptions?.installPath ?? "/slack/install";
    const redirectPath = extra.installerOptions?.redirectUriPath ?? "/slack/oauth_redirect";
    for (const path of [installPath, redirectPath]) routes.push({ method: "GET", path, handle: bolt });
  }
  return { app, routes };
}

// One real Bolt app (HTTP mode) on the shared HTTP server, the core on PGlite, and the fake Slack it talks to:
// what a Slack test file starts once and drives with signed requests.
import { randomUUID } from "node:crypto";
import { openApp, type App } from "../../adapters/compose.ts";
import { startHttpServer, type HttpServer } from "../../adapters/http/startHttpServer.ts";
import { createSlackAdapter, type SlackAdapter, type SlackAdapterOptions } from "../../adapters/slack/slackAdapter.ts";
import { SLACK_LIMITS } from "../../adapters/slack/slackLimits.ts";
import { createEventHandler } from "../../src/eventHandler.ts";
import { silentLogger, type Logger } from "../../src/logger.ts";
import { createOutboxDispatcher, type DispatchOptions } from "../../src/outboxDispatcher.ts";
import { userDirectory } from "../../src/userDirectory.ts";
import { createVirtualClock } from "../../src/virtualClock.ts";
import { FAKE_BOT, startFakeSlack, type FakeSlack } from "./fakeSlack.ts";
import { buttonClick, formEncoded, interactionBody, postToBot, slashCommand, viewSubmission, GENERAL, type SlackPerson } from "./slackPayloads.ts";

export const SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
export const BOT_TOKEN = "xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy";

export type SlackHarness = {
  fake: FakeSlack;
  app: App;
  adapter: SlackAdapter;
  http: HttpServer;
  /** The core's clock: set freely (tests go back to their start); each deliver() runs on a virtual clock from it. */
  clock: { now(): Date; set(at: Date): void };
  eventsUrl: string;
  /** Sends a signed slash command and returns Bolt's HTTP answer. */
  command(who: SlackPerson, line: string, channel?: { id: string; name: string }): Promise<{ status: number; body: unknown; responseUrl: string; triggerId: string }>;
  click(who: SlackPerson, actionId: string, value: string, channel?: { id: string; name: string }): Promise<{ status: number; responseUrl: string }>;
  /** Submits the modal views.open last opened (as sent), with these values; returns Bolt's answer body. */
  submit(who: SlackPerson, values: Parameters<typeof viewSubmission>[2]): Promise<{ status: number; body: unknown }>;
  /** Delivers what the outbox holds now (virtual clock: retries and pacing wait virtually). */
  deliver(opts?: Partial<DispatchOptions>): Promise<void>;
  /** The virtual time of the delivery running now (the core's clock outside deliver()). */
  deliveryNow(): Date;
  /** Waits until Bolt's asynchronous work after an ack (response_url posts) has settled. */
  settle(): Promise<void>;
  /** Posts the last command, click or submission again, byte for byte, freshly signed: a replay. */
  replay(): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
};

/**
 * Bolt keeps working after it has answered the HTTP request (the core, then response_url): counts the requests
 * still in its middleware, so a test can wait until none is. Register before the adapter starts.
 */
export function countBoltWork(adapter: SlackAdapter): () => number {
  let working = 0;
  adapter.app.use(async ({ next }) => {
    working++;
    try {
      await next();
    } finally {
      working--;
    }
  });
  return () => working;
}

export async function startSlackHarness(
  opts: {
    start?: Date;
    log?: Logger;
    /** Adapter options over the defaults; a function gets the app (its database) and the fake first. */
    adapter?: Partial<SlackAdapterOptions> | ((app: App, fake: FakeSlack) => Partial<SlackAdapterOptions>);
    /** Registers further listeners (App Home, user groups, uninstall) before the adapter starts. */
    extend?: (adapter: SlackAdapter, app: App) => void;
  } = {},
): Promise<SlackHarness> {
  const fake = await startFakeSlack();
  let t = (opts.start ?? new Date()).getTime();
  const clock = { now: () => new Date(t), set: (at: Date) => void (t = at.getTime()) };
  const log = opts.log ?? silentLogger;
  const ports: SlackAdapter[] = [];
  const app = await openApp({ kind: "pglite", dataDir: "memory://" }, silentLogger, { directory: userDirectory(ports) });
  const adapter = await createSlackAdapter({
    mode: "http",
    signingSecret: SIGNING_SECRET,
    botToken: BOT_TOKEN,
    apiUrl: fake.apiUrl,
    log,
    // Bolt checks signatures against the real clock, so the request window does too; the core runs on `clock`.
    now: () => new Date(),
    // Slack closes a modal after 3 s; the tests check what is answered, not how fast a loaded machine is.
    formAnswerMs: 30_000,
    unhandledRequestTimeoutMillis: 30_000,
    firstSighting: (key, until, now) => app.store.firstSighting(key, until, now),
    ...(typeof opts.adapter === "function" ? opts.adapter(app, fake) : opts.adapter),
  });
  ports.push(adapter);
  opts.extend?.(adapter, app);
  const working = countBoltWork(adapter);
  const http = await startHttpServer({ port: 0, log: silentLogger, routes: adapter.routes });
  await adapter.start(createEventHandler(app.bot, SLACK_LIMITS, clock.now));
  const eventsUrl = `http://127.0.0.1:${http.port}/slack/events`;
  const ts = () => Math.floor(Date.now() / 1000);

  let pending = 0;
  let delivering: { now(): Date } | null = null;
  const track = async <T>(p: Promise<T>): Promise<T> => {
    pending++;
    try {
      return await p;
    } finally {
      pending--;
    }
  };

  let last: string | undefined;
  async function settle(): Promise<void> {
    for (let quiet = 0; quiet < 2; ) {
      await new Promise((r) => setTimeout(r, 2));
      quiet = working() === 0 && pending === 0 ? quiet + 1 : 0;
    }
  }

  return {
    fake,
    app,
    adapter,
    http,
    clock,
    eventsUrl,
    async command(who, line, channel = GENERAL) {
      const m = /^(\/\S+)\s*(.*)$/s.exec(line);
      if (!m) throw new Error(`not a command: ${line}`);
      const c = slashCommand(fake, who, m[1]!, m[2]!, channel);
      const t0 = performance.now();
      const r = await track(postToBot(eventsUrl, (last = formEncoded(c)), SIGNING_SECRET, { ts: ts() }));
      const t1 = performance.now();
      await settle();
      if (process.env.SLACK_TEST_TIMING) console.log(`${line}: ack ${(t1 - t0).toFixed(0)} ms, settled ${(performance.now() - t1).toFixed(0)} ms`);
      return { status: r.status, body: r.text ? r.json() : null, responseUrl: c.response_url, triggerId: c.trigger_id };
    },
    async click(who, actionId, value, channel = GENERAL) {
      const b = buttonClick(fake, who, { actionId, value }, channel);
      const r = await track(postToBot(eventsUrl, (last = interactionBody(b)), SIGNING_SECRET, { ts: ts() }));
      await settle();
      return { status: r.status, responseUrl: b.response_url };
    },
    async replay() {
      if (last === undefined) throw new Error("nothing was posted yet");
      const r = await track(postToBot(eventsUrl, last, SIGNING_SECRET, { ts: ts() }));
      await settle();
      return { status: r.status, body: r.text ? r.json() : null };
    },
    async submit(who, values) {
      const opened = fake.callsTo("views.open").at(-1)?.params.view as { callback_id: string; private_metadata: string; title: unknown; blocks: unknown[] } | undefined;
      if (!opened) throw new Error("no modal was opened");
      const r = await track(postToBot(eventsUrl, (last = interactionBody(viewSubmission(who, opened, values))), SIGNING_SECRET, { ts: ts() }));
      await settle();
      return { status: r.status, body: r.text ? r.json() : null };
    },
    deliveryNow: () => (delivering ?? clock).now(),
    async deliver(options = {}) {
      const virtual = createVirtualClock(clock.now());
      delivering = virtual;
      const dispatcher = createOutboxDispatcher({
        outbox: app.store.outbox,
        ports: [adapter],
        now: virtual.now,
        sleep: virtual.sleep,
        random: app.random,
        log: silentLogger,
        owner: `slack-test-${randomUUID()}`,
        options: { concurrency: 1, ...options },
      });
      try {
        await dispatcher.settle({ maxMs: 3_600_000 });
      } finally {
        delivering = null;
      }
    },
    settle,
    async close() {
      await adapter.stop();
      await http.close();
      await fake.stop();
      await app.close();
    },
  };
}

export { FAKE_BOT };

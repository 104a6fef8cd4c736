// A local stand-in for the far side of Slack: the Web API (`POST /api/<method>`), response_url posts, file upload
// URLs, and a Socket Mode WebSocket server. It records every call so tests can assert what the bot sent, and
// answers with bodies shaped like Slack's (see slackapi/java-slack-sdk json-logs/samples/api). Reused by the
// slackorg (OAuth, App Home) and issue-11 tests: keep it general.
import { createHmac, randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";

export type FakeCall = {
  method: string;
  /** Form or JSON fields as sent; `blocks`, `view`, `attachments` parsed from their JSON strings. */
  params: Record<string, unknown>;
  /** The bearer token (Authorization header, or `token` in the body). */
  token: string | undefined;
  at: number;
};

export type FakeAnswer = { status?: number; headers?: Record<string, string>; body: unknown };
/** Answers one call; return undefined to fall through to the default answer. */
export type FakeResponder = (call: FakeCall, fake: FakeSlack) => FakeAnswer | undefined | Promise<FakeAnswer | undefined>;

export type FakeUser = {
  id: string;
  name: string;
  real_name?: string;
  tz?: string;
  is_admin?: boolean;
  is_owner?: boolean;
  deleted?: boolean;
  is_bot?: boolean;
  team_id?: string;
};

export type ResponseUrlPost = { path: string; body: Record<string, unknown>; at: number };
export type Upload = { path: string; content: string };

export const FAKE_TEAM = { id: "T0CAUCUS1", domain: "caucus-test", name: "Caucus Test" } as const;
export const FAKE_BOT = { userId: "U0CAUCUSBOT", botId: "B0CAUCUSBOT", appId: "A0CAUCUS01" } as const;

/** Headers Slack sends with a request body signed with `secret` at `ts` (seconds): v0 HMAC-SHA256 of `v0:ts:body`. */
export function signSlackRequest(secret: string, body: string, ts: number = Math.floor(Date.now() / 1000)): Record<string, string> {
  const sig = createHmac("sha256", secret).update(`v0:${ts}:${body}`).digest("hex");
  return { "x-slack-request-timestamp": String(ts), "x-slack-signature": `v0=${sig}` };
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** The file's bytes from an upload body: multipart (as @slack/web-api sends it) or raw. */
function fileContent(raw: string, contentType: string): string {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  if (!boundary) return raw;
  const b = `--${boundary[1] ?? boundary[2]}`;
  const part = raw.split(b).find((p) => p.includes("\r\n\r\n") && !p.startsWith("--"));
  if (!part) return "";
  const body = part.slice(part.indexOf("\r\n\r\n") + 4);
  return body.endsWith("\r\n") ? body.slice(0, -2) : body;
}

const JSON_FIELDS = new Set(["blocks", "view", "attachments", "file_uploads", "files"]);

function parseParams(raw: string, contentType: string): Record<string, unknown> {
  let params: Record<string, unknown>;
  if (contentType.includes("application/json")) params = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  else params = Object.fromEntries(new URLSearchParams(raw));
  for (const k of Object.keys(params)) {
    const v = params[k];
    if (JSON_FIELDS.has(k) && typeof v === "string") {
      try {
        params[k] = JSON.parse(v);
      } catch {
        // left as sent: the test sees what arrived
      }
    }
  }
  return params;
}

let seq = 0;
const nextTs = () => `${Math.floor(Date.now() / 1000)}.${String(++seq).padStart(6, "0")}`;
const nextId = (prefix: string) => `${prefix}${randomBytes(5).toString("hex").toUpperCase()}`;

export class FakeSlack {
  readonly calls: FakeCall[] = [];
  readonly responses: ResponseUrlPost[] = [];
  readonly uploads: Upload[] = [];
  readonly users = new Map<string, FakeUser>();
  /** Envelope acks received over Socket Mode, by envelope id. */
  readonly socketAcks = new Map<string, unknown>();
  private responders: { method: string; fn: FakeResponder; once: boolean }[] = [];
  private server: http.Server | null = null;
  private wss: WebSocketServer | null = null;
  private sockets = new Set<WebSocket>();
  private waiters = new Map<string, (payload: unknown) => void>();
  port = 0;
  wsPort = 0;

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }
  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }
  /** A fresh response_url this fake records posts to. */
  responseUrl(): string {
    return `${this.baseUrl}/response/${FAKE_TEAM.id}/${nextId("")}`;
  }

  addUser(u: FakeUser): this {
    this.users.set(u.id, u);
    return this;
  }

  /** Answers calls of `method` with `fn` (later registrations win); `once` answers only the next such call. */
  on(method: string, fn: FakeResponder, { once = false } = {}): this {
    this.responders.unshift({ method, fn, once });
    return this;
  }
  once(method: string, fn: FakeResponder): this {
    return this.on(method, fn, { once: true });
  }

  callsTo(method: string): FakeCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  reset(): void {
    this.calls.length = 0;
    this.responses.length = 0;
    this.uploads.length = 0;
    this.responders = [];
    this.socketAcks.clear();
  }

  /** Resolves when `n` calls of `method` have arrived (or rejects after `ms`). */
  async waitFor(predicate: () => boolean, ms = 5_000): Promise<void> {
    const until = Date.now() + ms;
    while (!predicate()) {
      if (Date.now() > until) throw new Error("fake Slack: timed out waiting");
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.route(req, res));
    this.server.keepAliveTimeout = 1_000;
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /** Starts the Socket Mode server: `apps.connections.open` then hands out its URL. */
  async startSocketMode(): Promise<this> {
    this.wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
    await new Promise<void>((resolve) => this.wss!.once("listening", () => resolve()));
    this.wsPort = (this.wss.address() as AddressInfo).port;
    this.wss.on("connection", (ws) => {
      this.sockets.add(ws);
      ws.on("close", () => this.sockets.delete(ws));
      ws.on("message", (data) => {
        const msg = JSON.parse(String(data)) as { envelope_id?: string; payload?: unknown };
        if (!msg.envelope_id) return;
        this.socketAcks.set(msg.envelope_id, msg.payload);
        this.waiters.get(msg.envelope_id)?.(msg.payload);
        this.waiters.delete(msg.envelope_id);
      });
      // What Slack sends first on a new Socket Mode connection.
      ws.send(JSON.stringify({ type: "hello", num_connections: this.sockets.size, debug_info: { host: "applink-fake", build_number: 1, approximate_connection_time: 18060 }, connection_info: { app_id: FAKE_BOT.appId } }));
    });
    return this;
  }

  get socketConnections(): number {
    return this.sockets.size;
  }

  /** Sends one envelope (`slash_commands`, `interactive`, `events_api`) and resolves with the app's ack payload. */
  sendEnvelope(type: "slash_commands" | "interactive" | "events_api", payload: unknown, ms = 5_000): Promise<unknown> {
    const ws = [...this.sockets][0];
    if (!ws) return Promise.reject(new Error("fake Slack: no Socket Mode connection"));
    const envelope_id = `${Date.now()}-${nextId("e")}`.toLowerCase();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`fake Slack: envelope ${envelope_id} not acked`)), ms);
      this.waiters.set(envelope_id, (p) => {
        clearTimeout(timer);
        resolve(p);
      });
      ws.send(JSON.stringify({ envelope_id, type, accepts_response_payload: type !== "events_api", retry_attempt: 0, retry_reason: "", payload }));
    });
  }

  async stop(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    await new Promise<void>((r) => (this.wss ? this.wss.close(() => r()) : r()));
    if (this.server) {
      this.server.closeAllConnections();
      await new Promise<void>((r) => this.server!.close(() => r()));
    }
  }

  private async route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const raw = await readBody(req);
    const send = (a: FakeAnswer) => {
      const text = JSON.stringify(a.body);
      res.writeHead(a.status ?? 200, { "content-type": "application/json; charset=utf-8", ...a.headers });
      res.end(text);
    };
    if (url.pathname.startsWith("/response/")) {
      this.responses.push({ path: url.pathname, body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {}, at: Date.now() });
      return send({ body: { ok: true } });
    }
    if (url.pathname.startsWith("/upload/")) {
      this.uploads.push({ path: url.pathname, content: fileContent(raw, req.headers["content-type"] ?? "") });
      res.writeHead(200, { "content-type": "text/plain" });
      return void res.end(`OK - ${Buffer.byteLength(raw)}`);
    }
    const m = /^\/api\/([A-Za-z0-9_.]+)$/.exec(url.pathname);
    if (!m || req.method !== "POST") return send({ status: 404, body: { ok: false, error: "unknown_method" } });
    const params = parseParams(raw, req.headers["content-type"] ?? "");
    const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? "");
    const token = auth?.[1] ?? (typeof params.token === "string" ? params.token : undefined);
    const call: FakeCall = { method: m[1]!, params, token, at: Date.now() };
    this.calls.push(call);
    for (const r of this.responders) {
      if (r.method !== call.method && r.method !== "*") continue;
      const answer = await r.fn(call, this);
      if (answer === undefined) continue;
      if (r.once) this.responders.splice(this.responders.indexOf(r), 1);
      return send(answer);
    }
    send({ body: this.defaultAnswer(call) });
  }

  /** What Slack answers when all is well (trimmed to the fields clients read, values copied from real answers). */
  defaultAnswer(call: FakeCall): unknown {
    const p = call.params;
    const str = (k: string) => (typeof p[k] === "string" ? (p[k] as string) : "");
    switch (call.method) {
      case "auth.test":
        return { ok: true, url: `https://${FAKE_TEAM.domain}.slack.com/`, team: FAKE_TEAM.name, user: "caucus", team_id: FAKE_TEAM.id, user_id: FAKE_BOT.userId, bot_id: FAKE_BOT.botId, is_enterprise_install: false };
      case "users.info": {
        const u = this.users.get(str("user"));
        if (!u) return { ok: false, error: "user_not_found" };
        const tz = u.tz ?? "America/Los_Angeles";
        return {
          ok: true,
          user: {
            id: u.id,
            team_id: u.team_id ?? FAKE_TEAM.id,
            name: u.name,
            deleted: u.deleted ?? false,
            color: "9f69e7",
            real_name: u.real_name ?? u.name,
            tz,
            tz_label: tz,
            tz_offset: 0,
            profile: { real_name: u.real_name ?? u.name, display_name: u.name, real_name_normalized: u.real_name ?? u.name, display_name_normalized: u.name, team: u.team_id ?? FAKE_TEAM.id },
            is_admin: u.is_admin ?? false,
            is_owner: u.is_owner ?? false,
            is_primary_owner: false,
            is_restricted: false,
            is_ultra_restricted: false,
            is_bot: u.is_bot ?? false,
            is_app_user: false,
            updated: 1_700_000_000,
            locale: "en-US",
          },
        };
      }
      case "conversations.open": {
        const users = str("users");
        return { ok: true, no_op: true, already_open: true, channel: { id: `D${users.slice(1)}`, created: 1_700_000_000, is_im: true, is_org_shared: false, user: users, last_read: "0000000000.000000", latest: null, unread_count: 0, unread_count_display: 0, is_open: true, priority: 0 } };
      }
      case "chat.postMessage": {
        const ts = nextTs();
        const channel = str("channel");
        return { ok: true, channel: channel.startsWith("U") ? `D${channel.slice(1)}` : channel, ts, message: { type: "message", subtype: "bot_message", text: str("text"), ts, bot_id: FAKE_BOT.botId, user: FAKE_BOT.userId, app_id: FAKE_BOT.appId, team: FAKE_TEAM.id, blocks: p.blocks ?? [] } };
      }
      case "chat.postEphemeral":
        return { ok: true, message_ts: nextTs() };
      case "chat.update":
        return { ok: true, channel: str("channel"), ts: str("ts"), text: str("text") };
      case "views.open":
      case "views.push":
      case "views.update":
      case "views.publish": {
        const view = (p.view ?? {}) as Record<string, unknown>;
        return { ok: true, view: { id: nextId("V"), team_id: FAKE_TEAM.id, type: view.type ?? "modal", blocks: view.blocks ?? [], private_metadata: view.private_metadata ?? "", callback_id: view.callback_id ?? "", state: { values: {} }, hash: `${Date.now()}.${nextId("")}`, title: view.title, clear_on_close: false, notify_on_close: false, close: view.close ?? null, submit: view.submit ?? null, previous_view_id: null, root_view_id: nextId("V"), app_id: FAKE_BOT.appId, external_id: "", app_installed_team_id: FAKE_TEAM.id, bot_id: FAKE_BOT.botId }, response_metadata: { messages: [] } };
      }
      case "files.getUploadURLExternal": {
        const file_id = nextId("F");
        return { ok: true, upload_url: `${this.baseUrl}/upload/${file_id}`, file_id };
      }
      case "files.completeUploadExternal": {
        const files = (Array.isArray(p.files) ? p.files : []) as { id: string; title?: string }[];
        return { ok: true, files: files.map((f) => ({ id: f.id, created: Math.floor(Date.now() / 1000), name: f.title ?? "file", title: f.title ?? "file", mimetype: "text/plain", filetype: "text", user: FAKE_BOT.userId, size: 0, permalink: `https://${FAKE_TEAM.domain}.slack.com/files/${FAKE_BOT.userId}/${f.id}/file` })) };
      }
      case "apps.connections.open":
        return { ok: true, url: `ws://127.0.0.1:${this.wsPort}/link/?ticket=${nextId("t")}&app_id=${FAKE_BOT.appId}` };
      default:
        return { ok: true };
    }
  }
}

export async function startFakeSlack({ socketMode = false } = {}): Promise<FakeSlack> {
  const fake = await new FakeSlack().start();
  if (socketMode) await fake.startSocketMode();
  return fake;
}

// One small HTTP server for everything the bot answers over HTTP: health probes now, Slack's HTTP mode and
// Discord interactions later. Each adapter mounts its own routes; handlers get Node's raw request so a
// platform adapter can read the exact body bytes its signature check needs.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "../../src/logger.ts";

export type HttpMethod = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE";

export type Route = {
  method: HttpMethod;
  /** Exact path, without the query string: "/healthz". */
  path: string;
  handle(req: http.IncomingMessage, res: http.ServerResponse): void | Promise<void>;
};

export type HttpServer = {
  /** The port actually bound (the OS picks one when asked for port 0). */
  readonly port: number;
  readonly host: string;
  /** Adds a route while running (a platform adapter, once started). Mounting one path and method twice is a bug. */
  mount(route: Route): void;
  close(): Promise<void>;
};

export type HttpServerOptions = {
  port: number;
  /** 127.0.0.1 unless asked: a reverse proxy or the platform's tunnel is expected in front. */
  host?: string;
  routes?: readonly Route[];
  log: Logger;
};

export function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text), "cache-control": "no-store", ...headers });
  res.end(text);
}

export async function startHttpServer({ port, host = "127.0.0.1", routes = [], log }: HttpServerOptions): Promise<HttpServer> {
  const table = new Map<string, Map<string, Route>>();
  const mount = (route: Route) => {
    const byMethod = table.get(route.path) ?? new Map<string, Route>();
    if (byMethod.has(route.method)) throw new Error(`HTTP route ${route.method} ${route.path} is mounted twice`);
    byMethod.set(route.method, route);
    table.set(route.path, byMethod);
  };
  for (const r of routes) mount(r);

  const server = http.createServer((req, res) => {
    // The host is irrelevant here (and untrusted); only the path is routed.
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    const byMethod = table.get(path);
    if (!byMethod) return sendJson(res, 404, { error: "not found" });
    const route = byMethod.get(req.method ?? "");
    if (!route) return sendJson(res, 405, { error: "method not allowed" }, { allow: [...byMethod.keys()].join(", ") });
    Promise.resolve()
      .then(() => route.handle(req, res))
      .catch((err: unknown) => {
        log.error({ err, method: req.method, path }, "HTTP handler failed");
        if (!res.headersSent) sendJson(res, 500, { error: "internal error" });
        else res.destroy();
      });
  });
  // Probes and platform webhooks answer fast; a client that trickles its request is dropped.
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  server.on("error", (err) => log.error({ err }, "HTTP server error"));
  const bound = (server.address() as AddressInfo).port;
  log.info({ host, port: bound }, "HTTP server listening");

  return {
    port: bound,
    host,
    mount,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Keep-alive connections would hold close() open until they time out.
        server.closeAllConnections();
      }),
  };
}

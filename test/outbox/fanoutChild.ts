// A bot instance that only delivers, for the crash tests: drains the outbox through a platform that is slow
// and writes every delivery it accepted (key and recipient) to a file, fsynced, before answering "sent".
//   node --import tsx test/outbox/fanoutChild.ts '<DbTarget JSON>' <out file> <ms per delivery> [wait]
// With `wait`, it says "ready" once the database is open and starts delivering when a line arrives on stdin.
import fs from "node:fs";
import { randomUUID } from "node:crypto";
import { openApp } from "../../adapters/compose.ts";
import { sleep } from "../../adapters/sleep.ts";
import { silentLogger } from "../../src/logger.ts";
import { createOutboxDispatcher } from "../../src/outboxDispatcher.ts";
import { UNLIMITED, type PlatformPort } from "../../src/platformPort.ts";
import type { DbTarget } from "../../adapters/db/openDb.ts";

const [targetJson, outFile, delay, wait] = process.argv.slice(2);
const target = JSON.parse(targetJson!) as DbTarget;
const perDeliveryMs = Number(delay ?? "2");
const app = await openApp(target, silentLogger);
const fd = fs.openSync(outFile!, "a");
const never = new AbortController().signal;

const port: PlatformPort = {
  platform: "console",
  limits: UNLIMITED,
  start: async () => {},
  stop: async () => {},
  connected: () => true,
  async deliver(d, key) {
    await sleep(perDeliveryMs, never);
    fs.writeSync(fd, `${key}\t${d.kind === "dm" ? d.to.displayName : `#${d.channel.name}`}\n`);
    fs.fsyncSync(fd);
    return { kind: "sent" };
  },
};
const dispatcher = createOutboxDispatcher({
  outbox: app.store.outbox,
  ports: [port],
  now: () => new Date(),
  sleep,
  random: app.random,
  log: silentLogger,
  owner: `fanout-${process.pid}-${randomUUID().slice(0, 8)}`,
  // A short lease, so a restarted instance gets the killed one's claims back within the test.
  options: { leaseMs: 3_000 },
});
if (wait === "wait") {
  process.stdout.write("ready\n");
  await new Promise((resolve) => process.stdin.once("data", resolve));
  process.stdin.pause();
}
process.stdout.write("delivering\n");
const report = await dispatcher.settle();
await dispatcher.stop();
await app.close();
fs.closeSync(fd);
process.stdout.write(`done ${report.sent}\n`);

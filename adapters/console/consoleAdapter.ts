import readline from "node:readline";
import { UNLIMITED, type Delivery, type DeliveryOutcome, type EventHandler, type PlatformPort } from "../../src/platformPort.ts";
import type { Store } from "../../src/store.ts";
import { ConsoleSession, formatConsoleOutput, toConsoleOutput } from "./consoleSession.ts";

/** The console as a platform: type slash commands as a member; DMs and posts print as they happen. */
export function createConsoleAdapter(store: Store, now: () => Date, io: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream }) {
  let rl: readline.Interface | null = null;
  let session: ConsoleSession | null = null;
  let open = false;
  let resolveClosed: () => void = () => {};
  const closed = new Promise<void>((resolve) => (resolveClosed = resolve));
  const stamp = () => now().toISOString().slice(0, 16).replace("T", " ") + " UTC";
  const print = (lines: string[]) => {
    for (const l of lines) io.output.write(l + "\n");
  };
  let ended = false;
  const prompt = () => {
    // Deliveries may still print after `quit` (the outbox is drained on the way out): no prompt then.
    if (!rl || !session || ended) return;
    rl.setPrompt(`${session.current}> `);
    rl.prompt();
  };

  const port: PlatformPort & { closed: Promise<void> } = {
    platform: "console",
    limits: UNLIMITED,
    closed,
    async start(handler: EventHandler) {
      // A terminal answers in one phase: there is no deadline to acknowledge within.
      session = new ConsoleSession((event) => handler.handle(event), store, now);
      const s = session;
      const r = readline.createInterface({ input: io.input, output: io.output, terminal: (io.input as { isTTY?: boolean }).isTTY === true });
      rl = r;
      io.output.write("Caucus console. Type /caucus help, `as <name>` to act as another member, `organiser <name>`, `quit` to leave.\n");
      prompt();
      // Lines are handled one at a time, in order, even when they arrive faster than the database answers.
      let queue = Promise.resolve();
      r.on("line", (line) => {
        queue = queue.then(async () => {
          if (/^(quit|exit)$/i.test(line.trim())) {
            r.close();
            return;
          }
          print(await s.line(line));
          prompt();
        });
      });
      open = true;
      r.on("close", () => {
        ended = true;
        open = false;
        void queue.then(() => resolveClosed());
      });
    },
    connected: () => open,
    async deliver(d: Delivery): Promise<DeliveryOutcome> {
      io.output.write("\n");
      // Through the session, so buttons in a DM can be clicked (as the member they were sent to).
      print(session ? session.render([d], stamp()) : toConsoleOutput([d], "me").map((o) => formatConsoleOutput(o, stamp())));
      prompt();
      return { kind: "sent" };
    },
    async stop() {
      rl?.close();
    },
  };
  return port;
}

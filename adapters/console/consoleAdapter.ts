import readline from "node:readline";
import type { InboundEvent } from "../../src/event.ts";
import type { Send } from "../../src/message.ts";
import { UNLIMITED, type Delivery, type DeliveryOutcome, type PlatformPort } from "../../src/platformPort.ts";
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
  const prompt = () => {
    if (!rl || !session) return;
    rl.setPrompt(`${session.current}> `);
    rl.prompt();
  };

  const port: PlatformPort & { closed: Promise<void> } = {
    platform: "console",
    limits: UNLIMITED,
    closed,
    async start(onEvent: (event: InboundEvent) => Promise<Send[]>) {
      session = new ConsoleSession(onEvent, store, now);
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
        open = false;
        void queue.then(() => resolveClosed());
      });
    },
    connected: () => open,
    async deliver(d: Delivery): Promise<DeliveryOutcome> {
      io.output.write("\n");
      print(toConsoleOutput([d], session?.current ?? "me").map((o) => formatConsoleOutput(o, stamp())));
      prompt();
      return { kind: "sent" };
    },
    async stop() {
      rl?.close();
    },
  };
  return port;
}

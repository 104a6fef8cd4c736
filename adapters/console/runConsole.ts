import readline from "node:readline";
import type { App } from "../compose.ts";
import { toConsoleOutput, formatConsoleOutput, ConsoleSession } from "./consoleSession.ts";
import type { Send } from "../../src/message.ts";

/** The interactive console: type slash commands as a member; scheduled messages print as they happen. */
export function runConsole(app: App, now: () => Date, io: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream }) {
  const session = new ConsoleSession(app.bot, app.store, now);
  const rl = readline.createInterface({ input: io.input, output: io.output, terminal: (io.input as { isTTY?: boolean }).isTTY === true });
  const prompt = () => {
    rl.setPrompt(`${session.current}> `);
    rl.prompt();
  };
  const print = (lines: string[]) => {
    for (const l of lines) io.output.write(l + "\n");
  };
  io.output.write("Caucus console. Type /caucus help, `as <name>` to act as another member, `organiser <name>`, `quit` to leave.\n");
  prompt();
  // Lines are handled one at a time, in order, even when they arrive faster than the database answers.
  let queue = Promise.resolve();
  const closed = new Promise<void>((resolve) => {
    rl.on("line", (line) => {
      queue = queue.then(async () => {
        if (/^(quit|exit)$/i.test(line.trim())) {
          rl.close();
          return;
        }
        print(await session.line(line));
        prompt();
      });
    });
    rl.on("close", () => void queue.then(() => resolve()));
  });
  return {
    closed,
    /** Prints what the scheduler sent (reminders arriving while you type). */
    deliver(sends: Send[]) {
      if (!sends.length) return;
      const at = now().toISOString().slice(0, 16).replace("T", " ") + " UTC";
      io.output.write("\n");
      print(toConsoleOutput(sends, session.current).map((o) => formatConsoleOutput(o, at)));
      prompt();
    },
    close: () => rl.close(),
  };
}

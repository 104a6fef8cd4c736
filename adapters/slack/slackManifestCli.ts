// `npm run slack:manifest [-- --socket-mode] [-- --url https://your.host]`: prints the Slack app manifest to paste
// into "Create an app → From a manifest" (api.slack.com/apps).
import { parseArgs } from "node:util";
import { commands } from "../../commands/index.ts";
import { slackManifest } from "./slackManifest.ts";

const { values } = parseArgs({ options: { "socket-mode": { type: "boolean", default: false }, url: { type: "string" }, name: { type: "string" } } });
if (values.url !== undefined && !/^https:\/\/[^\s/]+/.test(values.url)) {
  process.stderr.write("--url must be the public https:// address Slack can reach, e.g. --url https://caucus.example.org\n");
  process.exit(64);
}
const manifest = slackManifest(commands, { socketMode: values["socket-mode"], ...(values.url ? { baseUrl: values.url } : {}), ...(values.name ? { name: values.name } : {}) });
process.stdout.write(JSON.stringify(manifest, null, 2) + "\n");

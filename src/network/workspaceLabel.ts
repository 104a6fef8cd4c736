import type { Workspace } from "../store.ts";

const PLATFORM_NOUNS: Readonly<Record<string, string>> = { slack: "Slack workspace", discord: "Discord server", console: "console" };

/** "Discord server": what a workspace is called on its platform. */
export const platformNoun = (platform: string): string => PLATFORM_NOUNS[platform] ?? `${platform} workspace`;

/** "Youth Hub (Discord server)": how organisers read a workspace's name. */
export const workspaceLabel = (w: Pick<Workspace, "name" | "platform">): string => `${w.name} (${platformNoun(w.platform)})`;

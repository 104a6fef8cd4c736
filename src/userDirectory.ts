import type { PlatformGroup, PlatformPort, PlatformUser } from "./platformPort.ts";

/** What a command learns about a mentioned user it has never met: the platform's answer, or that it cannot ask. */
export type DirectoryAnswer = PlatformUser | { kind: "unsupported" };
/** The same for a group's members (see PlatformPort.groupMembers). */
export type GroupAnswer = PlatformGroup | { kind: "unsupported" };

/** Asks the platform a mention comes from whether that user exists (see PlatformPort.lookupUser), and who is in a group. */
export type UserDirectory = {
  lookup(platform: string, workspaceId: string, userId: string): Promise<DirectoryAnswer>;
  groupMembers(platform: string, workspaceId: string, groupId: string): Promise<GroupAnswer>;
};

/** The directory of the running adapters. Read when asked, so the composition root may add ports after wiring. */
export function userDirectory(ports: readonly Pick<PlatformPort, "platform" | "lookupUser" | "groupMembers">[]): UserDirectory {
  return {
    async lookup(platform, workspaceId, userId) {
      const port = ports.find((p) => p.platform === platform);
      if (!port?.lookupUser) return { kind: "unsupported" };
      return port.lookupUser(workspaceId, userId);
    },
    async groupMembers(platform, workspaceId, groupId) {
      const port = ports.find((p) => p.platform === platform);
      if (!port?.groupMembers) return { kind: "unsupported" };
      return port.groupMembers(workspaceId, groupId);
    },
  };
}

/** No platform can be asked: people are met only when they act (the console, the simulator). */
export const NO_DIRECTORY: UserDirectory = userDirectory([]);

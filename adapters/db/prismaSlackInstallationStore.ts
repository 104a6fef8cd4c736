// Bolt's installation store in the database: one row per Slack workspace (or Enterprise Grid org, for an org-wide
// install). The installation Bolt hands over (bot token, any refresh or user token) is sealed whole with
// AES-256-GCM, bound to the row's (enterpriseId, teamId): a row whose key columns are changed, or whose sealed
// value is pasted into another team's row, no longer opens, and Slack then sees the app as not installed there.
import type { Installation, InstallationQuery, InstallationStore } from "@slack/bolt";
import { z } from "zod";
import type { Logger } from "../../src/logger.ts";
import type { PrismaClient } from "./generated/prisma/client.ts";
import { UnsealError, type TokenCipher } from "./tokenCipher.ts";

type Key = { enterpriseId: string; teamId: string };

/** The row an installation or a query names: an org-wide install by its enterprise, a workspace by its team. */
export function installationKey(q: { isEnterpriseInstall?: boolean | undefined; enterpriseId?: string | undefined; teamId?: string | undefined }): Key {
  if (q.isEnterpriseInstall) {
    if (!q.enterpriseId) throw new Error("an org-wide installation needs its enterprise id");
    return { enterpriseId: q.enterpriseId, teamId: "" };
  }
  if (!q.teamId) throw new Error("a workspace installation needs its team id");
  return { enterpriseId: q.enterpriseId ?? "", teamId: q.teamId };
}

/** What the seal is bound to. */
const contextOf = (k: Key) => `slack-installation:${k.enterpriseId}:${k.teamId}`;

/** The sealed JSON is ours, but it is read back through a schema all the same: a bug shows here, not in Bolt. */
const installationSchema = z.looseObject({
  team: z.object({ id: z.string(), name: z.string().optional() }).optional(),
  enterprise: z.object({ id: z.string(), name: z.string().optional() }).optional(),
  isEnterpriseInstall: z.boolean().optional(),
  bot: z.looseObject({ token: z.string(), id: z.string(), userId: z.string(), scopes: z.array(z.string()) }).optional(),
});

export class InstallationNotFound extends Error {}

export type SlackInstallationStore = InstallationStore & {
  /** The bot token for outbound calls to a workspace (outbox, App Home, user look-ups); undefined if not installed. */
  botTokenFor(teamId: string): Promise<string | undefined>;
  deleteTeam(teamId: string, enterpriseId?: string): Promise<number>;
};

export function prismaSlackInstallationStore(prisma: PrismaClient, cipher: TokenCipher, log: Logger, now: () => Date): SlackInstallationStore {
  async function open(row: { enterpriseId: string; teamId: string; keyId: string; sealed: string }): Promise<Installation | null> {
    try {
      const parsed = installationSchema.parse(JSON.parse(cipher.open(row.sealed, contextOf(row))));
      return parsed as unknown as Installation;
    } catch (e) {
      // Never the value: only which row and why. A refusal is "not installed" to Bolt.
      const reason = e instanceof UnsealError ? (row.keyId !== cipher.keyId ? "sealed under another CAUCUS_ENCRYPTION_KEY" : e.reason) : "unreadable";
      log.warn({ teamId: row.teamId, enterpriseId: row.enterpriseId, reason }, "Slack installation does not open; the workspace must install the app again");
      return null;
    }
  }

  async function fetchBy(key: Key): Promise<Installation | null> {
    const row = await prisma.slackInstallation.findUnique({ where: { enterpriseId_teamId: key } });
    return row ? open(row) : null;
  }

  return {
    async storeInstallation(installation) {
      const key = installationKey({ isEnterpriseInstall: installation.isEnterpriseInstall, enterpriseId: installation.enterprise?.id, teamId: installation.team?.id });
      const at = now();
      const sealed = cipher.seal(JSON.stringify(installation), contextOf(key));
      const fields = {
        isEnterpriseInstall: installation.isEnterpriseInstall ?? false,
        teamName: installation.team?.name ?? installation.enterprise?.name ?? "",
        appId: installation.appId ?? "",
        keyId: cipher.keyId,
        sealed,
        updatedAt: at,
      };
      await prisma.slackInstallation.upsert({ where: { enterpriseId_teamId: key }, create: { ...key, ...fields, installedAt: at }, update: fields });
      log.info({ teamId: key.teamId, enterpriseId: key.enterpriseId }, "Slack installation stored");
    },

    async fetchInstallation(query: InstallationQuery<boolean>) {
      const found = await fetchBy(installationKey(query));
      // A workspace of an org that installed org-wide has no row of its own.
      const org = !found && query.enterpriseId && !query.isEnterpriseInstall ? await fetchBy({ enterpriseId: query.enterpriseId, teamId: "" }) : null;
      const installation = found ?? org;
      if (!installation) throw new InstallationNotFound(`no Slack installation for ${query.isEnterpriseInstall ? `enterprise ${query.enterpriseId}` : `team ${query.teamId}`}`);
      return installation;
    },

    async deleteInstallation(query: InstallationQuery<boolean>) {
      await prisma.slackInstallation.deleteMany({ where: installationKey(query) });
    },

    async botTokenFor(teamId) {
      const row = await prisma.slackInstallation.findFirst({ where: { teamId }, orderBy: { updatedAt: "desc" } });
      return row ? (await open(row))?.bot?.token : undefined;
    },

    async deleteTeam(teamId, enterpriseId) {
      const r = await prisma.slackInstallation.deleteMany({ where: teamId ? { teamId } : { enterpriseId: enterpriseId ?? "", teamId: "" } });
      log.info({ teamId, enterpriseId, deleted: r.count }, "Slack installation deleted (app uninstalled or tokens revoked)");
      return r.count;
    },
  };
}

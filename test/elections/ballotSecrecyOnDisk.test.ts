// Issue 8 items 1 and 2, attacked the way a database operator would: run a real election on an on-disk PGlite
// data directory, close it, close the database, then read every file (table files and pg_wal) as bytes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHmac } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { openApp, type App } from "../../adapters/compose.ts";
import { compareBallots } from "../../src/elections/closeElection.ts";
import { silentLogger } from "../../src/logger.ts";
import { actor, run, texts } from "../support/testApp.ts";

const T0 = new Date("2026-05-01T08:00:00Z");
const VOTING = new Date("2026-05-02T13:00:00Z");
const CLOSE = new Date("2026-05-04T12:00:00Z");
const PAGE = 8192;

async function filesOf(dir: string): Promise<{ file: string; bytes: Buffer }[]> {
  const out: { file: string; bytes: Buffer }[] = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    out.push({ file: path.relative(dir, file), bytes: await fs.readFile(file) });
  }
  return out;
}

const stringsOf = (json: string): string[] => {
  const out: string[] = [];
  JSON.parse(json, (_k, v: unknown) => (typeof v === "string" && out.push(v), v));
  return out;
};

describe("ballot secrecy on disk (embedded PGlite data directory)", () => {
  let dir: string;
  let files: { file: string; bytes: Buffer }[];
  let members: Map<string, string>;
  let ballotsAfter: { json: string; choices: string[] }[];
  const receipts: string[] = [];
  const duringVoting: string[] = [];

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "caucus-secrecy-"));
    const target = { kind: "pglite", dataDir: path.join(dir, "pglite") } as const;
    const app: App = await openApp(target, silentLogger);
    const olga = actor("olga", { isPlatformAdmin: true });
    for (const n of ["ana", "ben", "cat", "dan"]) await run(app, n, "/timezone UTC", T0);
    await run(app, olga, "/constituency create Youth", T0);
    await run(app, olga, "/constituency add Youth ana ben cat dan", T0);
    await run(app, olga, '/election create Youth "Speaker" seats 1 method irv nominations 2026-05-02 12:00 voting 2026-05-04 12:00 UTC', T0);
    await run(app, olga, "/election open E1", T0);
    await run(app, "ana", "/nominate E1 ana", T0);
    await run(app, "ben", "/nominate E1 ben", T0);
    await app.scheduler.tick(new Date("2026-05-02T12:00:00Z"));
    const vote = async (who: string, line: string) => {
      const t = texts(await run(app, who, line, VOTING));
      expect(t).toMatch(/Ballot (cast|replaced)/);
      const r = /Receipt: ([0-9A-F]{4}(?:-[0-9A-F]{4}){3})/.exec(t);
      if (r) receipts.push(r[1]!);
      return r?.[1] ?? "";
    };
    await vote("ana", "/vote E1 ana");
    // dan changes his mind: the first ballot's contents and row version must not survive either.
    const dans = await vote("dan", "/vote E1 ben");
    await vote("dan", `/vote E1 ana ben receipt ${dans}`);
    await vote("cat", "/vote E1 ben ana");
    // What an operator sees while voting is open: every ballot column value (ids, keys).
    for (const r of await app.db.prisma.$queryRawUnsafe<{ j: string }[]>(`SELECT row_to_json(b)::text AS j FROM "Ballot" b`)) {
      const { electionId: _e, choices: _c, ...own } = JSON.parse(r.j) as Record<string, unknown>;
      for (const v of Object.values(own)) if (typeof v === "string") duringVoting.push(v);
    }
    await app.scheduler.tick(CLOSE);
    expect((await app.db.prisma.election.findFirstOrThrow()).status).toBe("closed");
    members = new Map((await app.db.prisma.member.findMany()).map((m) => [m.id, m.displayName]));
    ballotsAfter = (await app.db.prisma.$queryRawUnsafe<{ j: string; c: string[] }[]>(`SELECT row_to_json(b)::text AS j, choices AS c FROM "Ballot" b ORDER BY ctid`)).map((r) => ({
      json: r.j,
      choices: r.c.map((id) => members.get(id) ?? id),
    }));
    await app.close();
    files = await filesOf(path.join(dir, "pglite"));
  }, 120_000);

  afterAll(async () => {
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  it("holds the three ballots, read back from the closed database", () => {
    expect(ballotsAfter.map((b) => b.choices.join(">")).sort()).toEqual(["ana", "ana>ben", "ben>ana"]);
    expect(files.some((f) => f.file.startsWith("pg_wal/"))).toBe(true);
  });

  it("defeats the attack of issue 8: no 64-hex string found on disk, tried as the HMAC key, turns a member into a ballot's key", () => {
    const keys = new Set<string>();
    for (const f of files) for (const m of f.bytes.toString("latin1").matchAll(/[0-9a-f]{64}/g)) keys.add(m[0]);
    expect(keys.size).toBeGreaterThan(0);
    const voterOf = new Map<string, string>();
    for (const k of keys) for (const [id, name] of members) voterOf.set(createHmac("sha256", k).update(id).digest("hex"), name);
    const links: Record<string, string> = {};
    for (const b of ballotsAfter) for (const s of stringsOf(b.json)) if (voterOf.has(s)) links[voterOf.get(s)!] = b.choices.join(">");
    // On the old design this found { ana: "ana", cat: "ben>ana", dan: "ana>ben" }: every ballot, with its voter.
    expect(links).toEqual({});
  });

  it("keeps no voting-time trace of a ballot after the close: no receipt, no ballot key, no ballot id seen while voting", () => {
    expect(receipts).toHaveLength(4);
    expect(duringVoting.length).toBeGreaterThanOrEqual(3);
    const found: string[] = [];
    for (const f of files) {
      const text = f.bytes.toString("latin1");
      for (const s of [...receipts, ...duringVoting]) if (text.includes(s)) found.push(`${s} in ${f.file}`);
    }
    expect(found).toEqual([]);
  });

  it("puts no voter's member id on the same 8 KB page as a ballot, in any table file or WAL segment", () => {
    // cat and dan are not candidates: their ids have no reason to be near a ballot's bytes.
    const voters = [...members].filter(([, n]) => n === "cat" || n === "dan").map(([id]) => id);
    const ballotIds = ballotsAfter.map((b) => (JSON.parse(b.json) as { id: string }).id);
    const near: string[] = [];
    for (const f of files) {
      for (let at = 0; at < f.bytes.length; at += PAGE) {
        const page = f.bytes.subarray(at, at + PAGE).toString("latin1");
        if (ballotIds.some((b) => page.includes(b)) && voters.some((v) => page.includes(v))) near.push(`${f.file} page ${at / PAGE}`);
      }
    }
    expect(near).toEqual([]);
  });

  it("stores counted ballots in canonical order, not cast order, with no time and no key", () => {
    // Cast order was ana, dan, cat; on disk they lie sorted by their contents.
    const stored = ballotsAfter.map((b) => JSON.parse(b.json) as Record<string, unknown>);
    const choices = stored.map((b) => b.choices as string[]);
    expect(choices).toEqual([...choices].sort(compareBallots));
    for (const b of stored) expect(Object.keys(b).sort()).toEqual(["choices", "electionId", "id", "key"]);
    for (const b of stored) expect(b.key).toBeNull();
  });
});

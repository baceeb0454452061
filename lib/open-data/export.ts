/**
 * The one writer of open-data bundles. Each tier is a filter of the same pass over the tables
 * (tables.ts): public (what a visitor can read), member (one member's own data, GDPR art. 20),
 * full (everything a restarted site needs). The pass runs in one REPEATABLE READ transaction, so
 * the bundle is a consistent snapshot, and reads through a cursor, so memory stays flat however
 * large the site is. Records are written in primary-key order with fixed archive metadata: two
 * exports of the same data differ only in the manifest's `exported_at`.
 */
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm, stat, writeFile as writeFileBytes } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import type { Writable } from "node:stream";
import type pg from "pg";
import tar from "tar-stream";
import { drizzle } from "drizzle-orm/node-postgres";
import type { Tx } from "@/db";
import * as schema from "@/db/schema";
import { VISITOR } from "@/lib/auth/permissions";
import { isAppError } from "@/lib/errors";
import { POLIS_FILES, polisExport } from "@/lib/map/export";
import { readCatalog, storedColumns, type TableInfo } from "./catalog";
import { encryptingStream } from "./crypto";
import { renderFormatDoc } from "./docs";
import { BundleError, FORMAT_NAME, FORMAT_VERSION, MANIFEST_PATH, dataPath, schemaPath, type Manifest, type ManifestFile, type Tier } from "./format";
import { fullRecordSchema, publicRecordSchema, toJsonSchema } from "./record-schema";
import { TABLES, type TableSpec } from "./tables";

export interface ExportOptions {
  tier: Tier;
  /** The member whose data a member-portable bundle holds. */
  memberId?: string;
  /** Full tier only: include password hashes; the bundle is then encrypted with `passphrase`. */
  includeSecrets?: boolean;
  passphrase?: string;
  /** The export's own timestamp (the one value that differs between two exports of the same data). */
  now?: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FETCH = 2000;
const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The tables a tier carries, each with the SQL that reads its records. */
export function exportedTables(tier: Tier): [string, TableSpec][] {
  return Object.entries(TABLES)
    .filter(([, spec]) => !spec.skip && (tier === "full" || (tier === "public" ? spec.public : spec.member)))
    .sort(([a], [b]) => a.localeCompare(b));
}

function selectSql(t: TableInfo, spec: TableSpec, opts: ExportOptions, extraWhere?: string): string {
  const cols = storedColumns(t);
  let pairs: [string, string][];
  let where = "true";
  if (opts.tier === "public") {
    const view = spec.public!;
    pairs = view.columns === "all" ? cols.map((c) => [c.name, `t.${ident(c.name)}`]) : Object.entries(view.columns).map(([n, how]) => [n, how === true ? `t.${ident(n)}` : `(${how})`]);
    if (view.where) where = view.where;
  } else {
    const omit = new Set(opts.tier === "member" ? (spec.member?.omit ?? []) : opts.includeSecrets ? [] : (spec.secrets ?? []));
    pairs = cols.map((c) => [c.name, omit.has(c.name) ? "null" : `t.${ident(c.name)}`]);
    if (opts.tier === "member") where = spec.member!.where.replaceAll("$member", `'${opts.memberId}'::uuid`);
  }
  if (extraWhere) where = `(${where}) and (${extraWhere})`;
  const order = (t.primaryKey.length ? t.primaryKey : cols.map((c) => c.name)).map((c) => `t.${ident(c)}`).join(", ");
  // json_build_object keeps the column order and writes each value as to_json does (timestamps in UTC, bytea as \x hex).
  const obj = `json_build_object(${pairs.map(([n, e]) => `'${n}', ${e}`).join(", ")})::text`;
  return `select ${obj} as j from ${ident(t.name)} t where ${where} order by ${order}`;
}

interface Written {
  file: ManifestFile;
  local: string;
}

async function writeLines(local: string, lines: AsyncIterable<string>): Promise<{ records: number; bytes: number; sha256: string }> {
  const hash = createHash("sha256");
  const out = createWriteStream(local);
  let records = 0;
  let bytes = 0;
  for await (const line of lines) {
    const buf = Buffer.from(`${line}\n`);
    hash.update(buf);
    bytes += buf.length;
    records++;
    if (!out.write(buf)) await new Promise<void>((r) => out.once("drain", () => r()));
  }
  await new Promise<void>((res, rej) => out.end((e?: Error | null) => (e ? rej(e) : res())));
  return { records, bytes, sha256: hash.digest("hex") };
}

async function* cursorRows(client: pg.PoolClient, sql: string, onRow?: (j: string) => void): AsyncIterable<string> {
  await client.query(`declare open_data_cursor no scroll cursor for ${sql}`);
  try {
    for (;;) {
      const { rows } = await client.query<{ j: string }>(`fetch ${FETCH} from open_data_cursor`);
      for (const r of rows) {
        onRow?.(r.j);
        yield r.j;
      }
      if (rows.length < FETCH) break;
    }
  } finally {
    await client.query("close open_data_cursor");
  }
}

async function writeFile(dir: string, p: string, content: string | Buffer, extra: Partial<ManifestFile> = {}): Promise<Written> {
  const local = path.join(dir, `${createHash("sha256").update(p).digest("hex").slice(0, 16)}`);
  const buf = Buffer.isBuffer(content) ? content : Buffer.from(content);
  await writeFileBytes(local, buf);
  return { local, file: { path: p, ...extra, bytes: buf.length, sha256: createHash("sha256").update(buf).digest("hex") } };
}

/** Writes a bundle of the chosen tier to `out` and returns its manifest. */
export async function writeBundle(pool: pg.Pool, opts: ExportOptions, out: Writable): Promise<Manifest> {
  if (opts.tier === "member" && !(opts.memberId && UUID.test(opts.memberId))) throw new BundleError("A member-portable bundle needs the member's id.");
  if (opts.includeSecrets && opts.tier !== "full") throw new BundleError("Only a full bundle can carry secrets.");
  if (opts.includeSecrets && !opts.passphrase) throw new BundleError("A bundle with password hashes must be encrypted: give a passphrase.");
  const dir = await mkdtemp(path.join(os.tmpdir(), "commonplace-export-"));
  const client = await pool.connect();
  try {
    await client.query("begin isolation level repeatable read read only");
    await client.query("set local timezone to 'UTC'");
    const tables = exportedTables(opts.tier);
    const catalog = await readCatalog(client, exportedTables("full").map(([n]) => n));
    const written: Written[] = [];
    // The public tier names only people that public records name; collect them on the way.
    const named = new Set<string>();
    const ordered = opts.tier === "public" ? [...tables.filter(([n]) => n !== "users"), ...tables.filter(([n]) => n === "users")] : tables;
    for (const [name, spec] of ordered) {
      const t = catalog.get(name)!;
      let extraWhere: string | undefined;
      let onRow: ((j: string) => void) | undefined;
      if (opts.tier === "public") {
        if (name === "users") {
          extraWhere = `t.id = any('{${[...named].filter((id) => UUID.test(id)).join(",")}}'::uuid[])`;
        } else {
          const userCols = t.foreignKeys.filter((fk) => fk.references === "users").flatMap((fk) => fk.columns);
          if (userCols.length) {
            onRow = (j) => {
              const rec = JSON.parse(j) as Record<string, unknown>;
              for (const c of userCols) if (typeof rec[c] === "string") named.add(rec[c] as string);
            };
          }
        }
      }
      const sql = selectSql(t, spec, opts, extraWhere);
      const p = dataPath(spec.group, name);
      const local = path.join(dir, `${name}.ndjson`);
      const r = await writeLines(local, cursorRows(client, sql, onRow));
      written.push({ local, file: { path: p, table: name, group: spec.group, schema: schemaPath(name), records: r.records, bytes: r.bytes, sha256: r.sha256 } });
      const recordSchema = opts.tier === "public" ? publicRecordSchema(t, spec.public!) : fullRecordSchema(t, opts.tier === "member" ? (spec.member?.omit ?? []) : (spec.secrets ?? []));
      written.push(await writeFile(dir, schemaPath(name), `${JSON.stringify(toJsonSchema(name, recordSchema, spec.about), null, 2)}\n`));
    }
    const { rows: mig } = await client.query<{ created_at: string }>(
      "select created_at::text from drizzle.__drizzle_migrations order by created_at desc limit 1",
    ).catch(() => ({ rows: [] as { created_at: string }[] }));
    // The agreement map's votes ride along in Pol.is's formats, as a visitor may download them, from the same snapshot.
    if (opts.tier !== "member") {
      const tx = drizzle(client, { schema }) as unknown as Tx;
      const { rows: themeRows } = await client.query<{ slug: string }>("select slug from themes where archived_at is null order by slug");
      for (const { slug } of themeRows) {
        for (const file of POLIS_FILES) {
          const csv = await polisExport(tx, VISITOR, slug, file).catch((e: unknown) => {
            if (isAppError(e)) return null;
            throw e;
          });
          if (csv !== null) written.push(await writeFile(dir, `map/${slug}/${file}.csv`, csv));
        }
      }
    }
    await client.query("commit");
    written.push(await writeFile(dir, "README.md", renderFormatDoc(catalog)));
    written.sort((a, b) => a.file.path.localeCompare(b.file.path));
    const manifest: Manifest = {
      format: FORMAT_NAME,
      format_version: FORMAT_VERSION,
      tier: opts.tier,
      exported_at: (opts.now ?? new Date()).toISOString(),
      schema_migration: mig[0]?.created_at ?? null,
      includes_secrets: !!opts.includeSecrets,
      member_id: opts.tier === "member" ? opts.memberId! : null,
      files: written.map((w) => w.file),
    };
    await packArchive(manifest, written, out, opts.includeSecrets ? opts.passphrase : undefined);
    return manifest;
  } catch (e) {
    await client.query("rollback").catch(() => {});
    throw e;
  } finally {
    client.release();
    await rm(dir, { recursive: true, force: true });
  }
}

const ENTRY = { mtime: new Date(0), mode: 0o644, uid: 0, gid: 0, uname: "", gname: "" };

async function packArchive(manifest: Manifest, files: Written[], out: Writable, passphrase?: string): Promise<void> {
  const pack = tar.pack();
  const sink = passphrase ? pipeline(pack, await encryptingStream(passphrase), out) : pipeline(pack, out);
  const manifestText = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
  await new Promise<void>((res, rej) => pack.entry({ ...ENTRY, name: MANIFEST_PATH, size: manifestText.length }, manifestText, (e) => (e ? rej(e) : res())));
  for (const f of files) {
    const size = (await stat(f.local)).size;
    const entry = pack.entry({ ...ENTRY, name: f.file.path, size });
    await pipeline(createReadStream(f.local), entry);
  }
  pack.finalize();
  await sink;
}

/**
 * Restores a full bundle into an empty database. Nothing is written until everything has been
 * checked: the archive is read to a private temporary folder (names checked, sizes bounded), the
 * manifest's format and version, every file's size and SHA-256, every record against its schema
 * and the emptiness of the database. Then every table is written in one transaction, in an order
 * that puts referenced rows first; a failure anywhere rolls all of it back.
 */
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, open, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import tar from "tar-stream";
import { z } from "zod";
import { insertionOrder, readCatalog, storedColumns, type TableInfo } from "./catalog";
import { ENCRYPTED_MAGIC, decryptingStream } from "./crypto";
import { BundleError, FORMAT_NAME, FORMAT_VERSION, MANIFEST_PATH, manifestSchema, type Manifest } from "./format";
import { migrateRecord } from "./migrate-format";
import { fullRecordSchema } from "./record-schema";
import { TABLES } from "./tables";

const MAX_ENTRIES = 5000;
const SAFE_NAME = /^(?!.*\.\.)[A-Za-z0-9_][A-Za-z0-9_\-./]{0,200}$/;
const BATCH = 1000;
/** A password hash no password matches: members of a bundle without secrets reset their password. */
const LOCKED_PASSWORD = "!";
const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

export interface ImportOptions {
  passphrase?: string;
  /**
   * The admin pages' restore: a fresh site whose only rows are its admins' accounts (and their
   * sessions, grants and log entries) takes the bundle; those rows are replaced by the bundle's.
   */
  replaceOperators?: boolean;
}

/** The rows a fresh site may hold before a restore from its admin pages: its operators' own. */
const OPERATOR_TABLES = ["users", "role_grants", "sessions", "audit_log", "notification_preferences", "rate_limits"];

async function clearFreshSite(client: Pick<pg.ClientBase, "query">, all: string[]): Promise<void> {
  await assertEmpty(client, all.filter((t) => !OPERATOR_TABLES.includes(t)));
  const { rows } = await client.query<{ n: string }>(
    "select count(*)::text as n from users u where not exists (select 1 from role_grants g where g.user_id = u.id and g.role = 'admin' and g.revoked_at is null)",
  );
  if (rows[0]!.n !== "0") throw new BundleError(`The site already has ${rows[0]!.n} members besides its admins: restore only into a fresh site, or into a new database with npm run import.`);
  for (const t of ["sessions", "rate_limits", "notification_preferences", "role_grants", "audit_log", "users"]) if (all.includes(t)) await client.query(`delete from ${ident(t)}`);
}
export interface ImportReport {
  manifest: Manifest;
  tables: { table: string; records: number }[];
  seconds: number;
}

interface Extracted {
  dir: string;
  files: Map<string, { local: string; bytes: number; sha256: string }>;
}

async function isEncrypted(file: string): Promise<boolean> {
  const fh = await open(file, "r");
  try {
    const buf = Buffer.alloc(ENCRYPTED_MAGIC.length);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    return bytesRead === buf.length && buf.equals(ENCRYPTED_MAGIC);
  } finally {
    await fh.close();
  }
}

async function extract(file: string, dir: string, opts: ImportOptions): Promise<Extracted> {
  let source = file;
  if (await isEncrypted(file)) {
    if (!opts.passphrase) throw new BundleError("This bundle is encrypted (it carries password hashes): give its passphrase.");
    source = path.join(dir, "decrypted.tar");
    const { stream, verified } = decryptingStream(opts.passphrase);
    await pipeline(createReadStream(file, { start: ENCRYPTED_MAGIC.length }), stream, createWriteStream(source)).catch(async (e) => {
      await verified.catch(() => {});
      throw e instanceof BundleError ? e : new BundleError("The passphrase is wrong, or the encrypted bundle was changed or damaged.");
    });
    await verified;
  }
  const files: Extracted["files"] = new Map();
  const ex = tar.extract();
  let n = 0;
  ex.on("entry", (header, stream, next) => {
    const fail = (msg: string) => {
      stream.on("error", () => {});
      stream.resume();
      ex.destroy(new BundleError(msg));
    };
    if (header.type === "directory") {
      stream.resume();
      return next();
    }
    if (header.type !== "file") return fail(`The archive holds "${header.name}", which is not a plain file.`);
    if (!SAFE_NAME.test(header.name)) return fail(`The archive holds a file with an unsafe name: ${JSON.stringify(header.name).slice(0, 80)}.`);
    if (files.has(header.name)) return fail(`The archive holds ${header.name} twice.`);
    if (++n > MAX_ENTRIES) return fail("The archive holds too many files.");
    const local = path.join(dir, `f${n}`);
    const hash = createHash("sha256");
    let bytes = 0;
    stream.on("data", (c: unknown) => {
      const chunk = c as Buffer;
      hash.update(chunk);
      bytes += chunk.length;
    });
    pipeline(stream, createWriteStream(local))
      .then(() => {
        files.set(header.name, { local, bytes, sha256: hash.digest("hex") });
        next();
      })
      .catch((e) => ex.destroy(e));
  });
  try {
    await pipeline(createReadStream(source), ex);
  } catch (e) {
    if (e instanceof BundleError) throw e;
    throw new BundleError(`The archive is truncated or damaged (${(e as Error).message}); nothing was imported.`);
  }
  return { dir, files };
}

async function readManifest(x: Extracted): Promise<Manifest> {
  const f = x.files.get(MANIFEST_PATH);
  if (!f) throw new BundleError("This is not a Commonplace bundle: it has no manifest.json.");
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(f.local, "utf8"));
  } catch {
    throw new BundleError("manifest.json is not valid JSON: the bundle is damaged.");
  }
  const head = z.object({ format: z.string(), format_version: z.number() }).safeParse(raw);
  if (!head.success || head.data.format !== FORMAT_NAME) throw new BundleError("This is not a Commonplace bundle (manifest.json names another format).");
  if (head.data.format_version > FORMAT_VERSION) {
    throw new BundleError(`This bundle was written in format version ${head.data.format_version}, newer than this site reads (up to ${FORMAT_VERSION}). Upgrade Commonplace, then import it.`);
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) throw new BundleError(`manifest.json does not match the format: ${parsed.error.issues[0]?.path.join(".")} ${parsed.error.issues[0]?.message}.`);
  return parsed.data;
}

function checkFiles(x: Extracted, m: Manifest): void {
  const listed = new Set(m.files.map((f) => f.path));
  for (const f of m.files) {
    const got = x.files.get(f.path);
    if (!got) throw new BundleError(`${f.path} is listed in the manifest but missing from the archive (truncated?).`);
    if (got.bytes !== f.bytes || got.sha256 !== f.sha256) throw new BundleError(`${f.path} does not match its checksum in the manifest: the file was changed or damaged.`);
  }
  for (const name of x.files.keys()) if (name !== MANIFEST_PATH && !listed.has(name)) throw new BundleError(`${name} is in the archive but not in the manifest.`);
}

async function* lines(local: string): AsyncIterable<string> {
  const rl = createInterface({ input: createReadStream(local, "utf8"), crlfDelay: Infinity });
  for await (const line of rl) if (line !== "") yield line;
}

interface Plan {
  table: string;
  local: string;
  records: number;
  columns: string[];
}

async function planTables(client: pg.PoolClient, x: Extracted, m: Manifest, catalog: Map<string, TableInfo>): Promise<Plan[]> {
  const { rows: mig } = await client.query<{ created_at: string }>("select created_at::text from drizzle.__drizzle_migrations order by created_at desc limit 1").catch(() => ({ rows: [] as { created_at: string }[] }));
  const ours = mig[0]?.created_at ?? null;
  // A bundle exported before this database's newest migration may lack newer tables and columns; those start empty or at their defaults.
  const older = m.schema_migration !== null && ours !== null && BigInt(m.schema_migration) < BigInt(ours);
  if (m.schema_migration !== null && ours !== null && BigInt(m.schema_migration) > BigInt(ours)) {
    throw new BundleError("This bundle comes from a newer database schema than this site's: upgrade Commonplace, then import it.");
  }
  const byTable = new Map(m.files.filter((f) => f.table).map((f) => [f.table!, f]));
  for (const t of byTable.keys()) if (!catalog.has(t)) throw new BundleError(`The bundle holds a table this site does not know: ${t}.`);
  const plans: Plan[] = [];
  for (const [table, t] of catalog) {
    const f = byTable.get(table);
    if (!f) {
      if (older) continue;
      throw new BundleError(`The bundle lacks ${table}: it is incomplete.`);
    }
    const spec = TABLES[table]!;
    const full = fullRecordSchema(t, m.includes_secrets ? [] : (spec.secrets ?? []));
    const schema = older ? full.partial() : full;
    let count = 0;
    let columns: string[] | null = null;
    for await (const line of lines(x.files.get(f.path)!.local)) {
      count++;
      let rec: unknown;
      try {
        rec = migrateRecord(table, JSON.parse(line), m.format_version);
      } catch {
        throw new BundleError(`${f.path}, record ${count}: not valid JSON.`);
      }
      const r = schema.safeParse(rec);
      if (!r.success) {
        const issue = r.error.issues[0]!;
        throw new BundleError(`${f.path}, record ${count}: ${issue.path.join(".") || "record"} ${issue.message}.`);
      }
      const keys = Object.keys(rec as object);
      columns ??= keys;
      if (keys.length !== columns.length || keys.some((k, i) => k !== columns![i])) throw new BundleError(`${f.path}, record ${count}: its fields differ from the file's first record.`);
    }
    if (count !== f.records) throw new BundleError(`${f.path} holds ${count} records where the manifest says ${f.records}.`);
    plans.push({ table, local: x.files.get(f.path)!.local, records: count, columns: columns ?? storedColumns(t).map((c) => c.name) });
  }
  return plans;
}

/** Refuses a database that holds anything, saying what it holds. */
export async function assertEmpty(client: Pick<pg.ClientBase, "query">, tables: Iterable<string>): Promise<void> {
  const nonEmpty: string[] = [];
  for (const t of tables) {
    const { rows } = await client.query<{ n: string }>(`select count(*)::text as n from ${ident(t)}`);
    if (rows[0]!.n !== "0") nonEmpty.push(`${rows[0]!.n} ${t.replace(/_/g, " ")}`);
  }
  if (nonEmpty.length) throw new BundleError(`The database is not empty (it holds ${nonEmpty.slice(0, 6).join(", ")}${nonEmpty.length > 6 ? ", …" : ""}). Import only into a new, empty database.`);
}

/** Checks the bundle completely, then writes it in one transaction. */
export async function importBundle(pool: pg.Pool, file: string, opts: ImportOptions = {}): Promise<ImportReport> {
  const started = performance.now();
  const dir = await mkdtemp(path.join(os.tmpdir(), "commonplace-import-"));
  const client = await pool.connect();
  try {
    const x = await extract(file, dir, opts);
    const manifest = await readManifest(x);
    checkFiles(x, manifest);
    if (manifest.tier !== "full") throw new BundleError(`This is a ${manifest.tier} bundle: only a full bundle can restore a site.`);
    const names = Object.entries(TABLES).filter(([, s]) => !s.skip).map(([n]) => n);
    const catalog = await readCatalog(client, names);
    const plans = await planTables(client, x, manifest, catalog);

    await client.query("begin");
    await client.query("set local timezone to 'UTC'");
    // Two imports at once must not both find the database empty.
    await client.query("select pg_advisory_xact_lock(hashtext('commonplace.open-data.import'))");
    const every = [...names, ...Object.entries(TABLES).filter(([, s]) => s.skip).map(([n]) => n)];
    if (opts.replaceOperators) await clearFreshSite(client, every);
    else await assertEmpty(client, every);
    const { order, deferred } = insertionOrder(catalog);
    const byTable = new Map(plans.map((p) => [p.table, p]));
    const { rows: trig } = await client.query<{ table: string }>(
      "select distinct c.relname as table from pg_trigger g join pg_class c on c.oid = g.tgrelid join pg_namespace n on n.oid = c.relnamespace where not g.tgisinternal and n.nspname = current_schema() and c.relname = any($1)",
      [names],
    );
    // A restore carries rows exactly as they were: triggers that compute or check on insert would change them.
    for (const { table } of trig) await client.query(`alter table ${ident(table)} disable trigger user`);
    for (const table of order) {
      const plan = byTable.get(table);
      if (!plan) continue;
      const t = catalog.get(table)!;
      const later = new Set(deferred.get(table) ?? []);
      const secrets = new Set(manifest.includes_secrets ? [] : (TABLES[table]!.secrets ?? []));
      const overriding = t.columns.some((c) => c.identity === "always") ? " overriding system value" : "";
      const cols = plan.columns.map(ident).join(", ");
      const exprs = plan.columns.map((c) => (later.has(c) ? "null" : secrets.has(c) ? `coalesce(x.${ident(c)}, '${LOCKED_PASSWORD}')` : `x.${ident(c)}`)).join(", ");
      const sql = `insert into ${ident(table)} (${cols})${overriding} select ${exprs} from json_populate_recordset(null::${ident(table)}, $1::json) x`;
      for await (const batch of batches(plan.local)) await client.query(sql, [batch]);
      if (later.size) {
        const pk = t.primaryKey;
        const set = [...later].map((c) => `${ident(c)} = x.${ident(c)}`).join(", ");
        const on = pk.map((c) => `t.${ident(c)} = x.${ident(c)}`).join(" and ");
        const upd = `update ${ident(table)} t set ${set} from json_populate_recordset(null::${ident(table)}, $1::json) x where ${on}`;
        for await (const batch of batches(plan.local)) await client.query(upd, [batch]);
      }
    }
    for (const { table } of trig) await client.query(`alter table ${ident(table)} enable trigger user`);
    // Serial and identity counters continue after the highest restored value.
    await client.query(`
      select setval(s.seq, coalesce(s.maxval, 0) + 1, false) from (
        select pg_get_serial_sequence(format('%I', c.relname), a.attname) as seq, c.relname, a.attname,
               (xpath('/row/m/text()', query_to_xml(format('select max(%I) as m from %I', a.attname, c.relname), false, true, '')))[1]::text::bigint as maxval
          from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = current_schema() and c.relname = any($1) and a.attnum > 0 and not a.attisdropped
           and pg_get_serial_sequence(format('%I', c.relname), a.attname) is not null
      ) s`, [names]);
    await client.query("commit");
    return { manifest, tables: plans.map((p) => ({ table: p.table, records: p.records })), seconds: (performance.now() - started) / 1000 };
  } catch (e) {
    await client.query("rollback").catch(() => {});
    throw e;
  } finally {
    client.release();
    await rm(dir, { recursive: true, force: true });
  }
}

async function* batches(local: string): AsyncIterable<string> {
  let batch: string[] = [];
  for await (const line of lines(local)) {
    batch.push(line);
    if (batch.length === BATCH) {
      yield `[${batch.join(",")}]`;
      batch = [];
    }
  }
  if (batch.length) yield `[${batch.join(",")}]`;
}

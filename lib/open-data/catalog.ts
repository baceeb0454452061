/**
 * What PostgreSQL itself says about the tables a bundle carries: columns and their types, which
 * columns are generated (never exported: the database recomputes them), primary keys (the order
 * records are written in, so two exports of the same data are byte-identical) and foreign keys
 * (the order an import inserts in).
 */
import type pg from "pg";

export interface ColumnInfo {
  name: string;
  /** format_type(), e.g. "uuid", "timestamp with time zone", "text[]" */
  type: string;
  /** pg_type.typname of the column, or of its element for arrays */
  baseType: string;
  isArray: boolean;
  enumLabels: string[] | null;
  notNull: boolean;
  generated: boolean;
  identity: "always" | "by default" | null;
}
export interface ForeignKey {
  columns: string[];
  references: string;
  referencedColumns: string[];
}
export interface TableInfo {
  name: string;
  columns: ColumnInfo[];
  primaryKey: string[];
  foreignKeys: ForeignKey[];
}

type Query = Pick<pg.ClientBase, "query">;

export async function readCatalog(client: Query, tables: readonly string[]): Promise<Map<string, TableInfo>> {
  const { rows: cols } = await client.query<{
    table: string;
    column: string;
    type: string;
    typname: string;
    elemname: string | null;
    enum_labels: string[] | null;
    notnull: boolean;
    generated: string;
    identity: string;
  }>(
    `select c.relname as table, a.attname as column, format_type(a.atttypid, a.atttypmod) as type,
            t.typname, et.typname as elemname,
            (select array_agg(e.enumlabel::text order by e.enumsortorder) from pg_enum e where e.enumtypid = coalesce(et.oid, t.oid)) as enum_labels,
            a.attnotnull as notnull, a.attgenerated as generated, a.attidentity as identity
       from pg_attribute a
       join pg_class c on c.oid = a.attrelid
       join pg_namespace n on n.oid = c.relnamespace
       join pg_type t on t.oid = a.atttypid
       left join pg_type et on et.oid = t.typelem and t.typcategory = 'A'
      where n.nspname = current_schema() and c.relname = any($1) and a.attnum > 0 and not a.attisdropped
      order by c.relname, a.attnum`,
    [tables],
  );
  const { rows: cons } = await client.query<{ table: string; contype: string; columns: string[]; references: string | null; refcolumns: string[] | null }>(
    `select c.relname as table, k.contype,
            array(select a.attname::text from unnest(k.conkey) with ordinality u(n, i) join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.n order by u.i) as columns,
            rc.relname as references,
            array(select a.attname::text from unnest(k.confkey) with ordinality u(n, i) join pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.n order by u.i) as refcolumns
       from pg_constraint k
       join pg_class c on c.oid = k.conrelid
       join pg_namespace n on n.oid = c.relnamespace
       left join pg_class rc on rc.oid = k.confrelid
      where n.nspname = current_schema() and c.relname = any($1) and k.contype in ('p', 'f')
      order by c.relname, k.conname`,
    [tables],
  );
  const out = new Map<string, TableInfo>();
  for (const name of tables) out.set(name, { name, columns: [], primaryKey: [], foreignKeys: [] });
  for (const c of cols) {
    out.get(c.table)!.columns.push({
      name: c.column,
      type: c.type,
      baseType: c.elemname ?? c.typname,
      isArray: c.elemname !== null,
      enumLabels: c.enum_labels,
      notNull: c.notnull,
      generated: c.generated !== "",
      identity: c.identity === "a" ? "always" : c.identity === "d" ? "by default" : null,
    });
  }
  for (const k of cons) {
    const t = out.get(k.table)!;
    if (k.contype === "p") t.primaryKey = k.columns;
    else t.foreignKeys.push({ columns: k.columns, references: k.references!, referencedColumns: k.refcolumns ?? [] });
  }
  for (const [name, t] of out) if (t.columns.length === 0) throw new Error(`Table ${name} is not in the database: run the migrations first.`);
  return out;
}

/** Columns a bundle carries: everything but generated columns, which the database recomputes. */
export const storedColumns = (t: TableInfo) => t.columns.filter((c) => !c.generated);

/**
 * Tables in an order that inserts every referenced row before the rows that reference it.
 * References that would need a cycle (a comment's parent, a revision restored from another) are
 * returned separately: those columns are inserted empty and filled in once every row exists.
 */
export function insertionOrder(tables: Map<string, TableInfo>): { order: string[]; deferred: Map<string, string[]> } {
  const order: string[] = [];
  const deferred = new Map<string, string[]>();
  const state = new Map<string, "visiting" | "done">();
  const visit = (name: string) => {
    if (state.get(name) === "done") return;
    state.set(name, "visiting");
    const t = tables.get(name)!;
    for (const fk of t.foreignKeys) {
      if (!tables.has(fk.references)) continue;
      if (fk.references === name || state.get(fk.references) === "visiting") {
        const nullable = fk.columns.every((c) => !t.columns.find((x) => x.name === c)?.notNull);
        if (!nullable) throw new Error(`A required reference cycle through ${name}.${fk.columns.join(",")} cannot be restored.`);
        deferred.set(name, [...(deferred.get(name) ?? []), ...fk.columns]);
        continue;
      }
      visit(fk.references);
    }
    state.set(name, "done");
    order.push(name);
  };
  for (const name of [...tables.keys()].sort()) visit(name);
  return { order, deferred };
}

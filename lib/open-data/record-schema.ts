/**
 * The record type of each file: a zod schema made from the database's own column types, used to
 * check every record of a bundle before anything is written, and published as JSON Schema in the
 * bundle (schemas/<table>.schema.json) and in docs/open-data.md.
 */
import { z } from "zod";
import { storedColumns, type ColumnInfo, type TableInfo } from "./catalog";
import type { PublicView } from "./tables";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}(:\d{2})?|Z)$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const BYTEA = /^\\x([0-9a-f]{2})*$/;

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };
const json: z.ZodType<Json> = z.lazy(() => z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(json), z.record(z.string(), json)]));

/** How PostgreSQL's to_json writes each type, as a schema. */
function scalar(c: ColumnInfo): z.ZodType {
  if (c.enumLabels) return z.enum(c.enumLabels as [string, ...string[]]);
  switch (c.baseType) {
    case "uuid":
      return z.string().regex(UUID, "a uuid");
    case "text":
    case "varchar":
    case "bpchar":
    case "citext":
      return z.string();
    case "int2":
    case "int4":
    case "int8":
      return z.number().int();
    case "numeric":
    case "float4":
    case "float8":
      return z.number();
    case "bool":
      return z.boolean();
    case "timestamptz":
    case "timestamp":
      return z.string().regex(TIMESTAMP, "an ISO 8601 time");
    case "date":
      return z.string().regex(DATE, "a date YYYY-MM-DD");
    case "bytea":
      return z.string().regex(BYTEA, "bytes as \\x hex");
    case "json":
    case "jsonb":
      return json;
    default:
      return json;
  }
}

export function columnSchema(c: ColumnInfo, opts: { nullable?: boolean } = {}): z.ZodType {
  const base = c.isArray ? z.array(scalar(c).nullable()) : scalar(c);
  const described = base.describe(c.type);
  return c.notNull && !opts.nullable ? described : described.nullable();
}

/** The record of a full or member bundle: every stored column. Secret columns may be null (left out). */
export function fullRecordSchema(t: TableInfo, secrets: readonly string[] = []): z.ZodObject {
  return z.object(Object.fromEntries(storedColumns(t).map((c) => [c.name, columnSchema(c, { nullable: secrets.includes(c.name) })]))).strict();
}

/** The record of a public bundle: the columns the public view names; replaced columns may be null. */
export function publicRecordSchema(t: TableInfo, view: PublicView): z.ZodObject {
  if (view.columns === "all") return fullRecordSchema(t);
  const shape: Record<string, z.ZodType> = {};
  for (const [name, how] of Object.entries(view.columns)) {
    const c = t.columns.find((x) => x.name === name);
    if (!c) throw new Error(`open-data: ${t.name}.${name} is not a column`);
    shape[name] = columnSchema(c, { nullable: how !== true });
  }
  return z.object(shape).strict();
}

export function toJsonSchema(table: string, schema: z.ZodObject, about: string): unknown {
  return { ...(z.toJSONSchema(schema) as object), title: table, description: about };
}

/**
 * The open-data bundle: one versioned format for the three tiers (public, member, full). A bundle
 * is a tar archive of newline-delimited JSON, one file per table, grouped by capability, plus a
 * JSON Schema per record type and a manifest with counts and a SHA-256 per file. The format is
 * documented in docs/open-data.md (generated from the same definitions: scripts/open-data-docs.ts).
 */
import { z } from "zod";

export const FORMAT_NAME = "commonplace-open-data";
/**
 * Bump when the layout or a record type changes incompatibly, and add a step to
 * FORMAT_MIGRATIONS in migrate-format.ts that turns the previous version into this one.
 */
export const FORMAT_VERSION = 1;

export const TIERS = ["public", "member", "full"] as const;
export type Tier = (typeof TIERS)[number];

export const manifestFileSchema = z
  .object({
    path: z.string().min(1),
    /** The table the records come from (absent for files that are not table data, such as README.md). */
    table: z.string().optional(),
    group: z.string().optional(),
    /** JSON Schema file describing each record of this file. */
    schema: z.string().optional(),
    records: z.number().int().nonnegative().optional(),
    bytes: z.number().int().nonnegative(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();
export type ManifestFile = z.infer<typeof manifestFileSchema>;

export const manifestSchema = z
  .object({
    format: z.literal(FORMAT_NAME),
    format_version: z.number().int().positive(),
    tier: z.enum(TIERS),
    /** The only value that differs between two exports of the same data. */
    exported_at: z.string(),
    /** The newest database migration the data was exported at (informative). */
    schema_migration: z.string().nullable(),
    /** Whether password hashes are included (full tier only, then the bundle is encrypted). */
    includes_secrets: z.boolean(),
    /** For a member-portable bundle: whose data it is. */
    member_id: z.string().uuid().nullable(),
    files: z.array(manifestFileSchema),
  })
  .strict();
export type Manifest = z.infer<typeof manifestSchema>;

export const MANIFEST_PATH = "manifest.json";
export const dataPath = (group: string, table: string) => `data/${group}/${table}.ndjson`;
export const schemaPath = (table: string) => `schemas/${table}.schema.json`;

/** A clear, typed refusal: the import wrote nothing. */
export class BundleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BundleError";
  }
}

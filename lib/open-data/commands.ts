/**
 * What the site does with bundles on someone's behalf: who may download which tier, the public
 * log entry every full download leaves (who, when, with or without secrets), and the restore
 * from the admin pages of a fresh site.
 */
import type { Writable } from "node:stream";
import type { Db } from "@/db";
import { getPool } from "@/db";
import { assertCan } from "@/lib/auth/actor";
import type { Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { writeBundle, type ExportOptions } from "./export";
import type { Manifest } from "./format";
import { importBundle, type ImportOptions, type ImportReport } from "./import";
import { publicBundleContent } from "./snapshots";

/** The latest public bundle, for anyone. */
export async function getPublicBundle(db: Db, actor: Actor) {
  assertCan(actor, "openData.exportPublic", null);
  return publicBundleContent(db);
}

/** A full bundle for an admin (or the command line), recorded in the public log once written. */
export async function exportFullBundle(db: Db, actor: Actor | "command-line", opts: Omit<ExportOptions, "tier">, out: Writable): Promise<Manifest> {
  if (actor !== "command-line") assertCan(actor, "openData.exportFull", null);
  const manifest = await writeBundle(getPool(), { ...opts, tier: "full" }, out);
  // Recorded after the snapshot was taken, so a bundle never contains its own download.
  await recordAudit(db, {
    actorId: actor === "command-line" ? null : actor.id,
    action: "open_data.export_full",
    targetType: "open_data",
    reason: null,
    details: { via: actor === "command-line" ? "command line" : "admin page", includesSecrets: manifest.includes_secrets, exportedAt: manifest.exported_at },
  });
  return manifest;
}

/** A member's own data (GDPR art. 20). */
export async function exportMemberBundle(actor: Actor, userId: string, out: Writable): Promise<Manifest> {
  assertCan(actor, "openData.exportOwn", { userId });
  return writeBundle(getPool(), { tier: "member", memberId: userId }, out);
}

/**
 * Restores a full bundle from the admin pages. Only a fresh site takes it: one whose only rows
 * are its operators' own accounts; those are replaced by the bundle's people.
 */
export async function importSiteBundle(actor: Actor, file: string, opts: ImportOptions = {}): Promise<ImportReport> {
  assertCan(actor, "openData.import", null);
  return importBundle(getPool(), file, { ...opts, replaceOperators: true });
}

/**
 * One named revision as a page shows it: its sanitised render with fact chips, and a word diff
 * from the revision to the document as it is now (readers' render, refreshed by the sidecar).
 */
import type { Tx } from "@/db";
import type { Actor } from "@/lib/auth/permissions";
import type { ReaderView } from "@/lib/collab/documents";
import { getRevision } from "@/lib/collab/revisions";
import { renderFactChipsInHtml } from "@/lib/facts/cite";
import { diffStats, diffVersions, type DiffBlock } from "@/lib/papers/diff";

export interface RevisionView {
  id: string;
  name: string;
  createdAt: Date;
  createdByName: string | null;
  html: string;
  diff: DiffBlock[];
  stats: { added: number; removed: number };
}

export async function getRevisionView(db: Tx, actor: Actor, doc: string, revisionId: string, now: ReaderView): Promise<RevisionView> {
  const revision = await getRevision(db, actor, doc, revisionId);
  const diff = diffVersions(revision.text, now.text);
  return {
    id: revision.id,
    name: revision.name,
    createdAt: revision.createdAt,
    createdByName: revision.createdByName,
    html: await renderFactChipsInHtml(db, revision.html),
    diff,
    stats: diffStats(diff),
  };
}

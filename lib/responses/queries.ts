/**
 * The co-editing page of a paper's Response: what the page needs to show the editor (to those who
 * may write or read live) or the server render (to visitors), with its named revisions.
 */
import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { papers } from "@/db/schema";
import type { Actor } from "@/lib/auth/permissions";
import { openResponse, type CoEditedDocument } from "@/lib/collab/documents";
import { listRevisions, type RevisionSummary } from "@/lib/collab/revisions";
import { renderFactChipsInHtml } from "@/lib/facts/cite";
import { loadPaperResource } from "@/lib/papers/resource";

export interface ResponsePage {
  paper: { id: string; title: string };
  document: CoEditedDocument;
  /** The readers' render with fact chips drawn (so a disputed fact is flagged now). */
  html: string;
  /** Why the viewer may read but not change it; null when they may edit. */
  readOnlyReason: string | null;
  revisions: RevisionSummary[];
}

/** Why a member who can read the Response cannot change it, in words they can act on. */
export function responseReadOnlyReason(actor: Actor, paper: { publishedVersion: number; hiddenAt: Date | null; theme: { archivedAt: Date | null } }): string {
  if (actor.id === null) return "sign in as a verified member to edit.";
  if (actor.standing === "suspended") return "your account is suspended.";
  if (actor.standing === "registered") return "verify your membership to edit.";
  if (paper.hiddenAt) return "the paper was hidden by a moderator.";
  if (paper.theme.archivedAt) return "the theme is archived.";
  return "the paper is not published.";
}

export async function getResponsePage(db: Db, actor: Actor, paperId: string): Promise<ResponsePage> {
  const document = await openResponse(db, actor, paperId);
  const paper = await loadPaperResource(db, paperId);
  const [row] = await db.select({ title: papers.title }).from(papers).where(eq(papers.id, paperId));
  const [html, revisions] = await Promise.all([renderFactChipsInHtml(db, document.html), listRevisions(db, actor, document.doc)]);
  return {
    paper: { id: paperId, title: row!.title },
    document,
    html,
    readOnlyReason: document.mode === "write" ? null : responseReadOnlyReason(actor, paper),
    revisions,
  };
}

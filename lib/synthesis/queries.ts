/**
 * A theme's synthesis page: the co-edited document, the Responses it draws on (those of the
 * theme's published papers) with a flag on each that changed since the synthesis was last
 * edited, its revisions and the members' suggestions.
 */
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { papers, responses, syntheses, themes } from "@/db/schema";
import { paperIsPublicSql } from "@/lib/auth/visibility";
import { can, type Actor } from "@/lib/auth/permissions";
import { openSynthesis, type CoEditedDocument } from "@/lib/collab/documents";
import { listRevisions, type RevisionSummary } from "@/lib/collab/revisions";
import { renderFactChipsInHtml } from "@/lib/facts/cite";
import { getThemeBySlug, type ThemeDetail } from "@/lib/themes/queries";
import { listSuggestions, type SuggestionView } from "./suggestions";

export interface SynthesisSource {
  paperId: string;
  title: string;
  /** When the Response's text last changed; null if nobody has written it yet. */
  responseUpdatedAt: Date | null;
  /** The Response changed after the synthesis was last edited (or the synthesis is still unwritten). */
  changedSince: boolean;
}

export interface SynthesisPage {
  theme: ThemeDetail;
  document: CoEditedDocument;
  html: string;
  readOnlyReason: string | null;
  canSuggest: boolean;
  sources: SynthesisSource[];
  revisions: RevisionSummary[];
  suggestions: SuggestionView[];
}

export function synthesisReadOnlyReason(actor: Actor, theme: { archivedAt: Date | null }): string {
  if (actor.id === null) return "sign in to suggest changes.";
  if (actor.standing === "suspended") return "your account is suspended.";
  if (theme.archivedAt) return "the theme is archived.";
  return "only the theme’s curators edit the synthesis; suggest changes below.";
}

/** The Responses of the theme's public papers, each flagged when it changed after `since`. */
export async function listSynthesisSources(db: Db, themeId: string, since: Date | null): Promise<SynthesisSource[]> {
  const rows = await db
    .select({ paperId: papers.id, title: papers.title, responseUpdatedAt: responses.contentUpdatedAt })
    .from(papers)
    .innerJoin(themes, eq(themes.id, papers.themeId))
    .leftJoin(responses, eq(responses.paperId, papers.id))
    .where(and(eq(papers.themeId, themeId), paperIsPublicSql()))
    .orderBy(asc(papers.title));
  return rows.map((r) => ({ ...r, changedSince: r.responseUpdatedAt !== null && (since === null || r.responseUpdatedAt > since) }));
}

export async function getSynthesisPage(db: Db, actor: Actor, slug: string): Promise<SynthesisPage> {
  const theme = await getThemeBySlug(db, actor, slug);
  const document = await openSynthesis(db, actor, theme.id);
  const [synth] = await db.select({ contentUpdatedAt: syntheses.contentUpdatedAt }).from(syntheses).where(eq(syntheses.id, document.id));
  const [html, sources, revisions, suggestions] = await Promise.all([
    renderFactChipsInHtml(db, document.html),
    listSynthesisSources(db, theme.id, synth?.contentUpdatedAt ?? null),
    listRevisions(db, actor, document.doc),
    listSuggestions(db, actor, theme.id),
  ]);
  return {
    theme,
    document,
    html,
    readOnlyReason: document.mode === "write" ? null : synthesisReadOnlyReason(actor, theme),
    canSuggest: can(actor, "synthesis.suggest", { id: document.id, theme }),
    sources,
    revisions,
    suggestions,
  };
}

import type { Metadata } from "next";
import Link from "next/link";
import { CollabEditorLoader } from "@/components/collab/collab-editor-loader";
import { orNotFound } from "@/components/papers/load";
import { proseClass } from "@/components/papers/prose";
import { SuggestionForm } from "@/components/synthesis/suggestion-form";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { isSignedIn } from "@/lib/auth/actor";
import { getViewer } from "@/lib/auth/session";
import { caretColour } from "@/lib/collab/colour";
import { getSynthesisPage, type SynthesisSource } from "@/lib/synthesis/queries";
import type { SuggestionView } from "@/lib/synthesis/suggestions";
import { restoreSynthesisRevisionAction, saveSynthesisRevisionAction, suggestAction } from "./actions";

export const metadata: Metadata = { title: "Synthesis" };

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });

export default async function SynthesisPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const db = getDb();
  const viewer = await getViewer();
  const page = await orNotFound(() => getSynthesisPage(db, viewer, slug));
  const { theme, document } = page;
  const base = `/themes/${theme.slug}/synthesis`;
  return (
    <div className="space-y-8">
      <p className="text-sm">
        <Link href={`/themes/${theme.slug}`} className="text-blue-800 underline">
          ← Back to the theme
        </Link>
      </p>
      <PageHeader title={`Synthesis: ${theme.title}`}>
        <p>What the theme’s papers and their Responses add up to, written by the theme’s curators. Members suggest changes below.</p>
      </PageHeader>
      {isSignedIn(viewer) ? (
        <CollabEditorLoader
          doc={document.doc}
          label="Synthesis text"
          user={{ name: viewer.publicName, color: caretColour(viewer.id) }}
          readOnlyReason={page.readOnlyReason}
          revisions={page.revisions.map((r) => ({ id: r.id, name: r.name, createdAt: r.createdAt.toISOString(), createdByName: r.createdByName, href: `${base}/revisions/${r.id}` }))}
          saveRevisionAction={saveSynthesisRevisionAction}
          restoreRevisionAction={restoreSynthesisRevisionAction}
        />
      ) : (
        <section aria-labelledby="synthesis-heading">
          <h2 id="synthesis-heading" className="sr-only">
            Synthesis text
          </h2>
          {page.html ? <div className={proseClass} dangerouslySetInnerHTML={{ __html: page.html }} /> : <p className="text-slate-700">The curators have not written the synthesis yet.</p>}
        </section>
      )}
      <Sources sources={page.sources} />
      <Suggestions suggestions={page.suggestions} canSuggest={page.canSuggest} themeId={theme.id} />
    </div>
  );
}

function Sources({ sources }: { sources: SynthesisSource[] }) {
  return (
    <section aria-labelledby="sources-heading" className="space-y-3">
      <h2 id="sources-heading" className="text-xl font-semibold">
        Responses it draws on
      </h2>
      {sources.length ? (
        <ul className="space-y-2">
          {sources.map((s) => (
            <li key={s.paperId} className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-md border border-slate-200 bg-white px-3 py-2">
              <Link href={`/papers/${s.paperId}/response`} className="font-medium text-blue-800 underline">
                Response to “{s.title}”
              </Link>
              {s.responseUpdatedAt ? (
                <span className="text-sm text-slate-700">
                  last changed <time dateTime={s.responseUpdatedAt.toISOString()}>{when.format(s.responseUpdatedAt)}</time>
                </span>
              ) : (
                <span className="text-sm text-slate-700">not written yet</span>
              )}
              {s.changedSince ? <span className="rounded bg-amber-100 px-1.5 text-sm font-medium text-amber-900">Changed since the synthesis was last edited</span> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-slate-700">No published papers in this theme yet.</p>
      )}
    </section>
  );
}

function Suggestions({ suggestions, canSuggest, themeId }: { suggestions: SuggestionView[]; canSuggest: boolean; themeId: string }) {
  return (
    <section aria-labelledby="suggestions-heading" className="space-y-3">
      <h2 id="suggestions-heading" className="text-xl font-semibold">
        Suggestions
      </h2>
      {suggestions.length ? (
        <ol className="space-y-3">
          {suggestions.map((s) => (
            <li key={s.id}>
              <article aria-label={`Suggestion by ${s.authorName ?? "a former member"}`} className="rounded-md border border-slate-200 bg-white px-3 py-2">
                <p className="text-sm text-slate-700">
                  <b className="text-slate-900">{s.authorName ?? "Former member"}</b> · <time dateTime={s.createdAt.toISOString()}>{when.format(s.createdAt)}</time>
                </p>
                <div className={proseClass} dangerouslySetInnerHTML={{ __html: s.bodyHtml }} />
              </article>
            </li>
          ))}
        </ol>
      ) : (
        <p className="text-slate-700">No suggestions yet.</p>
      )}
      {canSuggest ? <SuggestionForm themeId={themeId} action={suggestAction} /> : null}
    </section>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { PaperEditor } from "@/components/papers/paper-editor";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { loadForPage, requirePermission } from "@/lib/auth/page-guard";
import { getViewer } from "@/lib/auth/session";
import { getOpenCall } from "@/lib/papers/queries";
import { getThemeBySlug, listActiveThemes } from "@/lib/themes/queries";
import { EMPTY_DOC } from "@/lib/validation/papers";
import { saveDraftAction, submitPaperAction } from "../actions";

export const metadata: Metadata = { title: "Write a paper" };

export default async function NewPaperPage({ searchParams }: { searchParams: Promise<{ theme?: string; call?: string }> }) {
  const { theme: slug, call: callId } = await searchParams;
  const db = getDb();
  const viewer = await getViewer();
  if (!slug) {
    const themes = await listActiveThemes(db);
    return (
      <div>
        <PageHeader title="Write a paper">Choose the theme your paper belongs to.</PageHeader>
        <ul className="space-y-2">
          {themes.map((t) => (
            <li key={t.id}>
              <Link href={`/papers/new?theme=${t.slug}`} className="text-lg text-blue-800 underline">
                {t.title}
              </Link>
            </li>
          ))}
        </ul>
      </div>
    );
  }
  const theme = await loadForPage(() => getThemeBySlug(db, viewer, slug));
  const call = callId ? await getOpenCall(db, callId) : null;
  requirePermission(viewer, "paper.create", theme);
  return (
    <div className="space-y-4">
      <PageHeader title="Write a paper" actions={<ButtonLink href="/papers/mine" variant="secondary" size="sm">My papers</ButtonLink>}>
        <p>
          For the theme <Link href={`/themes/${theme.slug}`}>{theme.title}</Link>
          {call && call.theme.id === theme.id ? <>, answering the call “{call.title}”</> : null}. Your draft is saved as you write; only you
          and the council can read it until it is published.
        </p>
      </PageHeader>
      <PaperEditor
        themeSlug={theme.slug}
        callId={call && call.theme.id === theme.id ? call.id : undefined}
        initial={{ title: "", summary: "", content: EMPTY_DOC }}
        saveAction={saveDraftAction}
        submitAction={submitPaperAction}
        canSubmit
      />
    </div>
  );
}

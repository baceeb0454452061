import type { Metadata } from "next";
import { feedAlternates } from "@/lib/feeds/links";
import { notFound } from "next/navigation";
import { FollowButton } from "@/components/following/follow-button";
import { CallList } from "@/components/papers/call-list";
import { PaperCard } from "@/components/papers/paper-card";
import { ButtonLink } from "@/components/ui/button";
import { Pagination } from "@/components/ui/pagination";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { getDb } from "@/db";
import { can } from "@/lib/auth/permissions";
import { getViewer } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { listOpenCalls, listThemePapers, THEME_PAPERS_PAGE_SIZE } from "@/lib/papers/queries";
import { getThemeBySlug, type ThemeDetail } from "@/lib/themes/queries";

async function load(slug: string): Promise<ThemeDetail> {
  try {
    return await getThemeBySlug(getDb(), await getViewer(), slug);
  } catch (e) {
    if (isAppError(e) && e.kind === "not_found") notFound();
    throw e;
  }
}

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const theme = await load((await params).slug);
  return { title: theme.title, description: theme.description, alternates: feedAlternates({ kind: "theme", slug: theme.slug, title: theme.title }, { kind: "site" }) };
}

export default async function ThemePage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<{ page?: string }> }) {
  const [{ slug }, { page: pageParam }] = await Promise.all([params, searchParams]);
  const [viewer, theme] = await Promise.all([getViewer(), load(slug)]);
  const page = Math.max(1, Math.floor(Number(pageParam) || 1));
  const db = getDb();
  const [{ papers, total }, calls] = await Promise.all([listThemePapers(db, theme.id, page), listOpenCalls(db, { themeId: theme.id })]);
  const canWrite = can(viewer, "paper.create", theme);
  return (
    <article className="space-y-8">
      <header className="border-l-8 pl-4" style={{ borderLeftColor: theme.colour }}>
        <p className="text-sm font-medium uppercase tracking-wide text-slate-600">Theme</p>
        <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">{theme.title}</h1>
        <p className="mt-3 max-w-prose text-lg text-slate-700">{theme.description}</p>
        <p className="mt-3 text-sm text-slate-700">
          {theme.discussionPublic ? "Anyone can read the discussion." : "The discussion is for verified members only."}
          {theme.curators.length ? ` Curated by ${theme.curators.map((c) => c.name).join(", ")}.` : null}
        </p>
      </header>
      {theme.archivedAt ? <Notice tone="warning" title="This theme is archived">Only admins can see it.</Notice> : null}
      <div className="flex flex-wrap items-center gap-2">
        <FollowButton viewer={viewer} targetType="theme" targetId={theme.id} label={theme.title} />
        {canWrite ? <ButtonLink href={`/papers/new?theme=${theme.slug}`} size="sm">Write a paper</ButtonLink> : null}
        {/* issue 4: the theme's co-edited synthesis */}
        <ButtonLink href={`/themes/${theme.slug}/synthesis`} variant="secondary" size="sm">
          Synthesis
        </ButtonLink>
        <ButtonLink href={`/themes/${theme.slug}/map`} variant="secondary" size="sm">Agreement map</ButtonLink>
        {can(viewer, "theme.update", theme) ? (
          <ButtonLink href={`/admin/themes/${theme.id}`} variant="secondary" size="sm">
            Edit theme
          </ButtonLink>
        ) : null}
      </div>
      {calls.length ? (
        <section aria-labelledby="calls-heading" className="space-y-3">
          <h2 id="calls-heading" className="text-2xl font-semibold">
            Open calls for papers
          </h2>
          <CallList calls={calls} canWrite={() => canWrite} />
        </section>
      ) : null}
      <section aria-labelledby="papers-heading" className="space-y-4">
        <h2 id="papers-heading" className="text-2xl font-semibold">
          Position papers
        </h2>
        {total === 0 ? (
          <EmptyState level={3} title="No papers on this theme yet" action={canWrite ? <ButtonLink href={`/papers/new?theme=${theme.slug}`}>Write the first paper</ButtonLink> : null}>
            <p>
              When members submit position papers on {theme.title.toLowerCase()} and the council publishes them, they appear here with
              their discussion and the members&apos; response.
            </p>
          </EmptyState>
        ) : (
          <>
            <p className="text-slate-700">
              {total} published {total === 1 ? "paper" : "papers"}, newest first.
            </p>
            <ul className="space-y-4">
              {papers.map((paper) => (
                <li key={paper.id}>
                  <PaperCard paper={paper} />
                </li>
              ))}
            </ul>
            <Pagination page={page} total={total} pageSize={THEME_PAPERS_PAGE_SIZE} href={(p) => `/themes/${theme.slug}${p > 1 ? `?page=${p}` : ""}`} />
          </>
        )}
      </section>
    </article>
  );
}

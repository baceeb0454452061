import type { Metadata } from "next";
import Link from "next/link";
import { CallList } from "@/components/papers/call-list";
import { PaperCard } from "@/components/papers/paper-card";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { getDb } from "@/db";
import { can } from "@/lib/auth/permissions";
import { getViewer } from "@/lib/auth/session";
import { listOpenCalls, listRecentPapers } from "@/lib/papers/queries";
import { listActiveThemes } from "@/lib/themes/queries";
import { feedAlternates } from "@/lib/feeds/links";

export const metadata: Metadata = { alternates: feedAlternates({ kind: "site" }) };

export default async function HomePage() {
  const db = getDb();
  const [viewer, themes, calls, recent] = await Promise.all([getViewer(), listActiveThemes(db), listOpenCalls(db), listRecentPapers(db, 6)]);
  const canWriteIn = (themeId: string) => {
    const theme = themes.find((t) => t.id === themeId);
    return !!theme && can(viewer, "paper.create", theme);
  };
  return (
    <div className="space-y-10">
      <section aria-labelledby="intro-heading" className="max-w-prose">
        <h1 id="intro-heading" className="text-3xl font-bold tracking-tight sm:text-4xl">
          Turn argument into shared policy
        </h1>
        <p className="mt-3 text-lg text-slate-700">
          Members write position papers, discuss them, and co-write the movement&apos;s response, theme by theme.
        </p>
        <p className="mt-4 flex flex-wrap gap-2">
          {themes.some((t) => can(viewer, "paper.create", t)) ? (
            <>
              <ButtonLink href="/papers/new">Write a paper</ButtonLink>
              <ButtonLink href="/papers/mine" variant="secondary">
                My papers
              </ButtonLink>
            </>
          ) : null}
          {can(viewer, "paper.reviewQueue", null) ? (
            <ButtonLink href="/council" variant="secondary">
              Council review queue
            </ButtonLink>
          ) : null}
        </p>
      </section>
      {calls.length ? (
        <section aria-labelledby="calls-heading" className="space-y-4">
          <h2 id="calls-heading" className="text-2xl font-semibold">
            Open calls for papers
          </h2>
          <CallList calls={calls} canWrite={canWriteIn} showTheme />
        </section>
      ) : null}
      <section aria-labelledby="recent-heading" className="space-y-4">
        <h2 id="recent-heading" className="text-2xl font-semibold">
          New papers
        </h2>
        {recent.length === 0 ? (
          <EmptyState level={3} title="No papers published yet">
            <p>Members write position papers on a theme; once the council accepts one, it appears here.</p>
          </EmptyState>
        ) : (
          <ul className="grid gap-4 sm:grid-cols-2">
            {recent.map((paper) => (
              <li key={paper.id}>
                <PaperCard paper={paper} showTheme />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="themes-heading" className="space-y-4">
        <h2 id="themes-heading" className="text-2xl font-semibold">
          Themes
        </h2>
        {themes.length === 0 ? (
          <EmptyState
            level={3}
            title="No themes yet"
            action={can(viewer, "theme.create", null) ? <ButtonLink href="/admin/themes/new">Create the first theme</ButtonLink> : null}
          >
            <p>Themes are where papers and discussion live. An admin creates them.</p>
          </EmptyState>
        ) : (
          <ul className="grid gap-4 sm:grid-cols-2">
            {themes.map((theme) => (
              <li key={theme.id}>
                <Link
                  href={`/themes/${theme.slug}`}
                  className="block h-full rounded-lg border border-slate-200 border-l-8 bg-white p-5 shadow-sm hover:border-slate-400"
                  style={{ borderLeftColor: theme.colour }}
                >
                  <h3 className="text-xl font-semibold text-slate-900">{theme.title}</h3>
                  <p className="mt-2 line-clamp-3 text-slate-700">{theme.description}</p>
                  {!theme.discussionPublic ? <p className="mt-3 text-sm font-medium text-slate-700">Discussion for members only</p> : null}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

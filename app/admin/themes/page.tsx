import type { Metadata } from "next";
import Link from "next/link";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { getViewer } from "@/lib/auth/session";
import { listAllThemes } from "@/lib/themes/queries";
import { ArchiveControl, MoveButtons } from "./theme-controls";
import { requirePermission } from "@/lib/auth/page-guard";

export const metadata: Metadata = { title: "Themes · Admin" };

export default async function AdminThemesPage({ searchParams }: { searchParams: Promise<{ created?: string }> }) {
  const viewer = await getViewer();
  requirePermission(viewer, "theme.create", null);
  const [themes, { created }] = await Promise.all([listAllThemes(getDb(), viewer), searchParams]);
  return (
    <div className="space-y-4">
      <PageHeader title="Themes" actions={<ButtonLink href="/admin/themes/new">New theme</ButtonLink>}>
        <p>The order here is the order on the home page.</p>
      </PageHeader>
      {created ? (
        <Notice tone="success" role="status">
          Theme created. It is now on the home page.
        </Notice>
      ) : null}
      {themes.length === 0 ? (
        <EmptyState title="No themes yet" action={<ButtonLink href="/admin/themes/new">Create the first theme</ButtonLink>} />
      ) : (
        <ol className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" aria-label="Themes in order">
          {themes.map((t, i) => (
            <li key={t.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
              <div className="flex min-w-0 items-center gap-3">
                <span aria-hidden="true" className="size-4 shrink-0 rounded-full" style={{ backgroundColor: t.colour }} />
                <div className="min-w-0">
                  <Link href={`/admin/themes/${t.id}`} className="font-semibold text-blue-800 underline">
                    {t.title}
                  </Link>
                  <p className="text-sm text-slate-700">
                    /themes/{t.slug} · {t.discussionPublic ? "public discussion" : "members-only discussion"}
                    {t.archivedAt ? " · archived" : ""}
                  </p>
                </div>
              </div>
              <div className="flex flex-wrap items-center gap-2">
                <MoveButtons themeId={t.id} title={t.title} first={i === 0} last={i === themes.length - 1} />
                <ArchiveControl themeId={t.id} title={t.title} archived={!!t.archivedAt} />
              </div>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

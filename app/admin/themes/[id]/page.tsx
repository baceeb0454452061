import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { getViewer } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { getThemeById, type ThemeDetail } from "@/lib/themes/queries";
import { updateThemeAction } from "../actions";
import { ThemeForm } from "../theme-form";
import { CuratorsForm } from "./curators-form";
import { requirePermission } from "@/lib/auth/page-guard";

export const metadata: Metadata = { title: "Edit theme · Admin" };

export default async function EditThemePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await getViewer();
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) notFound();
  let theme: ThemeDetail;
  try {
    theme = await getThemeById(getDb(), viewer, id, { withCuratorEmails: true });
  } catch (e) {
    if (isAppError(e) && e.kind === "not_found") notFound();
    throw e;
  }
  requirePermission(viewer, "theme.update", theme);
  return (
    <div className="max-w-2xl space-y-10">
      <PageHeader title={`Edit “${theme.title}”`}>
        <p>
          <Link href={`/themes/${theme.slug}`} className="underline">
            View the theme page
          </Link>
        </p>
      </PageHeader>
      <ThemeForm action={updateThemeAction} submitLabel="Save theme" defaults={theme} />
      <section aria-labelledby="curators-heading" className="space-y-3">
        <h2 id="curators-heading" className="text-xl font-semibold">
          Curators
        </h2>
        <CuratorsForm themeId={theme.id} emails={theme.curators.map((c) => c.email ?? "")} />
      </section>
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { FactForm } from "@/components/facts/fact-form";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { can } from "@/lib/auth/permissions";
import { getViewer } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { getFactForEditing } from "@/lib/facts/queries";
import { loadFactResource } from "@/lib/facts/resource";
import { listActiveThemes } from "@/lib/themes/queries";
import { editFactAction } from "../../actions";

export const metadata: Metadata = { title: "Correct your proposal" };

export default async function EditFactPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const db = getDb();
  const viewer = await getViewer();
  const [fact, themes] = await Promise.all([
    getFactForEditing(db, viewer, id).catch((e: unknown) => {
      if (isAppError(e) && e.kind === "not_found") notFound();
      throw e;
    }),
    listActiveThemes(db),
  ]);
  const allowed = can(viewer, "fact.edit", await loadFactResource(db, id));
  return (
    <div className="max-w-2xl space-y-6">
      <PageHeader title="Correct your proposal">
        <p>Until a fact editor decides, you can correct your proposal. Each correction is kept as a version.</p>
      </PageHeader>
      <p>
        <Link href={`/facts/${fact.id}`} className="underline">
          Back to the fact
        </Link>
      </p>
      {allowed ? (
        <FactForm action={editFactAction} themes={themes} defaults={fact} hidden={{ factId: fact.id, reason: "Corrected by the proposer" }} submitLabel="Save the correction" />
      ) : (
        <Notice tone="info">Only the member who proposed a fact can correct it, and only until a fact editor has decided. You can dispute an accepted fact instead.</Notice>
      )}
    </div>
  );
}

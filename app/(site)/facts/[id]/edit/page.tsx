import type { Metadata } from "next";
import Link from "next/link";
import { FactForm } from "@/components/facts/fact-form";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { loadForPage, requirePermission } from "@/lib/auth/page-guard";
import { getViewer } from "@/lib/auth/session";
import { getFactForEditing } from "@/lib/facts/queries";
import { loadFactResource } from "@/lib/facts/resource";
import { listActiveThemes } from "@/lib/themes/queries";
import { editFactAction } from "../../actions";

export const metadata: Metadata = { title: "Correct your proposal" };

export default async function EditFactPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const db = getDb();
  const viewer = await getViewer();
  const [fact, themes] = await Promise.all([loadForPage(() => getFactForEditing(db, viewer, id)), listActiveThemes(db)]);
  requirePermission(viewer, "fact.edit", await loadFactResource(db, fact.id));
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
      <FactForm action={editFactAction} themes={themes} defaults={fact} hidden={{ factId: fact.id, reason: "Corrected by the proposer" }} submitLabel="Save the correction" />
    </div>
  );
}

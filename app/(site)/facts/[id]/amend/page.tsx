import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { FactForm } from "@/components/facts/fact-form";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { loadForPage, requirePermission } from "@/lib/auth/page-guard";
import { getViewer } from "@/lib/auth/session";
import { getDispute, getFactForEditing } from "@/lib/facts/queries";
import { loadFactResource } from "@/lib/facts/resource";
import { listActiveThemes } from "@/lib/themes/queries";
import { amendFactAction } from "../../actions";

export const metadata: Metadata = { title: "Amend a fact" };

export default async function AmendFactPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ dispute?: string }> }) {
  const { id } = await params;
  const { dispute: disputeId } = await searchParams;
  const db = getDb();
  const viewer = await getViewer();
  const [fact, themes] = await Promise.all([loadForPage(() => getFactForEditing(db, viewer, id)), listActiveThemes(db)]);
  // The fact as the rules see it, proposer included: a fact editor does not amend their own proposal.
  requirePermission(viewer, "fact.amend", await loadFactResource(db, fact.id));
  const dispute = disputeId ? await loadForPage(() => getDispute(db, viewer, disputeId)) : null;
  if (dispute && dispute.factId !== fact.id) notFound();
  return (
    <div className="max-w-2xl space-y-6">
      <PageHeader title="Amend a fact">
        <p>An amendment is a new version: the earlier one stays viewable, with your reason beside it.</p>
      </PageHeader>
      <p>
        <Link href={`/facts/${fact.id}`} className="underline">
          Back to the fact
        </Link>
      </p>
      {dispute ? (
        <Notice tone="warning" title="Amending in answer to a dispute">
          <p>{dispute.reason}</p>
          <p>Saving settles this dispute as “amended”.</p>
        </Notice>
      ) : null}
      <FactForm
          action={amendFactAction}
          themes={themes}
          defaults={fact}
          hidden={{ factId: fact.id, ...(dispute ? { disputeId: dispute.id } : {}) }}
          submitLabel="Save the amendment"
          reasonLabel="Reason for the change"
        />
    </div>
  );
}

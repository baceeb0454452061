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
import { getDispute, getFactForEditing } from "@/lib/facts/queries";
import { listActiveThemes } from "@/lib/themes/queries";
import { amendFactAction } from "../../actions";

export const metadata: Metadata = { title: "Amend a fact" };

export default async function AmendFactPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ dispute?: string }> }) {
  const { id } = await params;
  const { dispute: disputeId } = await searchParams;
  const db = getDb();
  const viewer = await getViewer();
  const notFoundOr = (e: unknown): never => {
    if (isAppError(e) && e.kind === "not_found") notFound();
    throw e;
  };
  const [fact, themes] = await Promise.all([getFactForEditing(db, viewer, id).catch(notFoundOr), listActiveThemes(db)]);
  const dispute = disputeId ? await getDispute(db, viewer, disputeId).catch(notFoundOr) : null;
  const allowed = can(viewer, "fact.amend", { id: fact.id, status: fact.status, proposedBy: null });
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
      {allowed ? (
        <FactForm
          action={amendFactAction}
          themes={themes}
          defaults={fact}
          hidden={{ factId: fact.id, ...(dispute ? { disputeId: dispute.id } : {}) }}
          submitLabel="Save the amendment"
          reasonLabel="Reason for the change"
        />
      ) : (
        <Notice tone="info">Only fact editors amend facts. Members can dispute a fact instead.</Notice>
      )}
    </div>
  );
}

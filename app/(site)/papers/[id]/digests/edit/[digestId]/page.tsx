import type { Metadata } from "next";
import Link from "next/link";
import { DigestBody } from "@/components/digests/digest-view";
import { PointForm } from "@/components/digests/point-form";
import { ButtonForm } from "@/components/map/forms";
import { orNotFound } from "@/components/papers/load";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { getViewer } from "@/lib/auth/session";
import { getDigestEditor } from "@/lib/digests/queries";
import { addDigestPointAction, publishDigestAction, removeDigestPointAction } from "../../actions";

export const metadata: Metadata = { title: "Edit digest" };

export default async function EditDigestPage({ params }: { params: Promise<{ id: string; digestId: string }> }) {
  const { digestId } = await params;
  const viewer = await getViewer();
  const view = await orNotFound(() => getDigestEditor(getDb(), viewer, digestId));
  const { draft, paper } = view;
  const published = draft.status === "published";
  const points = draft.sections.reduce((n, s) => n + s.points.length, 0);
  return (
    <div className="space-y-8">
      <p className="text-sm">
        <Link href={`/papers/${paper.id}/digests`} className="text-blue-800 underline">
          ← Back to the digests of “{paper.title}”
        </Link>
      </p>
      <PageHeader title={`${published ? "" : "Draft of "}Digest v${draft.version}: ${paper.title}`}>
        <p>{draft.version > 1 ? `This draft starts from v${draft.version - 1}’s points. Add what the discussion has said since, reword or drop points, then publish.` : "Sum up the discussion under three headings; every point cites the comments it comes from."}</p>
      </PageHeader>
      <DigestBody
        digest={draft}
        paperId={paper.id}
        curatorView
        actions={published ? undefined : (p) => <ButtonForm action={removeDigestPointAction} fields={{ pointId: p.id, digestId: draft.id }} label="Remove this point" variant="secondary" />}
      />
      {published ? (
        <p className="text-slate-700">This version is published and can no longer change.</p>
      ) : (
        <>
          <section aria-labelledby="add-point-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="add-point-heading" className="text-xl font-semibold">
              Add a point
            </h2>
            <PointForm digestId={draft.id} comments={view.comments} statements={view.statements} action={addDigestPointAction} sinceVersion={view.sinceVersion} />
          </section>
          <section aria-labelledby="publish-heading" className="space-y-2">
            <h2 id="publish-heading" className="text-xl font-semibold">
              Publish
            </h2>
            <p className="text-slate-700">Publishing makes v{draft.version} public to everyone who can read the discussion and tells the paper’s followers. It cannot be changed afterwards.</p>
            {points ? <ButtonForm action={publishDigestAction} fields={{ digestId: draft.id }} label={`Publish Digest v${draft.version}`} pendingLabel="Publishing…" /> : <p className="text-slate-700">Add a point first.</p>}
          </section>
        </>
      )}
    </div>
  );
}

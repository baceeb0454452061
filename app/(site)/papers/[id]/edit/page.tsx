import type { Metadata } from "next";
import Link from "next/link";
import { orNotFound } from "@/components/papers/load";
import { PaperEditor } from "@/components/papers/paper-editor";
import { ReviewHistory } from "@/components/papers/review-history";
import { StatusBadge } from "@/components/papers/status";
import { ButtonLink } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { can } from "@/lib/auth/permissions";
import { getViewer } from "@/lib/auth/session";
import { getWorkingCopy } from "@/lib/papers/queries";
import { saveDraftAction, submitPaperAction } from "../../actions";

export const metadata: Metadata = { title: "Edit paper" };

export default async function EditPaperPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ submitted?: string }> }) {
  const [{ id }, { submitted }] = await Promise.all([params, searchParams]);
  const viewer = await getViewer();
  const paper = await orNotFound(() => getWorkingCopy(getDb(), viewer, id));
  const editable = can(viewer, "paper.edit", paper.paper);
  const submittable = paper.status === "draft" || paper.status === "returned" || paper.status === "published";
  return (
    <div className="space-y-6">
      <PageHeader
        title={paper.title || "Untitled draft"}
        actions={
          <>
            {paper.paper.publishedVersion > 0 ? (
              <ButtonLink href={`/papers/${id}`} variant="secondary" size="sm">
                Read published version
              </ButtonLink>
            ) : null}
            <ButtonLink href="/papers/mine" variant="secondary" size="sm">
              My papers
            </ButtonLink>
          </>
        }
      >
        <p>
          <StatusBadge status={paper.status} publishedVersion={paper.paper.publishedVersion} /> in <Link href={`/themes/${paper.theme.slug}`}>{paper.theme.title}</Link>
          {paper.call ? <> · answering “{paper.call.title}”</> : null}
        </p>
      </PageHeader>
      {submitted ? (
        <Notice tone="success" role="status" title="Submitted to the council">
          The council will accept it, return it with comments or reject it with a reason; you will be notified.
        </Notice>
      ) : null}
      {paper.paper.hiddenAt ? <Notice tone="warning" title="Hidden by a moderator">{paper.hiddenReason}</Notice> : null}
      {paper.status === "returned" ? (
        <Notice tone="warning" title="The council returned this paper">
          Read their comments below, revise the paper and submit it again.
        </Notice>
      ) : null}
      {paper.status === "published" && editable ? (
        <Notice tone="info">Readers see version {paper.paper.publishedVersion}. Changes you make here become a revision; once the council accepts it, it is published as version {paper.paper.publishedVersion + 1}.</Notice>
      ) : null}
      <ReviewHistory reviews={paper.reviews} />
      {editable ? (
        <section aria-labelledby="editor-heading" className="space-y-3">
          <h2 id="editor-heading" className="text-xl font-semibold">
            {paper.paper.publishedVersion > 0 ? "Revise the paper" : "Your draft"}
          </h2>
          <PaperEditor
            paperId={id}
            themeSlug={paper.theme.slug}
            initial={{ title: paper.title, summary: paper.summary, content: paper.content, updatedAt: paper.updatedAt.toISOString() }}
            saveAction={saveDraftAction}
            submitAction={submitPaperAction}
            canSubmit={submittable}
          />
        </section>
      ) : (
        <Notice tone="info" title={paper.status === "submitted" ? "With the council" : "Not editable"}>
          {paper.status === "submitted"
            ? "The paper is awaiting the council's decision and cannot be changed until then."
            : paper.status === "rejected"
              ? "The council rejected this paper; the reason is above."
              : "You cannot edit this paper."}
        </Notice>
      )}
    </div>
  );
}

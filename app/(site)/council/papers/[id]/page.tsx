import type { Metadata } from "next";
import Link from "next/link";
import { ReviewForm } from "@/components/papers/council-forms";
import { orNotFound } from "@/components/papers/load";
import { proseClass } from "@/components/papers/prose";
import { ReviewHistory } from "@/components/papers/review-history";
import { StatusBadge } from "@/components/papers/status";
import { TableOfContents } from "@/components/papers/table-of-contents";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { can } from "@/lib/auth/permissions";
import { getViewer } from "@/lib/auth/session";
import { getWorkingCopy } from "@/lib/papers/queries";
import { renderPaper } from "@/lib/papers/render";
import { reviewPaperAction } from "../../actions";

export const metadata: Metadata = { title: "Review a paper" };

export default async function ReviewPaperPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await getViewer();
  const paper = await orNotFound(() => getWorkingCopy(getDb(), viewer, id));
  const rendered = renderPaper(paper.content);
  const canReview = can(viewer, "paper.review", paper.paper);
  return (
    <div className="space-y-8">
      <p className="text-sm">
        <Link href="/council" className="text-blue-800 underline">
          ← Review queue
        </Link>
      </p>
      <PageHeader title={paper.title || "Untitled"}>
        <p>
          <StatusBadge status={paper.status} publishedVersion={paper.paper.publishedVersion} /> · by {paper.author} · {paper.theme.title} ·{" "}
          {rendered.wordCount.toLocaleString("en-GB")} words · {rendered.readingMinutes} min read
          {paper.call ? ` · for the call “${paper.call.title}”` : ""}
        </p>
      </PageHeader>
      {paper.paper.publishedVersion > 0 ? (
        <Notice tone="info">
          This is a revision. Readers see <Link href={`/papers/${id}`}>version {paper.paper.publishedVersion}</Link> until you accept it as version{" "}
          {paper.paper.publishedVersion + 1}.
        </Notice>
      ) : null}
      {paper.summary ? <p className="max-w-prose text-lg text-slate-800">{paper.summary}</p> : null}
      <section aria-labelledby="working-copy-heading" className="space-y-3">
        <h2 id="working-copy-heading" className="sr-only">
          Text under review
        </h2>
        <TableOfContents toc={rendered.toc} />
        <div className={proseClass} dangerouslySetInnerHTML={{ __html: rendered.html.replace(/<(\/?)h([234])/g, (_m, slash: string, l: string) => `<${slash}h${Math.min(4, Number(l) + 1)}`) }} />
      </section>
      <ReviewHistory reviews={paper.reviews} />
      <section aria-labelledby="decision-heading" className="space-y-3 rounded-lg border border-slate-300 bg-white p-4">
        <h2 id="decision-heading" className="text-xl font-semibold">
          Your decision
        </h2>
        {canReview ? (
          <ReviewForm paperId={id} action={reviewPaperAction} />
        ) : (
          <p className="text-slate-700">
            {paper.status !== "submitted" ? "This paper is not awaiting review." : "You cannot decide on this paper (nobody decides on their own)."}
          </p>
        )}
      </section>
    </div>
  );
}

import type { Metadata } from "next";
import { feedAlternates } from "@/lib/feeds/links";
import Link from "next/link";
import { cache } from "react";
import { redirect } from "next/navigation";
import { Thread } from "@/components/discussion/thread";
import { FollowButton } from "@/components/following/follow-button";
import { orNotFound } from "@/components/papers/load";
import { PaperModeration } from "@/components/papers/moderation-controls";
import { proseClass } from "@/components/papers/prose";
import { formatDate } from "@/components/papers/status";
import { TableOfContents } from "@/components/papers/table-of-contents";
import { ButtonLink } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { getDb } from "@/db";
import { can } from "@/lib/auth/permissions";
import { getViewer } from "@/lib/auth/session";
import { getPaperForReading } from "@/lib/papers/queries";
import { loadPaperResource } from "@/lib/papers/resource";
import { hidePaperAction, restorePaperAction } from "./actions";

/** Read once per request, shared by the metadata and the page. */
const readPaper = cache(async (id: string) => getPaperForReading(getDb(), await getViewer(), id));

type Params = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { id } = await params;
  // The page itself decides between 404, a redirect to the working copy, and the paper.
  const paper = await readPaper(id).catch(() => null);
  if (!paper) return { title: "Paper" };
  return paper.kind === "hidden"
    ? { title: "Hidden paper" }
    : { title: paper.title, description: paper.summary, alternates: feedAlternates({ kind: "paper", paperId: id, title: paper.title }, { kind: "site" }) };
}

export default async function PaperPage({ params, searchParams }: Params) {
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const viewer = await getViewer();
  const db = getDb();
  // Before its first publication, the paper's address takes its author (or the council) to the working copy.
  const resource = await orNotFound(() => loadPaperResource(db, id));
  if (resource.publishedVersion === 0 && can(viewer, "paper.viewDraft", resource)) {
    redirect(can(viewer, "paper.reviewQueue", null) && resource.authorId !== viewer.id ? `/council/papers/${id}` : `/papers/${id}/edit`);
  }
  const paper = await orNotFound(() => readPaper(id));
  if (paper.kind === "hidden") {
    return (
      <article className="space-y-4">
        <h1 className="text-3xl font-bold tracking-tight">Hidden paper</h1>
        <Notice tone="warning" title="This paper was hidden by a moderator">
          <p>Reason: {paper.reason}</p>
          <p>
            Every moderation action is listed in the <Link href="/moderation-log">moderation log</Link>.
          </p>
        </Notice>
      </article>
    );
  }
  const canModerate = can(viewer, paper.paper.hiddenAt ? "paper.restore" : "paper.hide", paper.paper);
  const canEdit = can(viewer, "paper.edit", paper.paper);
  const older = paper.number < paper.latest;
  return (
    <article className="space-y-6">
      {paper.hiddenReason ? (
        <Notice tone="warning" title="Hidden by a moderator">
          Members see a placeholder instead of this paper. Reason: {paper.hiddenReason}
        </Notice>
      ) : null}
      {older ? (
        <Notice tone="info" title={`You are reading version ${paper.number}`}>
          <Link href={`/papers/${id}`}>Read the current version ({paper.latest})</Link> or{" "}
          <Link href={`/papers/${id}/versions/${paper.number + 1}`}>see what changed next</Link>.
        </Notice>
      ) : null}
      <header className="space-y-3 border-l-8 pl-4" style={{ borderLeftColor: paper.theme.colour }}>
        <p className="text-sm font-medium uppercase tracking-wide text-slate-700">
          <Link href={`/themes/${paper.theme.slug}`} className="underline-offset-4 hover:underline">
            {paper.theme.title}
          </Link>
        </p>
        <h1 className="text-3xl font-bold tracking-tight text-balance sm:text-4xl">{paper.title}</h1>
        {paper.summary ? <p className="max-w-prose text-lg text-slate-800">{paper.summary}</p> : null}
        <p className="text-sm text-slate-700">
          By <span className="font-medium text-slate-900">{paper.author}</span> ·{" "}
          <Link href={`/papers/${id}/versions`} className="underline underline-offset-2">
            Version {paper.number} · published {formatDate(paper.publishedAt)}
          </Link>{" "}
          · {paper.readingMinutes} min read
        </p>
        <div className="flex flex-wrap items-center gap-2">
          <FollowButton viewer={viewer} targetType="paper" targetId={id} label={paper.title} />
          {/* issue 4: the members' co-edited Response to this paper */}
          <ButtonLink href={`/papers/${id}/response`} variant="secondary" size="sm">
            Response
          </ButtonLink>
          {/* issue 13: statements about this paper, on its theme's agreement map */}
          <ButtonLink href={`/papers/${id}/statements`} variant="secondary" size="sm">
            Statements
          </ButtonLink>
          {canEdit ? (
            <ButtonLink href={`/papers/${id}/edit`} variant="secondary" size="sm">
              Revise paper
            </ButtonLink>
          ) : null}
          {canModerate ? (
            <PaperModeration key={paper.paper.hiddenAt ? "hidden" : "shown"} paperId={id} title={paper.title} hidden={!!paper.paper.hiddenAt} hideAction={hidePaperAction} restoreAction={restorePaperAction} />
          ) : null}
        </div>
      </header>
      <div className="gap-10 lg:grid lg:grid-cols-[minmax(0,1fr)_16rem]">
        <div className="lg:order-2">
          <TableOfContents toc={paper.toc} />
        </div>
        <div id="paper-body" className={proseClass} dangerouslySetInnerHTML={{ __html: paper.html }} />
      </div>
      {older ? null : <Thread paper={{ ...paper.paper, title: paper.title }} viewer={viewer} searchParams={query} />}
    </article>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { DECISION_LABELS, StatusBadge, formatDate } from "@/components/papers/status";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { isSignedIn } from "@/lib/auth/actor";
import { getViewer } from "@/lib/auth/session";
import { listMyPapers } from "@/lib/papers/queries";

export const metadata: Metadata = { title: "My papers" };

export default async function MyPapersPage() {
  const viewer = await getViewer();
  if (!isSignedIn(viewer)) redirect("/sign-in?next=/papers/mine");
  const papers = await listMyPapers(getDb(), viewer);
  return (
    <div>
      <PageHeader title="My papers" actions={<ButtonLink href="/papers/new">Write a paper</ButtonLink>}>
        <p>Your drafts, papers with the council, and published papers, with every decision and its reason.</p>
      </PageHeader>
      {papers.length === 0 ? (
        <EmptyState title="You have not written a paper yet" action={<ButtonLink href="/papers/new">Write your first paper</ButtonLink>}>
          <p>Choose a theme, write, and submit the paper to the council, who publish it for everyone to read and discuss.</p>
        </EmptyState>
      ) : (
        <ul className="space-y-3">
          {papers.map((p) => (
            <li key={p.id} className="rounded-lg border border-slate-200 bg-white p-4">
              <h2 className="text-lg font-semibold">
                <Link href={`/papers/${p.id}/edit`} className="underline-offset-4 hover:underline">
                  {p.title || "Untitled draft"}
                </Link>
              </h2>
              <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-700">
                <StatusBadge status={p.status} publishedVersion={p.publishedVersion} />
                <span>
                  {p.theme.title} · last changed {formatDate(p.updatedAt)}
                </span>
                {p.hidden ? <span className="font-medium text-red-800">Hidden by a moderator</span> : null}
                {p.publishedVersion > 0 ? (
                  <Link href={`/papers/${p.id}`} className="text-blue-800 underline">
                    Read version {p.publishedVersion}
                    <span className="sr-only"> of {p.title}</span>
                  </Link>
                ) : null}
              </p>
              {p.lastDecision && p.lastDecision.decision !== "accept" ? (
                <p className="mt-2 text-slate-800">
                  <span className="font-medium">{DECISION_LABELS[p.lastDecision.decision]}:</span> {p.lastDecision.reason}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

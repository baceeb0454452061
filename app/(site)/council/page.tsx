import type { Metadata } from "next";
import Link from "next/link";
import { CallForm, CloseCallButton } from "@/components/papers/council-forms";
import { DECISION_LABELS, formatDate } from "@/components/papers/status";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { can } from "@/lib/auth/permissions";
import { getViewer } from "@/lib/auth/session";
import { daysLeft, listOpenCalls, listReviewQueue } from "@/lib/papers/queries";
import { listActiveThemes } from "@/lib/themes/queries";
import { closeCallAction, createCallAction } from "./actions";
import { requirePermission } from "@/lib/auth/page-guard";

export const metadata: Metadata = { title: "Council" };

export default async function CouncilPage({ searchParams }: { searchParams: Promise<{ decided?: string }> }) {
  const { decided } = await searchParams;
  const viewer = await getViewer();
  requirePermission(viewer, "paper.reviewQueue", null);
  const db = getDb();
  const [queue, calls, themes] = await Promise.all([listReviewQueue(db, viewer), listOpenCalls(db), listActiveThemes(db)]);
  const decidedLabel = decided && decided in DECISION_LABELS ? DECISION_LABELS[decided as keyof typeof DECISION_LABELS] : null;
  const canOpenCalls = themes.some((t) => can(viewer, "call.create", t));
  return (
    <div className="space-y-10">
      <PageHeader title="Council">
        <p>Papers awaiting review, oldest first, and calls for papers.</p>
      </PageHeader>
      {decidedLabel ? (
        <Notice tone="success" role="status" title={`Decision recorded: ${decidedLabel.toLowerCase()}`}>
          The author has been notified.
        </Notice>
      ) : null}
      <section aria-labelledby="queue-heading" className="space-y-4">
        <h2 id="queue-heading" className="text-2xl font-semibold">
          Awaiting review ({queue.length})
        </h2>
        {queue.length === 0 ? (
          <EmptyState level={3} title="No papers are waiting">
            <p>When a member submits a paper, it appears here.</p>
          </EmptyState>
        ) : (
          <ul className="space-y-3">
            {queue.map((p) => (
              <li key={p.id} className="rounded-lg border border-slate-200 bg-white p-4">
                <h3 className="text-lg font-semibold">
                  <Link href={`/council/papers/${p.id}`} className="underline-offset-4 hover:underline">
                    {p.title || "Untitled"}
                  </Link>
                </h3>
                <p className="text-sm text-slate-700">
                  By {p.author} · {p.theme.title} · submitted {p.submittedAt ? formatDate(p.submittedAt) : "—"}
                  {p.publishedVersion > 0 ? ` · revision of version ${p.publishedVersion}` : " · new paper"}
                  {p.callTitle ? ` · for the call “${p.callTitle}”` : ""}
                </p>
                {p.summary ? <p className="mt-1 line-clamp-2 text-slate-800">{p.summary}</p> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="calls-heading" className="space-y-4">
        <h2 id="calls-heading" className="text-2xl font-semibold">
          Calls for papers
        </h2>
        {calls.length === 0 ? (
          <p className="text-slate-700">No call is open.</p>
        ) : (
          <ul className="space-y-3">
            {calls.map((c) => (
              <li key={c.id} className="flex flex-wrap items-start justify-between gap-3 rounded-lg border border-slate-200 bg-white p-4">
                <div>
                  <h3 className="font-semibold">{c.title}</h3>
                  <p className="text-sm text-slate-700">
                    {c.theme.title} · deadline {formatDate(c.deadline)} · {daysLeft(c.deadline)} days left
                  </p>
                </div>
                {can(viewer, "call.close", c.theme) ? <CloseCallButton callId={c.id} title={c.title} action={closeCallAction} /> : null}
              </li>
            ))}
          </ul>
        )}
        {canOpenCalls ? (
          <div className="rounded-lg border border-slate-200 bg-white p-4">
            <h3 className="mb-3 text-lg font-semibold">Open a call for papers</h3>
            <CallForm themes={themes.map((t) => ({ id: t.id, title: t.title }))} action={createCallAction} />
          </div>
        ) : null}
      </section>
    </div>
  );
}

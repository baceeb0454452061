import type { Metadata } from "next";
import Link from "next/link";
import { HardnessBadge } from "@/components/facts/hardness";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { requirePermission } from "@/lib/auth/page-guard";
import { getViewer } from "@/lib/auth/session";
import { listReviewQueue } from "@/lib/facts/queries";

export const metadata: Metadata = { title: "Fact review queue" };
const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

export default async function FactReviewPage() {
  const viewer = await getViewer();
  requirePermission(viewer, "fact.reviewQueue", null);
  const queue = await listReviewQueue(getDb(), viewer);
  return (
    <div className="space-y-8">
      <PageHeader title="Fact review queue">
        <p>Proposals and open disputes, oldest first. Each decision needs a reason and appears in the public moderation log.</p>
      </PageHeader>
      <section aria-labelledby="proposals-heading" className="space-y-3">
        <h2 id="proposals-heading" className="text-xl font-semibold">
          Proposed facts ({queue.proposals.length})
        </h2>
        {queue.proposals.length === 0 ? (
          <EmptyState level={3} title="No proposals waiting" />
        ) : (
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {queue.proposals.map((p) => (
              <li key={p.id} className="space-y-1 p-4">
                <Link href={`/facts/${p.id}`} className="font-medium text-blue-800 underline">
                  {p.statement}
                </Link>
                <p className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
                  <HardnessBadge score={p.hardness} />
                  <span>
                    {p.sourceCount === 1 ? "1 source" : `${p.sourceCount} sources`} · proposed by {p.proposedByName ?? "a former member"} on {when.format(p.createdAt)}
                    {p.ownProposal ? " · your own proposal: another fact editor decides" : null}
                  </span>
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="disputes-heading" className="space-y-3">
        <h2 id="disputes-heading" className="text-xl font-semibold">
          Open disputes ({queue.disputes.length})
        </h2>
        {queue.disputes.length === 0 ? (
          <EmptyState level={3} title="No open disputes" />
        ) : (
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {queue.disputes.map((d) => (
              <li key={d.id} className="space-y-1 p-4">
                <Link href={`/facts/${d.factId}#dispute-${d.id}`} className="font-medium text-blue-800 underline">
                  {d.statement}
                </Link>
                <p className="text-sm text-slate-700">
                  {d.openedByName ?? "A former member"} on {when.format(d.createdAt)}: {d.reason}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { isSignedIn } from "@/lib/auth/actor";
import { loadForPage } from "@/lib/auth/page-guard";
import { getViewer } from "@/lib/auth/session";
import { listLookups } from "@/lib/directory/queries";
import { describeFilters } from "@/components/directory/describe-filters";

export const metadata: Metadata = { title: "Who looked me up" };

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function LookupsPage() {
  const viewer = await getViewer();
  if (!isSignedIn(viewer)) forbidden();
  const db = getDb();
  const lookups = await loadForPage(() => listLookups(db, viewer, viewer.id));
  const described = await describeFilters(db, lookups.map((l) => l.filters));
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader title="Who looked me up">
        <p>Every directory search that showed you, newest first: who searched (by the name they show on the site), when, and for what.</p>
      </PageHeader>
      {lookups.length === 0 ? (
        <EmptyState title="Nobody has found you in a search yet" />
      ) : (
        <ol className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {lookups.map((l, i) => (
            <li key={l.searchId} className="px-4 py-3">
              <p className="font-medium">{l.searcherName}</p>
              <p className="text-sm text-slate-700">
                <time dateTime={l.at.toISOString()}>{when.format(l.at)} UTC</time> · searched for {described[i]}
              </p>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

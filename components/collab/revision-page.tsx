import Link from "next/link";
import { proseClass } from "@/components/papers/prose";
import { VersionDiff } from "@/components/papers/version-diff";
import { PageHeader } from "@/components/ui/page-header";
import type { RevisionView } from "@/lib/responses/revision-view";

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });

/** A named revision of a Response or synthesis: what changed since, then its text. Server-rendered. */
export function RevisionPage({ revision, backHref, backLabel, title }: { revision: RevisionView; backHref: string; backLabel: string; title: string }) {
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href={backHref} className="text-blue-800 underline">
          ← {backLabel}
        </Link>
      </p>
      <PageHeader title={`${title}: “${revision.name}”`}>
        <p>
          Saved by {revision.createdByName ?? "a former member"} on <time dateTime={revision.createdAt.toISOString()}>{when.format(revision.createdAt)}</time>.
        </p>
      </PageHeader>
      <section aria-labelledby="changes-heading" className="space-y-3">
        <h2 id="changes-heading" className="text-2xl font-semibold">
          Changes from this revision to now
        </h2>
        {revision.stats.added || revision.stats.removed ? (
          <>
            <p className="text-slate-700">
              {revision.stats.added} words added, {revision.stats.removed} words removed since. Added text is underlined, removed text is struck through.
            </p>
            <VersionDiff blocks={revision.diff} />
          </>
        ) : (
          <p className="text-slate-700">No change since this revision.</p>
        )}
      </section>
      <section aria-labelledby="text-heading" className="space-y-3">
        <h2 id="text-heading" className="text-2xl font-semibold">
          Text of this revision
        </h2>
        {revision.html ? <div className={proseClass} dangerouslySetInnerHTML={{ __html: revision.html.replace(/<(\/?)h([234])/g, (_m, slash: string, l: string) => `<${slash}h${Math.min(4, Number(l) + 1)}`) }} /> : <p className="text-slate-700">This revision was empty.</p>}
      </section>
    </div>
  );
}

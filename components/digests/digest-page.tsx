import Link from "next/link";
import { ButtonForm } from "@/components/map/forms";
import { PageHeader } from "@/components/ui/page-header";
import type { DigestPageView } from "@/lib/digests/queries";
import type { FormState } from "@/lib/actions";
import { DigestBody } from "./digest-view";

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

/** A published digest with its list of versions; curators get the button to start or continue the next one. */
export function DigestPage({ view, startAction }: { view: DigestPageView; startAction: (prev: FormState, formData: FormData) => Promise<FormState> }) {
  const { digest, paper } = view;
  const draft = view.versions.find((v) => v.status === "draft");
  const latest = view.versions.find((v) => v.status === "published");
  return (
    <div className="space-y-8">
      <p className="text-sm">
        <Link href={`/papers/${paper.id}#discussion`} className="text-blue-800 underline">
          ← Back to the paper and its discussion
        </Link>
      </p>
      <PageHeader title={digest ? `Digest v${digest.version}: ${paper.title}` : `Digests: ${paper.title}`}>
        <p>A curator’s summary of the discussion: what it agrees on, where it divides and what it leaves open, each point linked to the comments it comes from.</p>
      </PageHeader>
      {digest && digest.status === "published" && digest.publishedAt ? (
        <p className="text-sm text-slate-700">
          Published <time dateTime={digest.publishedAt.toISOString()}>{when.format(digest.publishedAt)}</time>
          {digest.version > 1 ? `; marked against v${digest.version - 1}.` : "."}
        </p>
      ) : null}
      {view.canEdit ? (
        <div className="flex flex-wrap items-center gap-3">
          {draft ? (
            <ButtonForm action={startAction} fields={{ paperId: paper.id }} label={`Continue the draft of v${draft.version}`} />
          ) : (
            <ButtonForm action={startAction} fields={{ paperId: paper.id }} label={latest ? `Start Digest v${latest.version + 1}` : "Write Digest v1"} />
          )}
        </div>
      ) : null}
      {digest ? <DigestBody digest={digest} paperId={paper.id} curatorView={view.canEdit} /> : <p className="text-slate-700">No digest of this discussion has been published yet.</p>}
      {view.versions.filter((v) => v.status === "published").length > 1 ? (
        <nav aria-label="Digest versions">
          <h2 className="mb-2 text-lg font-semibold">All versions</h2>
          <ul className="flex flex-wrap gap-3">
            {view.versions
              .filter((v) => v.status === "published")
              .map((v) => (
                <li key={v.version}>
                  <Link href={`/papers/${paper.id}/digests/${v.version}`} aria-current={digest?.version === v.version ? "page" : undefined} className="text-blue-800 underline aria-[current=page]:font-bold">
                    v{v.version}
                  </Link>
                </li>
              ))}
          </ul>
        </nav>
      ) : null}
    </div>
  );
}

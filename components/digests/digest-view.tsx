import Link from "next/link";
import type { DigestView, PointView } from "@/lib/digests/queries";
import { SECTION_LABELS } from "@/lib/validation/convergence";

const FLAG_TEXT = { edited: "edited since it was cited", hidden: "hidden by a moderator since it was cited", deleted: "deleted since it was cited" } as const;

/** A digest's points under their headings, each with the comments it cites and, against the previous version, what changed. */
export function DigestBody({ digest, paperId, curatorView, actions }: { digest: DigestView; paperId: string; curatorView?: boolean; actions?: (point: PointView) => React.ReactNode }) {
  return (
    <div className="space-y-8">
      {curatorView && digest.flagged ? (
        <p role="status" className="rounded-md bg-amber-100 px-3 py-2 text-amber-950">
          {digest.flagged} cited {digest.flagged === 1 ? "comment has" : "comments have"} changed since {digest.flagged === 1 ? "it was" : "they were"} cited: check the points marked below.
        </p>
      ) : null}
      {digest.sections.map(({ section, points }) => (
        <section key={section} aria-labelledby={`section-${section}`} className="space-y-3">
          <h2 id={`section-${section}`} className="text-xl font-semibold">
            {SECTION_LABELS[section]}
          </h2>
          {points.length ? (
            <ol className="space-y-4">
              {points.map((p) => (
                <li key={p.id} className="space-y-2 rounded-md border border-slate-200 bg-white p-3">
                  {p.change?.kind === "added" ? <span className="rounded bg-green-100 px-1.5 text-sm font-medium text-green-900">New in v{digest.version}</span> : null}
                  {p.change?.kind === "changed" ? <span className="rounded bg-blue-100 px-1.5 text-sm font-medium text-blue-900">Reworded in v{digest.version}</span> : null}
                  {p.change?.kind === "changed" ? (
                    <p className="text-slate-900">
                      {p.change.parts.map((part, i) =>
                        part.added ? (
                          <ins key={i} className="bg-green-100 text-green-950">
                            {part.text}
                          </ins>
                        ) : part.removed ? (
                          <del key={i} className="bg-red-100 text-red-950">
                            {part.text}
                          </del>
                        ) : (
                          <span key={i}>{part.text}</span>
                        ),
                      )}
                    </p>
                  ) : (
                    <p className="text-slate-900">{p.body}</p>
                  )}
                  {p.evidence ? (
                    <div className="rounded bg-slate-50 p-2 text-sm">
                      <p className="font-medium">Evidence from the agreement map: “{p.evidence.statement}”</p>
                      <ul>
                        {p.evidence.groups.map((g) => (
                          <li key={g.name}>
                            {g.name}: {g.votes ? Math.round((g.agree / g.votes) * 100) : 0} % agree ({g.votes} votes)
                          </li>
                        ))}
                      </ul>
                    </div>
                  ) : null}
                  <div className="text-sm">
                    <p className="font-medium text-slate-800">From the discussion:</p>
                    <ul className="list-disc space-y-1 pl-5">
                      {p.citations.map((c) => (
                        <li key={c.commentId}>
                          <Link href={`/papers/${paperId}/c/${c.commentId}`} className="text-blue-800 underline">
                            {c.authorName ?? "A comment"}: “{c.excerpt}”
                          </Link>
                          {c.flag && curatorView ? <span className="ml-1 rounded bg-amber-100 px-1.5 font-medium text-amber-950">Check: {FLAG_TEXT[c.flag]}</span> : null}
                        </li>
                      ))}
                    </ul>
                  </div>
                  {actions ? actions(p) : null}
                </li>
              ))}
            </ol>
          ) : (
            <p className="text-slate-700">No points under this heading.</p>
          )}
        </section>
      ))}
      {digest.removed.length ? (
        <section aria-labelledby="removed-heading" className="space-y-2">
          <h2 id="removed-heading" className="text-xl font-semibold">
            Dropped since v{digest.version - 1}
          </h2>
          <ul className="list-disc space-y-1 pl-5">
            {digest.removed.map((r, i) => (
              <li key={i}>
                <del className="text-slate-700">{r.body}</del> <span className="text-sm text-slate-700">({SECTION_LABELS[r.section]})</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

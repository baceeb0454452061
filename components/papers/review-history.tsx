import type { ReviewEntry } from "@/lib/papers/queries";
import { DECISION_LABELS, formatDate } from "./status";

/** Every council decision on a paper with its reason, newest first. */
export function ReviewHistory({ reviews, headingLevel = 2 }: { reviews: ReviewEntry[]; headingLevel?: 2 | 3 }) {
  if (!reviews.length) return null;
  const Heading = `h${headingLevel}` as const;
  return (
    <section aria-labelledby="reviews-heading" className="space-y-3">
      <Heading id="reviews-heading" className="text-xl font-semibold">
        The council&apos;s decisions
      </Heading>
      <ol className="space-y-3">
        {reviews.map((r, i) => (
          <li key={i} className="rounded-md border border-slate-200 bg-white p-4">
            <p className="font-medium">
              {DECISION_LABELS[r.decision]} by {r.reviewer} on {formatDate(r.createdAt)}
            </p>
            {r.reason ? <p className="mt-1 whitespace-pre-line text-slate-800">{r.reason}</p> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

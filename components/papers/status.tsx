import type { PaperStatus } from "@/lib/papers/queries";

export const STATUS_LABELS: Record<PaperStatus, string> = {
  draft: "Draft",
  submitted: "Awaiting the council",
  returned: "Returned with comments",
  rejected: "Rejected",
  published: "Published",
};

const tones: Record<PaperStatus, string> = {
  draft: "bg-slate-100 text-slate-900 border-slate-300",
  submitted: "bg-amber-50 text-amber-950 border-amber-400",
  returned: "bg-orange-50 text-orange-950 border-orange-400",
  rejected: "bg-red-50 text-red-950 border-red-300",
  published: "bg-green-50 text-green-950 border-green-400",
};

/** A paper's review state; a published paper with a revision in progress says both. */
export function StatusBadge({ status, publishedVersion }: { status: PaperStatus; publishedVersion: number }) {
  const revision = publishedVersion > 0 && status !== "published";
  return (
    <span className={`inline-block rounded border px-2 py-0.5 text-sm font-medium ${tones[status]}`}>
      {revision ? `Version ${publishedVersion} published · revision: ${STATUS_LABELS[status].toLowerCase()}` : STATUS_LABELS[status]}
    </span>
  );
}

export const formatDate = (d: Date) => d.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

export const DECISION_LABELS = { accept: "Accepted", return: "Returned with comments", reject: "Rejected" } as const;

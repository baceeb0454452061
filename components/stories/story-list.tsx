import Link from "next/link";
import { CONSENT_LABELS } from "@/lib/anecdotes/consent";
import type { StorySummary } from "@/lib/anecdotes/queries";

export const STATUS_LABELS = { submitted: "Waiting for review", changes_requested: "Changes asked for", accepted: "Accepted", declined: "Declined" } as const;
export const REDACTION_LABELS = { none: "not redacted yet", proposed: "redaction waiting for the storyteller", approved: "redaction approved", rejected: "redaction rejected" } as const;

export function StoryList({ stories, label }: { stories: StorySummary[]; label: string }) {
  return (
    <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" aria-label={label}>
      {stories.map((s) => (
        <li key={s.id} className="space-y-1 px-4 py-3">
          <Link href={`/stories/${s.id}`} className="font-semibold text-blue-800 underline">
            {s.title}
          </Link>
          <p className="text-sm text-slate-700">
            {s.themeTitle} · {STATUS_LABELS[s.status]} · {REDACTION_LABELS[s.redactionStatus]} · consent: {CONSENT_LABELS[s.consent]} · {s.attestations} attestation{s.attestations === 1 ? "" : "s"}
          </p>
        </li>
      ))}
    </ul>
  );
}

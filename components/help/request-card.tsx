import Link from "next/link";
import type { HelpRequestSummary } from "@/lib/help/queries";
import { OUTCOME_LABELS } from "@/lib/help/validation";

const date = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });
export const formatDay = (iso: string) => date.format(new Date(`${iso}T00:00:00Z`));

export function HelpRequestCard({ request: r, skillLabel }: { request: HelpRequestSummary; skillLabel: (slug: string) => string }) {
  return (
    <article className="space-y-1 rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="text-lg font-semibold">
        <Link href={`/help/${r.id}`} className="text-blue-800 underline">
          {r.title}
        </Link>
      </h2>
      <p className="text-sm text-slate-700">
        {r.requesterName} · {r.hoursNeeded} hours · {r.remote ? "remote" : r.region} · by {formatDay(r.deadline)}
        {r.themeTitle ? ` · ${r.themeTitle}` : ""}
        {r.status === "closed" && r.outcome ? ` · closed: ${OUTCOME_LABELS[r.outcome]}` : ""}
      </p>
      <p className="text-sm">Skills: {r.skills.map(skillLabel).join(", ")}</p>
    </article>
  );
}

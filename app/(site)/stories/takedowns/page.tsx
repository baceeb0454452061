import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { TakedownButton } from "@/components/stories/forms";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { listTakedowns } from "@/lib/anecdotes/queries";
import { isSignedIn } from "@/lib/auth/actor";
import { getViewer } from "@/lib/auth/session";
import { takedownAction } from "../actions";

export const metadata: Metadata = { title: "Take-down list" };

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const KIND = { response_quote: "Quoted in", press_pack: "In" } as const;

export default async function TakedownsPage() {
  const viewer = await getViewer();
  if (!isSignedIn(viewer)) forbidden();
  const rows = await listTakedowns(getDb(), viewer);
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader title="Take-down list">
        <p>Where a story was used that its teller&apos;s consent no longer covers (withdrawn, lowered or expired). Remove it there, then mark it as taken down. Press packs already leave such stories out.</p>
      </PageHeader>
      {rows.length === 0 ? (
        <EmptyState title="Nothing to take down" />
      ) : (
        <ul className="space-y-3" aria-label="Uses to take down">
          {rows.map((r) => (
            <li key={r.useId} className="space-y-2 rounded-lg border border-amber-400 bg-amber-50 p-4">
              <p className="font-semibold">{r.storyTitle}</p>
              <p className="text-sm">
                {KIND[r.kind]}{" "}
                <Link href={r.targetUrl} className="text-blue-800 underline">
                  {r.targetLabel}
                </Link>{" "}
                · asked <time dateTime={r.requestedAt.toISOString()}>{when.format(r.requestedAt)} UTC</time>
              </p>
              <TakedownButton action={takedownAction} useId={r.useId} label={`${r.storyTitle} in ${r.targetLabel}`} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

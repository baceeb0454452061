import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DrawForm } from "@/components/council/forms";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { can } from "@/lib/auth/permissions";
import { getViewer } from "@/lib/auth/session";
import { getCouncilSettings } from "@/lib/council/settings";
import { drawAction } from "../../actions";

export const metadata: Metadata = { title: "Announce a council draw" };

/** The default draw time a week ahead, as a datetime-local value in UTC. */
const weekFrom = (now: Date) => new Date(now.getTime() + 7 * 86_400_000).toISOString().slice(0, 16);

export default async function NewDrawPage() {
  const viewer = await getViewer();
  if (!can(viewer, "draw.announce", null)) notFound();
  const settings = await getCouncilSettings(getDb());
  const inAWeek = weekFrom(new Date());
  return (
    <div className="max-w-2xl space-y-6">
      <PageHeader title="Announce a council draw">
        <p>
          Check the quotas first: if they cannot be met you are told which and by how much, and nothing is committed. Announcing freezes the pool as it is now, publishes it under
          pseudonymous ids with each volunteer&rsquo;s chance, and commits to a secret seed that is revealed when the draw runs.
        </p>
      </PageHeader>
      <DrawForm action={drawAction} categories={settings.poolCategories} defaultTime={inAWeek} />
    </div>
  );
}

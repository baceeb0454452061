import type { Metadata } from "next";
import { StoryList } from "@/components/stories/story-list";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { listCuratedStories } from "@/lib/anecdotes/queries";
import { requirePermission } from "@/lib/auth/page-guard";
import { getViewer } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Stories to review" };

const GROUPS = [
  ["submitted", "Waiting for review"],
  ["accepted", "Accepted"],
  ["changes_requested", "Changes asked for"],
  ["declined", "Declined"],
] as const;

export default async function ReviewPage() {
  const viewer = await getViewer();
  requirePermission(viewer, "story.reviewQueue", null);
  const stories = await listCuratedStories(getDb(), viewer);
  return (
    <div className="space-y-6">
      <PageHeader title="Stories to review">
        <p>Stories in the themes you curate. Accept, ask for changes or decline with a reason; redact names before any use; the storyteller approves your text.</p>
      </PageHeader>
      {GROUPS.map(([status, label]) => {
        const group = stories.filter((s) => s.status === status);
        return (
          <section key={status} aria-labelledby={`${status}-heading`} className="space-y-2">
            <h2 id={`${status}-heading`} className="text-xl font-semibold">
              {label} ({group.length})
            </h2>
            {group.length ? <StoryList stories={group} label={label} /> : <EmptyState title={`Nothing ${label.toLowerCase()}`} level={3} />}
          </section>
        );
      })}
    </div>
  );
}

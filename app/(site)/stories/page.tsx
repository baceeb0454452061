import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { StoryList } from "@/components/stories/story-list";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { isSignedIn } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { getViewer } from "@/lib/auth/session";
import { listMyStories } from "@/lib/anecdotes/queries";

export const metadata: Metadata = { title: "Stories" };

export default async function StoriesPage() {
  const viewer = await getViewer();
  if (!isSignedIn(viewer)) forbidden();
  const stories = await listMyStories(getDb(), viewer);
  const curator = can(viewer, "story.reviewQueue", null);
  return (
    <div className="space-y-6">
      <PageHeader
        title="Stories"
        actions={
          <>
            {curator ? (
              <>
                <ButtonLink href="/stories/review" variant="secondary">
                  Review queue
                </ButtonLink>
                <ButtonLink href="/stories/takedowns" variant="secondary">
                  Take-down list
                </ButtonLink>
                <ButtonLink href="/stories/press" variant="secondary">
                  Press packs
                </ButtonLink>
              </>
            ) : null}
            {can(viewer, "story.submit", null) ? <ButtonLink href="/stories/new">Tell a story</ButtonLink> : null}
          </>
        }
      >
        <p>First-hand stories from members, for campaigning and the press. Only you and the curators of its theme read your story; it is used only as your consent allows, and you can withdraw that at any time.</p>
      </PageHeader>
      <section aria-labelledby="mine-heading" className="space-y-3">
        <h2 id="mine-heading" className="text-xl font-semibold">
          Your stories
        </h2>
        {stories.length === 0 ? <EmptyState title="You have not told a story yet" level={3} action={can(viewer, "story.submit", null) ? <ButtonLink href="/stories/new">Tell a story</ButtonLink> : undefined} /> : <StoryList stories={stories} label="Your stories" />}
      </section>
    </div>
  );
}

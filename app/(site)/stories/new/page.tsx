import type { Metadata } from "next";
import { StoryForm } from "@/components/stories/forms";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { requirePermission } from "@/lib/auth/page-guard";
import { getViewer } from "@/lib/auth/session";
import { listActiveThemes } from "@/lib/themes/queries";
import { submitStoryAction } from "../actions";

export const metadata: Metadata = { title: "Tell a story" };

export default async function NewStoryPage() {
  requirePermission(await getViewer(), "story.submit", null);
  const themes = await listActiveThemes(getDb());
  return (
    <div className="max-w-2xl space-y-6">
      <PageHeader title="Tell a story">
        <p>Something that happened to you, or that you saw. After you submit it you get a link to share with a member who can vouch for it.</p>
      </PageHeader>
      <StoryForm action={submitStoryAction} themes={themes.map((t) => ({ id: t.id, title: t.title }))} />
    </div>
  );
}

import type { Metadata } from "next";
import { RevisionPage } from "@/components/collab/revision-page";
import { orNotFound } from "@/components/papers/load";
import { getDb } from "@/db";
import { getViewer } from "@/lib/auth/session";
import { getSynthesisForReaders } from "@/lib/collab/documents";
import { docName } from "@/lib/collab/protocol";
import { notFound } from "@/lib/errors";
import { getRevisionView } from "@/lib/responses/revision-view";
import { getThemeBySlug } from "@/lib/themes/queries";

export const metadata: Metadata = { title: "Synthesis revision" };

export default async function SynthesisRevisionPage({ params }: { params: Promise<{ slug: string; revisionId: string }> }) {
  const { slug, revisionId } = await params;
  const db = getDb();
  const viewer = await getViewer();
  const revision = await orNotFound(async () => {
    const theme = await getThemeBySlug(db, viewer, slug);
    const now = await getSynthesisForReaders(db, viewer, theme.id);
    if (!now.id) throw notFound("revision", "That revision could not be found.");
    return getRevisionView(db, viewer, docName("synthesis", now.id), revisionId, now);
  });
  return <RevisionPage revision={revision} backHref={`/themes/${slug}/synthesis`} backLabel="Back to the synthesis" title="Synthesis revision" />;
}

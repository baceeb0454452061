import type { Metadata } from "next";
import { RevisionPage } from "@/components/collab/revision-page";
import { orNotFound } from "@/components/papers/load";
import { getDb } from "@/db";
import { getViewer } from "@/lib/auth/session";
import { getResponseForReaders } from "@/lib/collab/documents";
import { docName } from "@/lib/collab/protocol";
import { notFound } from "@/lib/errors";
import { getRevisionView } from "@/lib/responses/revision-view";

export const metadata: Metadata = { title: "Response revision" };

export default async function ResponseRevisionPage({ params }: { params: Promise<{ id: string; revisionId: string }> }) {
  const { id, revisionId } = await params;
  const db = getDb();
  const viewer = await getViewer();
  const revision = await orNotFound(async () => {
    const now = await getResponseForReaders(db, viewer, id);
    if (!now.id) throw notFound("revision", "That revision could not be found.");
    return getRevisionView(db, viewer, docName("response", now.id), revisionId, now);
  });
  return <RevisionPage revision={revision} backHref={`/papers/${id}/response`} backLabel="Back to the response" title="Response revision" />;
}

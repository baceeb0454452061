// TEMP paper page for discussion work: the papers helper's page replaces this at merge.
import { desc, eq } from "drizzle-orm";
import { notFound } from "next/navigation";
import { Thread } from "@/components/discussion/thread";
import { getDb } from "@/db";
import { paperVersions } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import { getViewer } from "@/lib/auth/session";
import { isUuid, loadPaperResource } from "@/lib/papers/resource";

export default async function PaperPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const db = getDb();
  const viewer = await getViewer();
  const paper = await loadPaperResource(db, id).catch(() => notFound());
  if (!can(viewer, "paper.view", paper)) notFound();
  const [version] = await db
    .select({ title: paperVersions.title, html: paperVersions.html })
    .from(paperVersions)
    .where(eq(paperVersions.paperId, id))
    .orderBy(desc(paperVersions.number))
    .limit(1);
  if (!version) notFound();
  return (
    <article className="mx-auto max-w-3xl space-y-8">
      <h1 className="text-3xl font-bold tracking-tight">{version.title}</h1>
      <div id="paper-body" className="space-y-4 font-serif text-lg leading-relaxed" dangerouslySetInnerHTML={{ __html: version.html }} />
      <Thread paper={{ ...paper, title: version.title }} viewer={viewer} searchParams={await searchParams} />
    </article>
  );
}

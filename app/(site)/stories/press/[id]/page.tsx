import type { Metadata } from "next";
import { attributionOf } from "@/lib/anecdotes/press-pack";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { getPressPack } from "@/lib/anecdotes/queries";
import { loadForPage } from "@/lib/auth/page-guard";
import { getViewer } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Press pack" };

export default async function PressPackPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await getViewer();
  const pack = await loadForPage(() => getPressPack(getDb(), viewer, id));
  const link = "inline-flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-4 font-medium text-blue-800 underline";
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader title={pack.title}>
        <p>
          {pack.themeTitle} · {pack.entries.length} {pack.entries.length === 1 ? "story" : "stories"} as their consent allows today
        </p>
      </PageHeader>
      <div className="flex flex-wrap gap-2">
        <a href={`/stories/press/${pack.id}/download?format=docx`} className={link}>
          Download as Word (DOCX)
        </a>
        <a href={`/stories/press/${pack.id}/download?format=html`} className={link}>
          Download as HTML
        </a>
      </div>
      {pack.leftOut ? (
        <Notice tone="warning" role="status">
          {pack.leftOut} {pack.leftOut === 1 ? "story chosen for this pack is" : "stories chosen for this pack are"} left out: the teller&apos;s consent no longer allows it.
        </Notice>
      ) : null}
      {pack.entries.length === 0 ? <p>No story in this pack may be used at present.</p> : null}
      {pack.entries.map((e) => (
        <article key={e.storyId} className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="text-xl font-semibold">{e.title}</h2>
          {e.text.split(/\n{2,}/).map((p, i) => (
            <p key={i}>{p}</p>
          ))}
          <p className="italic">— {attributionOf(e)}</p>
        </article>
      ))}
    </div>
  );
}

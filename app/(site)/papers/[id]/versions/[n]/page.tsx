import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { orNotFound } from "@/components/papers/load";
import { proseClass } from "@/components/papers/prose";
import { formatDate } from "@/components/papers/status";
import { VersionDiff } from "@/components/papers/version-diff";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { getViewer } from "@/lib/auth/session";
import { diffStats, diffVersions } from "@/lib/papers/diff";
import { getPaperForReading, getVersionText, listVersions } from "@/lib/papers/queries";

export const metadata: Metadata = { title: "Version" };

type Params = { params: Promise<{ id: string; n: string }>; searchParams: Promise<{ against?: string }> };

export default async function VersionPage({ params, searchParams }: Params) {
  const [{ id, n }, { against }] = await Promise.all([params, searchParams]);
  const number = Number(n);
  if (!Number.isInteger(number) || number < 1) notFound();
  const db = getDb();
  const viewer = await getViewer();
  const paper = await orNotFound(() => getPaperForReading(db, viewer, id, number));
  if (paper.kind === "hidden") notFound();
  const { versions } = await listVersions(db, viewer, id);
  const base = against !== undefined ? Number(against) : number - 1;
  const baseValid = Number.isInteger(base) && base >= 1 && base !== number && versions.some((v) => v.number === base);
  const [current, previous] = baseValid ? await Promise.all([getVersionText(db, viewer, id, number), getVersionText(db, viewer, id, base)]) : [null, null];
  const blocks = current && previous ? diffVersions(previous.plainText, current.plainText) : null;
  const stats = blocks ? diffStats(blocks) : null;
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href={`/papers/${id}/versions`} className="text-blue-800 underline">
          ← All versions
        </Link>
      </p>
      <PageHeader title={`${paper.title}: version ${number}`}>
        <p>
          Published {formatDate(paper.publishedAt)} · {paper.author}
          {number === paper.latest ? " · the current version" : null}
        </p>
      </PageHeader>
      {versions.length > 1 ? (
        <form method="get" className="flex flex-wrap items-end gap-2">
          <div>
            <label htmlFor="against" className="block text-sm font-medium">
              Compare with
            </label>
            <select id="against" name="against" defaultValue={baseValid ? String(base) : ""} className="min-h-11 rounded-md border border-slate-400 bg-white px-3">
              {versions
                .filter((v) => v.number !== number)
                .map((v) => (
                  <option key={v.number} value={v.number}>
                    Version {v.number}
                  </option>
                ))}
            </select>
          </div>
          <button type="submit" className="min-h-11 rounded-md border border-slate-300 bg-white px-4 font-medium hover:bg-slate-50">
            Compare
          </button>
        </form>
      ) : null}
      {blocks && previous ? (
        <section aria-labelledby="changes-heading" className="space-y-3">
          <h2 id="changes-heading" className="text-2xl font-semibold">
            Changes from version {previous.number}
          </h2>
          <p className="text-slate-700">
            {stats!.added} words added, {stats!.removed} words removed. Added text is underlined, removed text is struck through.
          </p>
          <VersionDiff blocks={blocks} />
        </section>
      ) : null}
      <section aria-labelledby="text-heading" className="space-y-3">
        <h2 id="text-heading" className="text-2xl font-semibold">
          Text of version {number}
        </h2>
        <div className={proseClass} dangerouslySetInnerHTML={{ __html: paper.html.replace(/<(\/?)h([234])/g, (_m, slash: string, l: string) => `<${slash}h${Math.min(4, Number(l) + 1)}`) }} />
      </section>
    </div>
  );
}

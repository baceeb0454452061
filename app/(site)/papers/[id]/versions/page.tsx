import type { Metadata } from "next";
import Link from "next/link";
import { orNotFound } from "@/components/papers/load";
import { formatDate } from "@/components/papers/status";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { getViewer } from "@/lib/auth/session";
import { listVersions } from "@/lib/papers/queries";

export const metadata: Metadata = { title: "Versions" };

export default async function VersionsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { title, versions } = await orNotFound(async () => listVersions(getDb(), await getViewer(), id));
  return (
    <div>
      <p className="mb-2 text-sm">
        <Link href={`/papers/${id}`} className="text-blue-800 underline">
          ← Back to the paper
        </Link>
      </p>
      <PageHeader title={`Versions of “${title}”`}>
        <p>Each version was accepted by the council. Earlier versions stay readable, and you can see what changed.</p>
      </PageHeader>
      <ol className="space-y-3">
        {versions.map((v) => (
          <li key={v.number} className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 className="text-lg font-semibold">
              <Link href={`/papers/${id}/versions/${v.number}`} className="underline-offset-4 hover:underline">
                Version {v.number}
              </Link>
            </h2>
            <p className="text-sm text-slate-700">
              Published {formatDate(v.publishedAt)} · {v.wordCount.toLocaleString("en-GB")} words{v.title !== title ? ` · titled “${v.title}”` : ""}
            </p>
          </li>
        ))}
      </ol>
    </div>
  );
}

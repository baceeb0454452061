import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Notice } from "@/components/ui/notice";
import { getDb } from "@/db";
import { getViewer } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { getFactVersion } from "@/lib/facts/queries";
import { SOURCE_KIND_LABELS } from "@/lib/validation/facts";

export const metadata: Metadata = { title: "Fact version" };
const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

export default async function FactVersionPage({ params }: { params: Promise<{ id: string; number: string }> }) {
  const { id, number } = await params;
  const n = Number.parseInt(number, 10);
  if (!Number.isInteger(n) || n < 1) notFound();
  const version = await getFactVersion(getDb(), await getViewer(), id, n).catch((e: unknown) => {
    if (isAppError(e) && e.kind === "not_found") notFound();
    throw e;
  });
  return (
    <article className="space-y-6">
      <p className="text-sm text-slate-700">
        <Link href={`/facts/${id}`} className="underline">
          Back to the fact
        </Link>
      </p>
      <h1 className="text-2xl font-bold sm:text-3xl">
        Version {version.number} of {version.latest}
      </h1>
      {version.number !== version.latest ? <Notice tone="info">This is an earlier version. The fact page shows the current one.</Notice> : null}
      <p className="text-lg">{version.statement}</p>
      <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
        {version.figure ? (
          <>
            <dt className="font-medium text-slate-700">Figure</dt>
            <dd>{version.figure}</dd>
          </>
        ) : null}
        {version.asOf || version.period ? (
          <>
            <dt className="font-medium text-slate-700">When</dt>
            <dd>{[version.period, version.asOf ? `as of ${when.format(new Date(version.asOf))}` : null].filter(Boolean).join(", ")}</dd>
          </>
        ) : null}
        {version.place ? (
          <>
            <dt className="font-medium text-slate-700">Where</dt>
            <dd>{version.place}</dd>
          </>
        ) : null}
        <dt className="font-medium text-slate-700">Made by</dt>
        <dd>
          {version.authorName ?? "A former member"} on {when.format(version.createdAt)}
        </dd>
        <dt className="font-medium text-slate-700">Why</dt>
        <dd>{version.reason}</dd>
      </dl>
      <section aria-labelledby="v-sources" className="space-y-2">
        <h2 id="v-sources" className="text-xl font-semibold">
          Sources of this version
        </h2>
        <ul className="list-disc space-y-1 pl-6">
          {version.sources.map((s, i) => (
            <li key={i}>
              <a href={s.url} className="break-words underline" rel="nofollow noopener">
                {s.title}
              </a>{" "}
              — {s.publisher} ({SOURCE_KIND_LABELS[s.kind]})
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}

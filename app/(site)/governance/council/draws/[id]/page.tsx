import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ConfirmButtonForm } from "@/components/council/forms";
import { Notice } from "@/components/ui/notice";
import { getDb } from "@/db";
import { can } from "@/lib/auth/permissions";
import { getViewer } from "@/lib/auth/session";
import { describeQuota, selectionProbabilities } from "@/lib/council/draw";
import { getPublishedDraw } from "@/lib/council/draws";
import { runDrawAction } from "../../actions";

export const metadata: Metadata = { title: "Council draw" };
const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const percent = (x: number) => `${(x * 100).toFixed(2)}%`;
const UUID = /^[0-9a-f-]{36}$/i;

export default async function DrawPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ announced?: string; drawn?: string }> }) {
  const { id } = await params;
  const sp = await searchParams;
  if (!UUID.test(id)) notFound();
  const draw = await getPublishedDraw(getDb(), id);
  if (!draw) notFound();
  const viewer = await getViewer();
  const a = draw.announcement;
  const due = draw.drawNotBefore <= new Date();
  const mayRun = can(viewer, "draw.run", { id, status: draw.status as "announced", due });
  const chances = [...selectionProbabilities(a).values()];
  return (
    <article className="space-y-8">
      <header className="space-y-3">
        <p className="text-sm font-medium uppercase tracking-wide text-slate-600">
          <Link href="/governance/council" className="underline">
            The council
          </Link>{" "}
          · {draw.purpose === "appeal_panel" ? "Appeal panel draw" : "Council draw"}
        </p>
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{a.title}</h1>
        {sp.announced ? (
          <Notice tone="success" role="status" title="The draw is announced">
            The pool is frozen and the seed committed. It runs once, at or after the time below.
          </Notice>
        ) : null}
        {sp.drawn ? (
          <Notice tone="success" role="status" title="The draw has run">
            The panel below now holds its seats. Anyone can check it on the verify page.
          </Notice>
        ) : null}
        <p className="text-slate-800">
          {a.seats} seats from {a.pool.length} volunteers.{" "}
          {draw.result ? "Drawn." : `Draws at or after ${when.format(draw.drawNotBefore)} UTC.`}{" "}
          <Link href={`/governance/council/draws/${id}/verify`} className="font-medium underline">
            Verify this draw
          </Link>{" "}
          ·{" "}
          <a href={`/governance/council/draws/${id}/draw.json`} className="underline">
            Download its inputs (JSON)
          </a>
        </p>
        {mayRun && !draw.result ? (
          <ConfirmButtonForm
            trigger="Run the draw"
            title="Run the draw now?"
            description="The seed is revealed and the panel seated. A draw runs once; its result cannot be changed."
            action={runDrawAction}
            hidden={{ drawId: id }}
            label="Reveal the seed and draw"
          />
        ) : null}
      </header>

      <section aria-labelledby="commitment" className="space-y-2">
        <h2 id="commitment" className="text-xl font-semibold">
          Commitment
        </h2>
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium">Announcement hash</dt>
          <dd className="break-all font-mono">{draw.announcementHash}</dd>
          <dt className="font-medium">Seed commitment (sha256)</dt>
          <dd className="break-all font-mono">{a.commitment.hash}</dd>
          <dt className="font-medium">Seed</dt>
          <dd className="break-all font-mono">{draw.result ? draw.result.seed : "Secret until the draw runs"}</dd>
          <dt className="font-medium">Algorithm</dt>
          <dd>
            {a.algorithm.name} version {a.algorithm.version} (maximin over volunteer types; see <Link href={`/governance/council/draws/${id}/verify`} className="underline">how it works</Link>)
          </dd>
        </dl>
        <p className="text-sm text-slate-700">{a.commitment.note}</p>
      </section>

      <section aria-labelledby="quotas" className="space-y-2">
        <h2 id="quotas" className="text-xl font-semibold">
          Quotas and chances
        </h2>
        {a.quotas.length ? (
          <ul className="list-inside list-disc text-slate-800">
            {a.quotas.map((q) => (
              <li key={`${q.category}:${q.value}`}>{describeQuota(a.categories, q)}</li>
            ))}
          </ul>
        ) : (
          <p>No quotas: every volunteer has the same chance.</p>
        )}
        {chances.length ? (
          <p className="text-slate-800">
            The least likely volunteer has a {percent(Math.min(...chances))} chance, the most likely {percent(Math.max(...chances))}; with no quotas everyone would have{" "}
            {percent(a.seats / Math.max(1, a.pool.length))}.
          </p>
        ) : null}
      </section>

      {draw.result ? (
        <section aria-labelledby="result" className="space-y-3">
          <h2 id="result" className="text-xl font-semibold">
            Result
          </h2>
          <h3 className="font-semibold">Panel, by pool id</h3>
          <ul className="flex flex-wrap gap-2">
            {draw.result.panel.map((p) => (
              <li key={p} className="rounded border border-slate-300 bg-white px-2 py-1 font-mono text-sm">
                {p}
              </li>
            ))}
          </ul>
          <h3 className="font-semibold">Reserve list, in order</h3>
          {draw.result.reserve.length ? (
            <ol className="list-inside list-decimal font-mono text-sm">
              {draw.result.reserve.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ol>
          ) : (
            <p>No reserves: the pool was no larger than the panel.</p>
          )}
        </section>
      ) : null}
    </article>
  );
}

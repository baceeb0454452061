import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DrawVerifier } from "@/components/council/draw-verifier";
import { getDb } from "@/db";
import { getPublishedDraw } from "@/lib/council/draws";

export const metadata: Metadata = { title: "Verify a council draw" };

export default async function VerifyPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const draw = await getPublishedDraw(getDb(), id);
  if (!draw) notFound();
  return (
    <article className="max-w-3xl space-y-6">
      <p className="text-sm font-medium uppercase tracking-wide text-slate-600">
        <Link href={`/governance/council/draws/${id}`} className="underline">
          {draw.announcement.title}
        </Link>{" "}
        · Verify
      </p>
      <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Verify this draw in your browser</h1>
      <p>
        Your browser fetches the published inputs and re-runs the draw with the same code the site uses (<code>lib/council/draw.ts</code>), without asking the server anything else.
        From a terminal: download <a href={`/governance/council/draws/${id}/draw.json`} className="underline">draw.json</a> and run{" "}
        <code className="break-all">npx tsx scripts/verify-draw.ts draw.json</code>.
      </p>
      <DrawVerifier url={`/governance/council/draws/${id}/draw.json`} />
      <section aria-labelledby="how" className="space-y-2 text-slate-800">
        <h2 id="how" className="text-xl font-semibold">
          How the draw works
        </h2>
        <ol className="list-inside list-decimal space-y-1">
          <li>Volunteers who declared the same categories form a type; everyone of a type has the same chance.</li>
          <li>
            Before the announcement the site computes a lottery over panel shapes (how many of each type sit) that meets every quota and makes the smallest chance as large as
            possible (maximin, after Flanigan et al., Nature 2021), and publishes it with each volunteer&rsquo;s chance.
          </li>
          <li>The announcement (pool, quotas, lottery, algorithm) is hashed, and the site commits to sha256 of a secret seed.</li>
          <li>At the draw the seed is revealed. Random numbers are sha256(seed “:” announcement hash “:” counter), read 32 bits at a time, with rejection sampling.</li>
          <li>One shape is drawn by weight; within each type, in sorted order, its pool ids are shuffled and the first ones seated; the rest are shuffled into the reserve list.</li>
        </ol>
        <p className="text-sm">
          The operator makes the seed and so knows it before the draw; the commitment stops them changing it afterwards, but not from choosing it. A named future public randomness
          (a drand round) would close that gap; this site has no route to one.
        </p>
      </section>
    </article>
  );
}

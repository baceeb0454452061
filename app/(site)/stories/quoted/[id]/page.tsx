import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { getQuotedStory } from "@/lib/anecdotes/queries";

export const metadata: Metadata = { title: "A member's story" };

/** The public page a quoted story links to; gone (404) once its teller withdraws or lowers consent. */
export default async function QuotedStoryPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const story = await getQuotedStory(getDb(), id);
  if (!story) notFound();
  return (
    <div className="max-w-2xl space-y-6">
      <PageHeader title={story.title}>
        <p>
          {story.attribution} · {story.when}
        </p>
      </PageHeader>
      <blockquote className="space-y-3 border-l-4 border-slate-300 pl-4">
        {story.text.split(/\n{2,}/).map((p, i) => (
          <p key={i}>{p}</p>
        ))}
      </blockquote>
      <section aria-labelledby="quoted-in" className="space-y-1">
        <h2 id="quoted-in" className="text-lg font-semibold">
          Quoted in
        </h2>
        <ul className="list-disc pl-6">
          {story.paperLinks.map((l) => (
            <li key={l.url}>
              <Link href={l.url} className="text-blue-800 underline">
                {l.label}
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

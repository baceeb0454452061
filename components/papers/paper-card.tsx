import Link from "next/link";
import type { PaperCard as Card } from "@/lib/papers/queries";
import { formatDate } from "./status";

export function PaperCard({ paper, headingLevel = 3, showTheme = false }: { paper: Card; headingLevel?: 2 | 3; showTheme?: boolean }) {
  const Heading = `h${headingLevel}` as const;
  return (
    <article className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <Heading className="text-xl font-semibold text-slate-900">
        <Link href={`/papers/${paper.id}`} className="underline-offset-4 hover:underline">
          {paper.title}
        </Link>
      </Heading>
      <p className="mt-1 text-sm text-slate-700">
        By {paper.author}
        {showTheme ? <> in {paper.theme.title}</> : null} · {formatDate(paper.publishedAt)} · {paper.readingMinutes} min read · {paper.comments}{" "}
        {paper.comments === 1 ? "comment" : "comments"}
        {paper.version > 1 ? ` · version ${paper.version}` : null}
      </p>
      {paper.summary ? <p className="mt-2 line-clamp-3 text-slate-800">{paper.summary}</p> : null}
    </article>
  );
}

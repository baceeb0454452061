import type { TocEntry } from "@/lib/papers/render";

const indent = { 2: "", 3: "pl-4", 4: "pl-8" } as const;

/** Contents from the paper's headings; a <details> so it folds away on a phone and works without JavaScript. */
export function TableOfContents({ toc }: { toc: TocEntry[] }) {
  if (toc.length < 2) return null;
  return (
    <nav aria-label="Contents" className="rounded-md border border-slate-200 bg-slate-50 text-base lg:sticky lg:top-4">
      <details className="group px-4 py-2" open>
        <summary className="cursor-pointer py-1 font-semibold text-slate-900">Contents</summary>
        <ol className="mt-2 space-y-1 pb-2">
          {toc.map((entry) => (
            <li key={entry.id} className={indent[entry.level]}>
              <a href={`#${entry.id}`} className="text-blue-800 underline-offset-2 hover:underline">
                {entry.text}
              </a>
            </li>
          ))}
        </ol>
      </details>
    </nav>
  );
}

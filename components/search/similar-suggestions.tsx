"use client";

import { useEffect, useState } from "react";

export interface SimilarSuggestionsProps {
  /** What the member is typing: a comment or a paper title. */
  query: string;
  /** What to look among. */
  scope: "papers" | "comments" | "all";
  /** Limit comments to one paper's thread, when composing there. */
  paperId?: string;
}

interface Item {
  kind: "comment" | "paper";
  id: string;
  title: string;
  excerpt: string;
  url: string;
  samePaper: boolean;
  /** Why it was suggested ("shares “pharmacies”, “ailments”", "same theme"). */
  reasons?: string[];
}

/** Start looking once there is something to look for, and wait for a pause in typing. */
const MIN_CHARS = 8;
const DEBOUNCE_MS = 400;

/**
 * "Already discussed here": while someone writes, the comments and papers most like it, so they
 * can join a discussion that exists instead of starting another. Announced politely, never moves
 * focus.
 */
export function SimilarSuggestions({ query, scope, paperId }: SimilarSuggestionsProps) {
  const [found, setFound] = useState<{ q: string; items: Item[] }>({ q: "", items: [] });
  const q = query.trim();
  // Shown only while the text is long enough; stale results from a longer text are kept until replaced.
  const items = q.length >= MIN_CHARS ? found.items : [];

  useEffect(() => {
    if (q.length < MIN_CHARS) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      const params = new URLSearchParams({ q: q.slice(0, 1000), scope, ...(paperId ? { paperId } : {}) });
      try {
        const res = await fetch(`/api/similar?${params}`, { signal: controller.signal });
        if (!res.ok) return;
        const data = (await res.json()) as { items: Item[] };
        setFound({ q, items: data.items });
      } catch {
        // Suggestions are a help, not a requirement: a failed look-up shows nothing.
      }
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [q, scope, paperId]);

  return (
    <div aria-live="polite" className="text-sm">
      {items.length > 0 ? (
        <div className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2">
          <p className="font-semibold text-amber-950">Already discussed here</p>
          <ul className="mt-1 space-y-2">
            {items.map((item) => (
              <li key={`${item.kind}-${item.id}`}>
                <a href={item.url} className="font-medium text-blue-800 underline">
                  {item.kind === "paper" ? `Paper: ${item.title}` : `${item.samePaper ? "A comment in this discussion" : `A comment on “${item.title}”`}`}
                </a>
                {item.excerpt ? <p className="text-slate-800">{item.excerpt}</p> : null}
                {item.reasons?.length ? <p className="text-slate-700">Why: {item.reasons.join("; ")}</p> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

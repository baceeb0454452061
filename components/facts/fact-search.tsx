"use client";

import Link from "next/link";
import { useEffect, useId, useRef, useState } from "react";
import type { FactSearchResult } from "@/lib/facts/search";
import { FLAG_TEXT } from "@/lib/facts/chip";
import { SOURCE_KIND_LABELS, SOURCE_KINDS, type FactSearchParams } from "@/lib/validation/facts";
import { HardnessBadge } from "./hardness";

const control = "block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base";

function toQuery(p: FactSearchParams): string {
  const sp = new URLSearchParams();
  if (p.q) sp.set("q", p.q);
  if (p.theme) sp.set("theme", p.theme);
  if (p.kind) sp.set("kind", p.kind);
  if (p.min) sp.set("min", String(p.min));
  if (p.page > 1) sp.set("page", String(p.page));
  return sp.toString();
}

/**
 * Search that updates as you type: debounced requests to /api/facts/search, the URL kept in step
 * (so results are linkable and the back button works), and the count announced politely.
 * Without JavaScript the same form submits as a GET and the server renders the results.
 */
export function FactSearch({ initial, params, themes }: { initial: FactSearchResult; params: FactSearchParams; themes: { slug: string; title: string }[] }) {
  const [query, setQuery] = useState(params);
  const [result, setResult] = useState(initial);
  const [loading, setLoading] = useState(false);
  const first = useRef(true);
  const id = useId();

  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      const qs = toQuery(query);
      window.history.replaceState(null, "", qs ? `/facts?${qs}` : "/facts");
      setLoading(true);
      try {
        const res = await fetch(`/api/facts/search?${qs}`, { signal: controller.signal });
        if (res.ok) setResult((await res.json()) as FactSearchResult);
      } catch (e) {
        if ((e as Error).name !== "AbortError") throw e;
      } finally {
        if (!controller.signal.aborted) setLoading(false);
      }
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query]);

  const set = (patch: Partial<FactSearchParams>) => setQuery((q) => ({ ...q, page: 1, ...patch }));
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  const countText =
    result.total === 0
      ? "No facts found"
      : `${result.total === 1 ? "1 fact" : `${result.total.toLocaleString("en-GB")} facts`}${
          result.mode === "similar" ? (result.correctedQuery ? ` for “${result.correctedQuery}” (nothing matched the spelling as typed)` : " with a similar spelling") : ""
        }`;

  return (
    <div className="space-y-6">
      <form role="search" action="/facts" method="get" className="grid gap-4 sm:grid-cols-2" onSubmit={(e) => e.preventDefault()}>
        <div className="space-y-1 sm:col-span-2">
          <label htmlFor={`${id}-q`} className="block font-medium">
            Search facts
          </label>
          <input id={`${id}-q`} name="q" type="search" className={control} value={query.q} onChange={(e) => set({ q: e.target.value })} autoComplete="off" />
        </div>
        <div className="space-y-1">
          <label htmlFor={`${id}-theme`} className="block font-medium">
            Theme
          </label>
          <select id={`${id}-theme`} name="theme" className={control} value={query.theme} onChange={(e) => set({ theme: e.target.value })}>
            <option value="">All themes</option>
            {themes.map((t) => (
              <option key={t.slug} value={t.slug}>
                {t.title}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor={`${id}-kind`} className="block font-medium">
            Source kind
          </label>
          <select id={`${id}-kind`} name="kind" className={control} value={query.kind ?? ""} onChange={(e) => set({ kind: (e.target.value || undefined) as FactSearchParams["kind"] })}>
            <option value="">Any kind of source</option>
            {SOURCE_KINDS.map((k) => (
              <option key={k} value={k}>
                {SOURCE_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1 sm:col-span-2">
          <label htmlFor={`${id}-min`} className="block font-medium">
            Minimum hardness: {query.min}
          </label>
          <input id={`${id}-min`} name="min" type="range" min={0} max={100} step={5} value={query.min} onChange={(e) => set({ min: Number(e.target.value) })} className="w-full accent-blue-700" />
        </div>
        <noscript>
          <button type="submit" className="rounded-md bg-blue-700 px-4 py-2 text-white">
            Search
          </button>
        </noscript>
      </form>

      <p role="status" aria-live="polite" className="font-medium text-slate-800">
        {loading ? "Searching… " : null}
        {countText}
      </p>

      {result.hits.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-400 px-6 py-10 text-center">
          <h2 className="text-lg font-semibold">Nothing matches</h2>
          <p className="mt-2 text-slate-700">Try fewer or different words, another theme, or a lower minimum hardness. Cannot find a fact you know? Propose it.</p>
        </div>
      ) : (
        <ol className="space-y-3" aria-label="Facts found">
          {result.hits.map((hit) => (
            <li key={hit.id} className={`rounded-lg border bg-white p-4 ${hit.flag ? "border-2 border-dashed border-amber-600" : "border-slate-200"}`}>
              <h2 className="text-base font-medium">
                <Link href={`/facts/${hit.id}`} className="text-blue-900 underline-offset-2 hover:underline [&_mark]:bg-yellow-200 [&_mark]:text-slate-950">
                  <span dangerouslySetInnerHTML={{ __html: hit.headline }} />
                </Link>
              </h2>
              <p className="mt-2 flex flex-wrap items-center gap-2 text-sm text-slate-700">
                <HardnessBadge score={hit.hardness} />
                {hit.flag ? (
                  <strong className="uppercase tracking-wide text-amber-950">
                    <span aria-hidden="true">⚠ </span>
                    {FLAG_TEXT[hit.flag]}
                  </strong>
                ) : null}
                {hit.themes.length ? <span>{hit.themes.join(", ")}</span> : null}
              </p>
            </li>
          ))}
        </ol>
      )}

      {pages > 1 ? (
        <nav aria-label="Pages" className="flex items-center justify-between gap-4">
          {result.page > 1 ? (
            <a
              href={`/facts?${toQuery({ ...query, page: result.page - 1 })}`}
              className="rounded-md border border-slate-300 bg-white px-3 py-2"
              onClick={(e) => {
                e.preventDefault();
                setQuery((q) => ({ ...q, page: result.page - 1 }));
              }}
            >
              ← Previous
            </a>
          ) : (
            <span />
          )}
          <span className="text-sm text-slate-700">
            Page {result.page} of {pages}
          </span>
          {result.page < pages ? (
            <a
              href={`/facts?${toQuery({ ...query, page: result.page + 1 })}`}
              className="rounded-md border border-slate-300 bg-white px-3 py-2"
              onClick={(e) => {
                e.preventDefault();
                setQuery((q) => ({ ...q, page: result.page + 1 }));
              }}
            >
              Next →
            </a>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </div>
  );
}

"use client";

import { useEffect, useId, useState } from "react";
import { Dialog } from "@/components/ui/dialog";
import type { FactSearchResult } from "@/lib/facts/search";
import { FLAG_TEXT } from "@/lib/facts/chip";

/**
 * Finds a fact and hands its id to the editor, which inserts a `factChip` node:
 * `<FactPicker onPick={(id) => editor.chain().focus().insertFactChip(id).run()} />`.
 * Searches as you type through the same API as the facts page, typos included.
 */
export function FactPicker({ onPick, trigger = "Cite a fact" }: { onPick: (factId: string) => void; trigger?: string }) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog trigger={trigger} title="Cite a fact" open={open} onOpenChange={setOpen} description="Search the fact base; the chip shows the fact's hardness and is flagged if it is disputed or retracted.">
      {(close) => (
        <PickerSearch
          onPick={(id) => {
            onPick(id);
            close();
          }}
        />
      )}
    </Dialog>
  );
}

function PickerSearch({ onPick }: { onPick: (factId: string) => void }) {
  const [q, setQ] = useState("");
  const [result, setResult] = useState<FactSearchResult | null>(null);
  const id = useId();
  useEffect(() => {
    if (!q.trim()) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const res = await fetch(`/api/facts/search?${new URLSearchParams({ q })}`, { signal: controller.signal });
        if (res.ok) setResult((await res.json()) as FactSearchResult);
      } catch (e) {
        if ((e as Error).name !== "AbortError") throw e;
      }
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [q]);
  const hits = q.trim() ? (result?.hits ?? []) : [];
  return (
    <div className="space-y-3">
      <label htmlFor={`${id}-q`} className="block font-medium">
        Search facts
      </label>
      <input id={`${id}-q`} type="search" value={q} onChange={(e) => setQ(e.target.value)} className="block w-full rounded-md border border-slate-400 px-3 py-2" autoComplete="off" />
      <p role="status" aria-live="polite" className="text-sm text-slate-700">
        {q.trim() && result ? `${result.total} found` : ""}
      </p>
      <ul className="max-h-80 space-y-2 overflow-y-auto">
        {hits.map((hit) => (
          <li key={hit.id}>
            <button type="button" onClick={() => onPick(hit.id)} className="w-full rounded-md border border-slate-300 p-2 text-left hover:bg-slate-50 [&_mark]:bg-yellow-200">
              <span dangerouslySetInnerHTML={{ __html: hit.headline }} />
              <span className="mt-1 block text-sm text-slate-700">
                Hardness {hit.hardness}
                {hit.flag ? ` · ${FLAG_TEXT[hit.flag]}` : ""}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

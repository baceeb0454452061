"use client";

import { useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import type { MentionCandidate } from "@/lib/discussion/mentions";
import { searchMentionsAction } from "./actions";

/**
 * "Mention someone": a combobox (ARIA 1.2 pattern: an input that owns a listbox popup, the option
 * under the arrow keys given by aria-activedescendant) offering the people of this discussion by
 * their public name. Choosing one inserts `@Name` into the comment and remembers the member's id;
 * the server stores the mention by that id. Escape closes the list, then the picker.
 */
export function MentionPicker({ paperId, onPick }: { paperId: string; onPick: (m: MentionCandidate) => void }) {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const [options, setOptions] = useState<MentionCandidate[]>([]);
  const [active, setActive] = useState(-1);
  const [searched, setSearched] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const id = useId();
  const listId = `${id}-list`;
  const expanded = open && options.length > 0;

  useEffect(() => {
    if (!open) return;
    let stale = false;
    const t = setTimeout(async () => {
      const fd = new FormData();
      fd.set("paperId", paperId);
      fd.set("q", query);
      const r = await searchMentionsAction(null, fd).catch(() => null);
      if (stale) return;
      setOptions(r?.ok ? (r.data as MentionCandidate[]) : []);
      setActive(-1);
      setSearched(true);
    }, 150);
    return () => {
      stale = true;
      clearTimeout(t);
    };
  }, [open, query, paperId]);

  // Focus moves into the picker when it opens, and back to its button when Escape or Close shuts it
  // (after the re-render that brings the button back).
  const refocus = useRef(false);
  useEffect(() => {
    if (open) input.current?.focus();
    else if (refocus.current) {
      refocus.current = false;
      toggle.current?.focus();
    }
  }, [open]);

  const close = () => {
    setOpen(false);
    setQuery("");
    setOptions([]);
    setSearched(false);
    refocus.current = true;
  };
  const pick = (m: MentionCandidate) => {
    setOpen(false);
    setQuery("");
    setOptions([]);
    setSearched(false);
    onPick(m);
  };

  if (!open) {
    return (
      <Button ref={toggle} variant="secondary" onClick={() => setOpen(true)}>
        Mention someone
      </Button>
    );
  }
  return (
    <div className="relative w-full max-w-sm space-y-1">
      <label htmlFor={`${id}-input`} className="block font-medium text-slate-900">
        Mention someone in this discussion
      </label>
      <input
        ref={input}
        id={`${id}-input`}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? `${id}-opt-${active}` : undefined}
        aria-describedby={`${id}-status`}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown" && options.length) {
            e.preventDefault();
            setActive((a) => (a + 1) % options.length);
          } else if (e.key === "ArrowUp" && options.length) {
            e.preventDefault();
            setActive((a) => (a <= 0 ? options.length - 1 : a - 1));
          } else if (e.key === "Enter") {
            // Never submits the comment from here.
            e.preventDefault();
            const chosen = options[active >= 0 ? active : 0];
            if (chosen && (active >= 0 || options.length === 1)) pick(chosen);
          } else if (e.key === "Escape") {
            e.preventDefault();
            if (expanded && active >= 0) setActive(-1);
            else close();
          }
        }}
        className="block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base text-slate-900 shadow-sm"
      />
      <p id={`${id}-status`} role="status" className="text-sm text-slate-600">
        {!searched ? "Type a name; the people of this discussion are listed." : options.length === 0 ? "Nobody in this discussion by that name." : `${options.length} ${options.length === 1 ? "person" : "people"} found. Use the arrow keys and Enter to choose.`}
      </p>
      <ul id={listId} role="listbox" aria-label="People to mention" hidden={!expanded} className="absolute z-30 mt-1 max-h-60 w-full overflow-auto rounded-md border border-slate-300 bg-white py-1 shadow-lg">
        {options.map((o, i) => (
          <li
            key={o.id}
            id={`${id}-opt-${i}`}
            role="option"
            aria-selected={i === active}
            onPointerDown={(e) => e.preventDefault()}
            onClick={() => pick(o)}
            className={`cursor-pointer px-3 py-2 text-slate-900 ${i === active ? "bg-blue-100" : "hover:bg-slate-100"}`}
          >
            {o.name}
          </li>
        ))}
      </ul>
      <Button variant="ghost" onClick={close}>
        Close
      </Button>
    </div>
  );
}

"use client";

import { useEffect, useState } from "react";
import { QUOTE_EVENT } from "./composer";

/** Longest passage a comment quotes; a longer selection is cut at a word. */
const MAX_QUOTE = 1000;

function selectedPassage(): string | null {
  const selection = window.getSelection();
  const body = document.getElementById("paper-body");
  if (!selection || selection.isCollapsed || !body || selection.rangeCount === 0) return null;
  const range = selection.getRangeAt(0);
  if (!body.contains(range.commonAncestorContainer)) return null;
  const text = selection.toString().replace(/\s+/g, " ").trim();
  if (!text) return null;
  return text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE).replace(/\s+\S*$/, "")}…` : text;
}

/**
 * Selecting text in the paper (with a mouse, a finger, or the keyboard) offers a button to quote
 * it in a new comment. The button sits after the paper in the reading order, so it is the next
 * thing Tab reaches; the composer also has a field to paste a passage into, for any other way.
 */
export function QuoteSelection() {
  const [passage, setPassage] = useState<string | null>(null);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onChange = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const text = selectedPassage();
        if (text) setPassage(text);
        else if (!document.activeElement?.closest("[data-quote-button]")) setPassage(null);
      }, 150);
    };
    document.addEventListener("selectionchange", onChange);
    return () => {
      clearTimeout(timer);
      document.removeEventListener("selectionchange", onChange);
    };
  }, []);
  if (!passage) return null;
  return (
    <div data-quote-button className="fixed inset-x-0 bottom-4 z-40 flex justify-center px-4">
      <button
        type="button"
        // Keeps the selection (and focus) where it is while the button is pressed.
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => {
          window.dispatchEvent(new CustomEvent(QUOTE_EVENT, { detail: passage }));
          setPassage(null);
        }}
        className="rounded-full bg-slate-900 px-5 py-3 font-medium text-white shadow-lg hover:bg-slate-800"
      >
        Quote in a comment
      </button>
    </div>
  );
}

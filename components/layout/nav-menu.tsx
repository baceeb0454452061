"use client";

import { usePathname } from "next/navigation";
import { useEffect, useId, useRef, useState, type ReactNode } from "react";

/**
 * The header's links behind one "Menu" button on a phone (the disclosure pattern): the button
 * says whether the list is shown (aria-expanded), Escape closes it and gives focus back to the
 * button, and following a link closes it. From the md breakpoint up the button is gone and the
 * links sit in a row, so wider screens never see the menu at all.
 */
export function NavMenu({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const id = useId();
  const pathname = usePathname();
  const [shownFor, setShownFor] = useState(pathname);
  if (shownFor !== pathname) {
    // A new page: the menu closes (adjusting state while rendering, as React recommends over an effect).
    setShownFor(pathname);
    setOpen(false);
  }

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    const onPointer = (e: PointerEvent) => {
      const t = e.target as Node;
      if (!panel.current?.contains(t) && !button.current?.contains(t)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [open]);

  return (
    <>
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
        className="inline-flex min-h-11 items-center gap-2 rounded-md border border-slate-400 px-3 py-2 font-medium text-slate-900 hover:bg-slate-100 md:hidden"
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
          {open ? <path d="M6 6l12 12M18 6L6 18" /> : <path d="M4 7h16M4 12h16M4 17h16" />}
        </svg>
        Menu
      </button>
      <div
        ref={panel}
        id={id}
        onClick={(e) => {
          // A link followed to the page already shown changes no pathname: close here too.
          if ((e.target as HTMLElement).closest("a")) setOpen(false);
        }}
        className={`${open ? "flex" : "hidden"} absolute inset-x-0 top-full z-40 flex-col items-stretch gap-1 border-b border-slate-300 bg-white px-4 pb-3 pt-1 text-base shadow-lg md:static md:flex md:flex-row md:flex-wrap md:items-center md:gap-x-1 md:border-0 md:p-0 md:shadow-none`}
      >
        {children}
      </div>
    </>
  );
}

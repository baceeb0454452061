"use client";

import { usePathname, useRouter } from "next/navigation";
import { useRef, useTransition, type ReactNode } from "react";

/**
 * The directory's search form is a plain GET form the server renders results for. With JavaScript
 * it also updates as you type: each change (debounced) replaces the address, and the server
 * renders the new results in place.
 */
export function LiveSearchForm({ children }: { children: ReactNode }) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const form = useRef<HTMLFormElement>(null);

  function update() {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const data = new FormData(form.current!);
      const qs = new URLSearchParams();
      for (const [k, v] of data) if (typeof v === "string" && v.trim()) qs.set(k, v.trim());
      const q = qs.toString();
      startTransition(() => router.replace(q ? `${pathname}?${q}` : pathname, { scroll: false }));
    }, 350);
  }

  return (
    <form ref={form} method="get" role="search" aria-label="Search the directory" onChange={update} onInput={update} aria-busy={pending} className="space-y-4">
      {children}
      <p aria-live="polite" className="sr-only">
        {pending ? "Updating results…" : ""}
      </p>
    </form>
  );
}

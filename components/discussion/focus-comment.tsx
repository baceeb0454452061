"use client";

import { useEffect } from "react";

/** On a permalink, brings the comment into view and moves focus to it, so a screen reader starts there. */
export function FocusComment({ elementId }: { elementId: string }) {
  useEffect(() => {
    const el = document.getElementById(elementId);
    if (!el) return;
    el.scrollIntoView({ block: "center" });
    el.focus({ preventScroll: true });
  }, [elementId]);
  return null;
}

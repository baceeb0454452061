"use client";

import { useState } from "react";

/**
 * A key for a form that changes with each answer from its server action. React resets a form
 * after its action runs, back to each control's defaults as they were when it was first
 * rendered: text fields follow a changed defaultValue, but selects and radios do not. After a
 * refused submit they would silently lose what was chosen, and the next submit send something
 * else (a ballot losing its first preference). Keyed by the answer, the form mounts again with
 * the echoed values as its defaults, so the reset keeps them.
 */
export function useAnswerKey(state: unknown): number {
  const [seen, setSeen] = useState({ state, n: 0 });
  if (seen.state !== state) {
    setSeen({ state, n: seen.n + 1 });
    return seen.n + 1;
  }
  return seen.n;
}

"use client";

import { useActionState, useOptimistic, useState } from "react";
import { cn } from "@/components/ui/cn";
import type { FormState } from "@/lib/actions";
import { setFollowingAction } from "./actions";

/**
 * The toggle itself: it shows the new state at once and settles on what the server says.
 * aria-pressed tells screen readers the state; the visible text says it too.
 */
export function FollowToggle({
  targetType,
  targetId,
  label,
  following: initial,
  size = "sm",
}: {
  targetType: "theme" | "paper";
  targetId: string;
  label: string;
  following: boolean;
  size?: "sm" | "md";
}) {
  // What the server last confirmed; a failed attempt falls back to it, not to the page's first state.
  const [confirmed, setConfirmed] = useState(initial);
  const [state, dispatch, pending] = useActionState<FormState, FormData>(async (prev, formData) => {
    const result = await setFollowingAction(prev, formData);
    if (result?.ok) setConfirmed((result.data as { following: boolean }).following);
    return result;
  }, null);
  const [following, setOptimistic] = useOptimistic(confirmed);
  const error = state && !state.ok ? (state.message ?? Object.values(state.fieldErrors ?? {})[0]?.[0] ?? "That did not work. Please try again.") : null;
  return (
    <form
      action={(formData) => {
        setOptimistic(formData.get("follow") === "true");
        dispatch(formData);
      }}
      className="inline-flex flex-col items-start gap-1"
    >
      <input type="hidden" name="targetType" value={targetType} />
      <input type="hidden" name="targetId" value={targetId} />
      <input type="hidden" name="follow" value={following ? "false" : "true"} />
      <button
        type="submit"
        aria-pressed={following}
        // Shown at once; aria-busy says the server has not confirmed it yet.
        aria-busy={pending || undefined}
        className={cn(
          "inline-flex items-center gap-2 rounded-md border font-medium transition-colors",
          size === "sm" ? "min-h-9 px-3 text-sm" : "min-h-11 px-4 text-base",
          following ? "border-blue-700 bg-blue-50 text-blue-900 hover:bg-blue-100" : "border-slate-300 bg-white text-slate-900 hover:bg-slate-50",
        )}
      >
        <span aria-hidden="true">{following ? "✓" : "+"}</span>
        {following ? "Following" : "Follow"}
        <span className="sr-only"> {label}</span>
      </button>
      {error ? (
        <p role="alert" className="text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </form>
  );
}

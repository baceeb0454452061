"use client";

import { useActionState, useEffect, useRef, type ReactNode } from "react";
import { useFormStatus } from "react-dom";
import type { FormState } from "@/lib/actions";
import { Button, type ButtonVariant } from "./button";
import { Notice } from "./notice";
import { useToast } from "./toast";

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

/**
 * State for a form bound to a server action. After a failure the form shows what was typed
 * (values echoed by the action) and each field's error; after a success it can toast.
 */
export function useFormAction(action: Action, opts: { successToast?: string } = {}) {
  const [state, dispatch, pending] = useActionState(action, null);
  const toast = useToast();
  const lastToasted = useRef<FormState>(null);
  useEffect(() => {
    if (state?.ok && state !== lastToasted.current) {
      lastToasted.current = state;
      const message = state.message ?? opts.successToast;
      if (message) toast(message);
    }
  }, [state, opts.successToast, toast]);
  const failed = state && !state.ok ? state : null;
  return {
    state,
    dispatch,
    pending,
    errors: (name: string) => failed?.fieldErrors?.[name],
    value: (name: string, fallback?: string | null) => failed?.values?.[name] ?? fallback ?? undefined,
  };
}

export function FormAlert({ state }: { state: FormState }) {
  if (!state || state.ok || !state.message) return null;
  return (
    <Notice tone="error" role="alert">
      {state.message}
    </Notice>
  );
}

export function SubmitButton({
  children,
  pendingLabel,
  variant,
  className,
}: {
  children: ReactNode;
  pendingLabel?: string;
  variant?: ButtonVariant;
  className?: string;
}) {
  const { pending } = useFormStatus();
  return (
    <Button type="submit" variant={variant} disabled={pending} aria-disabled={pending} className={className}>
      {pending ? (pendingLabel ?? "Saving…") : children}
    </Button>
  );
}

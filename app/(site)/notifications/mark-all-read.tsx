"use client";

import { FormAlert, SubmitButton, useFormAction } from "@/components/ui/form";
import { markAllReadAction } from "./actions";

export function MarkAllRead() {
  const { state, dispatch } = useFormAction(markAllReadAction);
  return (
    <form action={dispatch} className="space-y-2">
      <FormAlert state={state} />
      <SubmitButton variant="secondary" pendingLabel="Marking…">
        Mark all as read
      </SubmitButton>
    </form>
  );
}

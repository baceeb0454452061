"use client";

import { useEffect, useRef } from "react";
import { TextArea } from "@/components/ui/field";
import { FormAlert, SubmitButton, useFormAction } from "@/components/ui/form";
import type { FormState } from "@/lib/actions";

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

/** A member's suggestion for the synthesis: errors next to the field, text kept on failure. */
export function SuggestionForm({ themeId, action }: { themeId: string; action: Action }) {
  const form = useFormAction(action, { successToast: "Thank you: your suggestion is listed for the curators." });
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (form.state?.ok) ref.current?.reset();
  }, [form.state]);
  return (
    <form ref={ref} action={form.dispatch} className="space-y-3">
      <input type="hidden" name="themeId" value={themeId} />
      <TextArea
        label="Your suggestion"
        name="body"
        required
        rows={4}
        maxLength={4000}
        hint="What should the synthesis say, add or correct? *Emphasis*, **bold**, lists and links work."
        defaultValue={form.value("body")}
        errors={form.errors("body")}
      />
      <FormAlert state={form.state} />
      <SubmitButton pendingLabel="Sending…">Suggest</SubmitButton>
    </form>
  );
}

"use client";

import { TextArea } from "@/components/ui/field";
import { FormAlert, SubmitButton, useFormAction } from "@/components/ui/form";
import { setCuratorsAction } from "../actions";

export function CuratorsForm({ themeId, emails }: { themeId: string; emails: string[] }) {
  const { state, dispatch, errors, value } = useFormAction(setCuratorsAction);
  return (
    <form action={dispatch} className="space-y-4" noValidate>
      <FormAlert state={state} />
      <input type="hidden" name="themeId" value={themeId} />
      <TextArea
        label="Curators' e-mail addresses"
        name="curatorEmails"
        rows={3}
        defaultValue={value("curatorEmails", emails.join("\n"))}
        errors={errors("curatorEmails")}
        hint="One per line. Curators must be verified members; they edit the synthesis, publish digests and review anecdotes."
      />
      <SubmitButton>Save curators</SubmitButton>
    </form>
  );
}

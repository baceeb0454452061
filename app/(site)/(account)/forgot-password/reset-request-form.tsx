"use client";

import { Field } from "@/components/ui/field";
import { FormAlert, SubmitButton, useFormAction } from "@/components/ui/form";
import { Notice } from "@/components/ui/notice";
import { requestResetAction } from "./actions";

export function ResetRequestForm() {
  const { state, dispatch, errors, value } = useFormAction(requestResetAction);
  if (state?.ok) {
    return (
      <Notice tone="success" role="status" title="Check your e-mail">
        {state.message}
      </Notice>
    );
  }
  return (
    <form action={dispatch} className="space-y-4" noValidate>
      <FormAlert state={state} />
      <Field label="E-mail" name="email" type="email" autoComplete="email" required defaultValue={value("email")} errors={errors("email")} />
      <SubmitButton pendingLabel="Sending…">Send me a reset link</SubmitButton>
    </form>
  );
}

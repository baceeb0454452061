"use client";

import { Field } from "@/components/ui/field";
import { FormAlert, SubmitButton, useFormAction } from "@/components/ui/form";
import { resetPasswordAction } from "./actions";

export function ResetForm({ token }: { token: string }) {
  const { state, dispatch, errors } = useFormAction(resetPasswordAction);
  return (
    <form action={dispatch} className="space-y-4" noValidate>
      <FormAlert state={state} />
      <input type="hidden" name="token" value={token} />
      <Field label="New password" name="password" type="password" autoComplete="new-password" required errors={errors("password")} hint="At least 10 characters." />
      <Field label="New password again" name="confirm" type="password" autoComplete="new-password" required errors={errors("confirm")} />
      <SubmitButton pendingLabel="Saving…">Set new password</SubmitButton>
    </form>
  );
}

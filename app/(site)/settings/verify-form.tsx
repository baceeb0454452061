"use client";

import { Field } from "@/components/ui/field";
import { FormAlert, SubmitButton, useFormAction } from "@/components/ui/form";
import { claimMembershipAction } from "./actions";

export function VerifyForm() {
  const { state, dispatch, errors, value } = useFormAction(claimMembershipAction);
  return (
    <form action={dispatch} className="space-y-4" noValidate>
      <FormAlert state={state} />
      <Field label="Member number" name="memberNumber" autoComplete="off" required defaultValue={value("memberNumber")} errors={errors("memberNumber")} />
      <Field label="Postcode" name="postcode" autoComplete="postal-code" required defaultValue={value("postcode")} errors={errors("postcode")} />
      <SubmitButton pendingLabel="Checking…">Verify my membership</SubmitButton>
    </form>
  );
}

"use client";

import { Field } from "@/components/ui/field";
import { FormAlert, SubmitButton, useFormAction } from "@/components/ui/form";
import { signUpAction } from "./actions";

export function SignUpForm() {
  const { state, dispatch, errors, value } = useFormAction(signUpAction);
  return (
    <form action={dispatch} className="space-y-5" noValidate>
      <FormAlert state={state} />
      <Field label="Name" name="displayName" autoComplete="name" required defaultValue={value("displayName")} errors={errors("displayName")} hint="You can choose a pseudonym later, in your settings." />
      <Field label="E-mail" name="email" type="email" autoComplete="email" required defaultValue={value("email")} errors={errors("email")} />
      <Field label="Password" name="password" type="password" autoComplete="new-password" required errors={errors("password")} hint="At least 10 characters." />
      <fieldset className="space-y-4 rounded-md border border-slate-300 p-4">
        <legend className="px-1 font-semibold">Membership</legend>
        <p className="text-sm text-slate-700">
          Give your member number and postcode to be verified at once. If the e-mail above is the one on the membership roll, you can
          leave these empty.
        </p>
        <Field label="Member number" name="memberNumber" autoComplete="off" defaultValue={value("memberNumber")} errors={errors("memberNumber")} />
        <Field label="Postcode" name="postcode" autoComplete="postal-code" defaultValue={value("postcode")} errors={errors("postcode")} />
      </fieldset>
      <SubmitButton pendingLabel="Creating your account…">Create account</SubmitButton>
    </form>
  );
}

"use client";

import { Checkbox, Field } from "@/components/ui/field";
import { FormAlert, SubmitButton, useFormAction } from "@/components/ui/form";
import { updateProfileAction } from "./actions";

export function ProfileForm({ profile }: { profile: { displayName: string; pseudonym: string | null; usePseudonym: boolean } }) {
  const { state, dispatch, errors, value } = useFormAction(updateProfileAction);
  const failedValues = state && !state.ok ? state.values : undefined;
  return (
    <form action={dispatch} className="space-y-4" noValidate>
      <FormAlert state={state} />
      <Field label="Name" name="displayName" autoComplete="name" required defaultValue={value("displayName", profile.displayName)} errors={errors("displayName")} />
      <Field
        label="Pseudonym"
        name="pseudonym"
        autoComplete="nickname"
        defaultValue={value("pseudonym", profile.pseudonym)}
        errors={errors("pseudonym")}
        hint="A name to be known by instead of your own."
      />
      <Checkbox
        label="Show my pseudonym instead of my name"
        name="usePseudonym"
        defaultChecked={failedValues ? failedValues.usePseudonym === "true" : profile.usePseudonym}
        errors={errors("usePseudonym")}
      />
      <SubmitButton>Save profile</SubmitButton>
    </form>
  );
}

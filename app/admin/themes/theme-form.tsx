"use client";

import { Checkbox, Field, TextArea } from "@/components/ui/field";
import { FormAlert, SubmitButton, useFormAction } from "@/components/ui/form";
import type { FormState } from "@/lib/actions";

export interface ThemeDefaults {
  id?: string;
  title: string;
  slug: string;
  description: string;
  colour: string;
  discussionPublic: boolean;
}

export function ThemeForm({
  action,
  defaults,
  submitLabel,
}: {
  action: (prev: FormState, fd: FormData) => Promise<FormState>;
  defaults: ThemeDefaults;
  submitLabel: string;
}) {
  const { state, dispatch, errors, value } = useFormAction(action);
  const failed = state && !state.ok ? state.values : undefined;
  return (
    <form action={dispatch} className="space-y-4" noValidate>
      <FormAlert state={state} />
      {defaults.id ? <input type="hidden" name="themeId" value={defaults.id} /> : null}
      <Field label="Title" name="title" required defaultValue={value("title", defaults.title)} errors={errors("title")} />
      <Field
        label="Address"
        name="slug"
        required
        defaultValue={value("slug", defaults.slug)}
        errors={errors("slug")}
        hint="The theme's web address, /themes/… : lower-case letters, digits and dashes."
      />
      <TextArea label="Description" name="description" rows={4} defaultValue={value("description", defaults.description)} errors={errors("description")} />
      <Field label="Colour" name="colour" type="color" required defaultValue={value("colour", defaults.colour)} errors={errors("colour")} className="max-w-40" />
      <Checkbox
        label="Anyone can read the discussion"
        name="discussionPublic"
        defaultChecked={failed ? failed.discussionPublic === "true" : defaults.discussionPublic}
        hint="Otherwise only verified members read the discussion; papers and responses stay public."
      />
      <SubmitButton>{submitLabel}</SubmitButton>
    </form>
  );
}

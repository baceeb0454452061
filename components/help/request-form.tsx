"use client";

import { CheckboxGroup, SelectField } from "@/components/directory/fields";
import { Field, TextArea } from "@/components/ui/field";
import { FormAlert, SubmitButton, useFormAction } from "@/components/ui/form";
import type { FormState } from "@/lib/actions";
import { REGIONS } from "@/lib/directory/reference";

type Action = (prev: FormState, fd: FormData) => Promise<FormState>;

export function HelpRequestForm({ action, skills, themes }: { action: Action; skills: { slug: string; label: string }[]; themes: { id: string; title: string }[] }) {
  const { state, dispatch, errors, value } = useFormAction(action);
  const failed = state && !state.ok ? state.values : undefined;
  return (
    <form action={dispatch} className="space-y-5" key={failed ? JSON.stringify(failed) : "new"} noValidate>
      <FormAlert state={state} />
      <Field label="What help is needed" name="title" required maxLength={120} defaultValue={value("title")} errors={errors("title")} />
      <TextArea label="Describe the work" name="description" required rows={5} maxLength={3000} defaultValue={value("description")} errors={errors("description")} />
      <CheckboxGroup legend="Skills needed" prefix="skill" options={skills.map((s) => ({ value: s.slug, label: s.label }))} checked={(v) => failed?.[`skill.${v}`] === "true"} errors={errors("skills")} hint="Choose between 1 and 6." />
      <Field label="Hours needed" name="hoursNeeded" type="number" inputMode="numeric" min={1} max={200} required defaultValue={value("hoursNeeded")} errors={errors("hoursNeeded")} className="sm:max-w-xs" />
      <SelectField label="Where" name="place" defaultValue={value("place", "")} options={[{ value: "", label: "Choose…" }, { value: "remote", label: "Remote (anywhere)" }, ...REGIONS.map((r) => ({ value: r, label: r }))]} errors={errors("place")} className="sm:max-w-xs" />
      <Field label="Deadline" name="deadline" type="date" required defaultValue={value("deadline")} errors={errors("deadline")} className="sm:max-w-xs" />
      <SelectField label="Theme" name="themeId" defaultValue={value("themeId", "")} options={[{ value: "", label: "No particular theme" }, ...themes.map((t) => ({ value: t.id, label: t.title }))]} errors={errors("themeId")} className="sm:max-w-xs" />
      <SubmitButton pendingLabel="Posting…">Post the request</SubmitButton>
    </form>
  );
}

"use client";

import { Field, TextArea } from "@/components/ui/field";
import { FormAlert, SubmitButton, useFormAction } from "@/components/ui/form";
import type { FormState } from "@/lib/actions";
import type { OwnProfile } from "@/lib/directory/queries";
import { LANGUAGES, REGIONS } from "@/lib/directory/reference";
import { DIRECTORY_FIELD_LABELS, type DirectoryField } from "@/lib/directory/levels";
import { CheckboxGroup, SelectField, VisibilitySelect } from "./fields";

type Action = (prev: FormState, fd: FormData) => Promise<FormState>;

/**
 * The member's own profile, each field with its own "who may see" choice. A new profile starts at
 * "Only me" everywhere (privacy by default); after a failed save everything typed is kept.
 */
export function ProfileForm({ action, profile, skills, themes }: { action: Action; profile: OwnProfile; skills: { slug: string; label: string }[]; themes: { id: string; title: string }[] }) {
  const { state, dispatch, errors, value } = useFormAction(action);
  const failed = state && !state.ok ? state.values : undefined;
  const checked = (prefix: string, current: string[]) => (v: string) => (failed ? failed[`${prefix}.${v}`] === "true" : current.includes(v));
  const vis = (f: DirectoryField) => (
    <VisibilitySelect field={DIRECTORY_FIELD_LABELS[f]} name={`${f}Visibility`} value={value(`${f}Visibility`, profile.visibility[f])!} errors={errors(`${f}Visibility`)} />
  );
  return (
    <form action={dispatch} className="space-y-6" key={failed ? "failed" : "saved"} noValidate>
      <FormAlert state={state} />
      {state?.ok ? (
        <p role="status" className="rounded-md border border-green-300 bg-green-50 px-4 py-3 text-sm text-green-950">
          Profile saved.
        </p>
      ) : null}
      <section aria-labelledby="listing-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="listing-heading" className="text-lg font-semibold">
          Your listing
        </h2>
        <p className="text-sm text-slate-700">Nobody finds you in the directory unless your name is visible to them. Your name is shown as on the rest of the site (your pseudonym, if you use one).</p>
        {vis("name")}
      </section>
      <section aria-labelledby="skills-heading" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="skills-heading" className="text-lg font-semibold">
          Skills
        </h2>
        <CheckboxGroup legend="Skills you can offer" prefix="skill" options={skills.map((s) => ({ value: s.slug, label: s.label }))} checked={checked("skill", profile.skills)} errors={errors("skills")} />
        {vis("skills")}
        <Field label="Other skills (your own words)" name="tags" defaultValue={value("tags", profile.tags.join(", "))} errors={errors("tags")} hint="Separate them with commas, e.g. sign language, video editing." />
        {vis("tags")}
      </section>
      <section aria-labelledby="time-heading" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="time-heading" className="text-lg font-semibold">
          Time, place and languages
        </h2>
        <CheckboxGroup legend="Interests (themes)" prefix="interest" options={themes.map((t) => ({ value: t.id, label: t.title }))} checked={checked("interest", profile.interests)} errors={errors("interests")} />
        {vis("interests")}
        <Field label="Hours a month" name="hoursPerMonth" type="number" inputMode="numeric" min={0} max={200} defaultValue={value("hoursPerMonth", profile.hoursPerMonth?.toString() ?? "")} errors={errors("hoursPerMonth")} className="sm:max-w-xs" />
        {vis("hours")}
        <SelectField label="Region or branch" name="region" defaultValue={value("region", profile.region ?? "")} options={[{ value: "", label: "Not given" }, ...REGIONS.map((r) => ({ value: r, label: r }))]} errors={errors("region")} className="sm:max-w-xs" />
        {vis("region")}
        <CheckboxGroup legend="Languages" prefix="language" options={LANGUAGES.map((l) => ({ value: l, label: l }))} checked={checked("language", profile.languages)} errors={errors("languages")} />
        {vis("languages")}
      </section>
      <section aria-labelledby="contact-heading" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="contact-heading" className="text-lg font-semibold">
          Contact and about you
        </h2>
        <Field
          label="Contact preference"
          name="contactPreference"
          defaultValue={value("contactPreference", profile.contactPreference ?? "")}
          errors={errors("contactPreference")}
          hint="How you like to be reached once you say yes to a request, e.g. “phone after 6pm”. Members write to you through the site's messages; your e-mail address is never shown."
          maxLength={200}
        />
        {vis("contact")}
        <TextArea label="About you" name="bio" rows={3} maxLength={600} defaultValue={value("bio", profile.bio ?? "")} errors={errors("bio")} />
        {vis("bio")}
      </section>
      <SubmitButton pendingLabel="Saving…">Save profile</SubmitButton>
    </form>
  );
}

"use client";

import { Checkbox } from "@/components/ui/field";
import { FormAlert, SubmitButton, useFormAction } from "@/components/ui/form";
import type { NotificationSettings } from "@/lib/following/queries";
import { updateNotificationSettingsAction } from "./actions";

const SWITCHES: { name: keyof NotificationSettings; label: string; hint: string }[] = [
  { name: "emailPaperPublished", label: "A new paper is published in a theme I follow", hint: "Also when a paper there is revised." },
  { name: "emailCommentReply", label: "Someone replies to my comment, or comments on a paper I follow", hint: "One e-mail per comment." },
  { name: "emailPaperDecision", label: "The council decides on my paper", hint: "Accepted, returned with comments, or rejected, with the reason." },
  { name: "emailModeration", label: "A moderator hides or restores something I wrote", hint: "With the moderator's reason." },
];

export function NotificationSettingsForm({ settings }: { settings: NotificationSettings }) {
  const { state, dispatch, errors } = useFormAction(updateNotificationSettingsAction);
  const failed = state && !state.ok ? state.values : undefined;
  return (
    <form action={dispatch} className="space-y-4" noValidate>
      <FormAlert state={state} />
      <fieldset className="space-y-4">
        <legend className="mb-2 font-medium text-slate-900">Send me an e-mail when…</legend>
        {SWITCHES.map((s) => (
          <Checkbox
            key={s.name}
            name={s.name}
            label={s.label}
            hint={s.hint}
            defaultChecked={failed ? failed[s.name] === "true" : settings[s.name]}
            errors={errors(s.name)}
          />
        ))}
      </fieldset>
      <SubmitButton>Save e-mail settings</SubmitButton>
    </form>
  );
}

"use client";

import { FormAlert, SubmitButton, useFormAction } from "@/components/ui/form";
import type { NotificationSettings } from "@/lib/following/queries";
import type { MailCadence } from "@/lib/mail/preferences";
import { updateNotificationSettingsAction } from "./actions";

const KINDS: { name: keyof NotificationSettings; label: string; hint: string }[] = [
  { name: "emailPaperPublished", label: "A new paper is published in a theme I follow", hint: "Also when a paper there is revised, and new thread digests." },
  { name: "emailCommentReply", label: "Someone replies to my comment, or comments on a paper I follow", hint: "Also help invitations and contact requests." },
  { name: "emailMention", label: "Someone mentions me in a comment", hint: "A mention shows your public name only." },
  { name: "emailPaperDecision", label: "The council decides on my paper, or a decision I took part in closes", hint: "With the reason." },
  { name: "emailModeration", label: "A moderator hides or restores something I wrote", hint: "With the moderator's reason." },
];

const CADENCES: { value: MailCadence; label: string }[] = [
  { value: "immediate", label: "At once" },
  { value: "daily", label: "Daily digest" },
  { value: "never", label: "Never" },
];

export function NotificationSettingsForm({ settings }: { settings: NotificationSettings }) {
  const { state, dispatch, errors } = useFormAction(updateNotificationSettingsAction);
  const failed = state && !state.ok ? state.values : undefined;
  return (
    <form action={dispatch} className="space-y-6" noValidate>
      <FormAlert state={state} />
      <p className="text-slate-700">
        For each kind, choose an e-mail at once, one daily digest (sent each morning, grouped by theme and paper), or no e-mail.
      </p>
      {KINDS.map((k) => {
        const error = errors(k.name)?.[0];
        const current = (failed?.[k.name] as MailCadence | undefined) ?? settings[k.name];
        return (
          <fieldset key={k.name} className="space-y-2 rounded-md border border-slate-300 p-4" aria-describedby={[`${k.name}-hint`, error ? `${k.name}-error` : null].filter(Boolean).join(" ")}>
            <legend className="px-1 font-medium text-slate-900">{k.label}</legend>
            <p id={`${k.name}-hint`} className="text-sm text-slate-600">
              {k.hint}
            </p>
            {error ? (
              <p id={`${k.name}-error`} className="text-sm font-medium text-red-700">
                {error}
              </p>
            ) : null}
            <div className="flex flex-wrap gap-x-6 gap-y-2">
              {CADENCES.map((c) => (
                <label key={c.value} className="flex min-h-11 items-center gap-2 text-slate-900">
                  <input type="radio" name={k.name} value={c.value} defaultChecked={current === c.value} className="size-5" />
                  {c.label}
                </label>
              ))}
            </div>
          </fieldset>
        );
      })}
      <SubmitButton>Save e-mail settings</SubmitButton>
    </form>
  );
}

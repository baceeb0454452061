"use client";

import { Field, TextArea } from "@/components/ui/field";
import { FormAlert, SubmitButton, useFormAction } from "@/components/ui/form";
import { useAnswerKey } from "@/components/governance/answer-key";
import type { FormState } from "@/lib/actions";

type Action = (prev: FormState, fd: FormData) => Promise<FormState>;

export function GovernanceSettingsForm({ action, defaults }: { action: Action; defaults: Record<string, string> }) {
  const { state, dispatch, errors, value } = useFormAction(action, { successToast: "Settings saved and logged." });
  const answerKey = useAnswerKey(state);
  const num = (name: string, label: string, hint?: string) => (
    <Field label={label} name={name} type="number" inputMode="numeric" required defaultValue={value(name, defaults[name])} errors={errors(name)} hint={hint} />
  );
  return (
    <form key={answerKey} action={dispatch} className="space-y-4" noValidate>
      <FormAlert state={state} />
      <Field
        label="Bootstrap period ends (UTC)"
        name="bootstrapEndsAt"
        type="datetime-local"
        defaultValue={value("bootstrapEndsAt", defaults.bootstrapEndsAt)}
        errors={errors("bootstrapEndsAt")}
        hint="Until then admins may appoint moderators, council members and fact editors by hand. After it, only elections, the draw and the council do. Empty: not yet decided (admins still appoint)."
      />
      {num("moderatorSeats", "Moderator seats")}
      {num("termMonths", "Moderator term (months)")}
      {num("nominationDays", "Nomination period (days)")}
      {num("votingDays", "Voting period (days)")}
      {num("ballotsStaleAfterMonths", "Ballots are stale after (months)", "A seat falling vacant is refilled by recounting ballots at most this old; older ones call a by-election.")}
      {num("decisionSecondsRequired", "Seconds a member's decision needs")}
      <TextArea label="Why you change them" name="reason" rows={2} required defaultValue={value("reason", "")} errors={errors("reason")} hint="Published in the moderation log with the old and new values." />
      <SubmitButton>Save the settings</SubmitButton>
    </form>
  );
}

export function FactEditorForm({ action }: { action: Action }) {
  const { state, dispatch, errors, value } = useFormAction(action);
  const answerKey = useAnswerKey(state);
  return (
    <form key={answerKey} action={dispatch} className="space-y-4" noValidate>
      <FormAlert state={state} />
      {state?.ok ? (
        <p className="font-medium text-green-800">
          {state.message}
        </p>
      ) : null}
      <Field label="Member's name, as the site shows it" name="memberName" required defaultValue={value("memberName", "")} errors={errors("memberName")} />
      <TextArea label="Reason" name="reason" rows={2} required defaultValue={value("reason", "")} errors={errors("reason")} hint="Published in the moderation log, with your name: for example the council meeting that agreed it." />
      <div className="flex flex-wrap gap-2">
        <button type="submit" name="appoint" value="true" className="min-h-11 rounded-md bg-blue-700 px-4 font-medium text-white hover:bg-blue-800">
          Appoint as fact editor
        </button>
        <button type="submit" name="appoint" value="false" className="min-h-11 rounded-md border border-slate-300 bg-white px-4 font-medium hover:bg-slate-50">
          Remove as fact editor
        </button>
      </div>
    </form>
  );
}

"use client";

import { useId } from "react";
import { Dialog } from "@/components/ui/dialog";
import { Field, TextArea } from "@/components/ui/field";
import { FormAlert, SubmitButton, useFormAction } from "@/components/ui/form";
import { useAnswerKey } from "@/components/governance/answer-key";
import { Notice } from "@/components/ui/notice";
import type { ButtonVariant } from "@/components/ui/button";
import type { FormState } from "@/lib/actions";
import type { DrawCategory } from "@/lib/council/draw";

type Action = (prev: FormState, fd: FormData) => Promise<FormState>;

const select = "block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base text-slate-900 shadow-sm aria-[invalid=true]:border-red-700";

function Success({ state }: { state: FormState }) {
  if (!state?.ok || !state.message) return null;
  return (
    <Notice tone="success" role="status">
      {state.message}
    </Notice>
  );
}

/** One button with hidden fields: signing, drawing a panel. */
export function ButtonForm({ action, hidden, label, variant, pendingLabel }: { action: Action; hidden: Record<string, string>; label: string; variant?: ButtonVariant; pendingLabel?: string }) {
  const { state, dispatch } = useFormAction(action);
  const answerKey = useAnswerKey(state);
  return (
    <form key={answerKey} action={dispatch} className="space-y-2" noValidate>
      <FormAlert state={state} />
      <Success state={state} />
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {state?.ok ? null : (
        <SubmitButton variant={variant} pendingLabel={pendingLabel}>
          {label}
        </SubmitButton>
      )}
    </form>
  );
}

/** A step that cannot be undone, behind a confirmation. */
export function ConfirmButtonForm(props: { trigger: string; title: string; description: string; action: Action; hidden: Record<string, string>; label: string }) {
  return (
    <Dialog trigger={props.trigger} title={props.title} description={props.description} triggerVariant="primary">
      {(close) => (
        <div className="space-y-3">
          <ButtonForm action={props.action} hidden={props.hidden} label={props.label} pendingLabel="Working…" />
          <button type="button" className="text-sm underline" onClick={close}>
            Cancel
          </button>
        </div>
      )}
    </Dialog>
  );
}

export function VolunteerForm({ action, categories, current }: { action: Action; categories: DrawCategory[]; current: Record<string, string> | null }) {
  const { state, dispatch, errors, value } = useFormAction(action);
  const answerKey = useAnswerKey(state);
  const id = useId();
  return (
    <form key={answerKey} action={dispatch} className="space-y-4" noValidate>
      <FormAlert state={state} />
      <Success state={state} />
      {categories.map((c) => (
        <div key={c.key} className="space-y-1">
          <label htmlFor={`${id}-${c.key}`} className="block font-medium text-slate-900">
            {c.label} <span className="font-normal text-slate-600">(optional)</span>
          </label>
          <select id={`${id}-${c.key}`} name={c.key} defaultValue={value(c.key, current?.[c.key] ?? "")} className={select} aria-invalid={errors(c.key) ? true : undefined}>
            <option value="">Prefer not to say</option>
            {c.values.map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </select>
        </div>
      ))}
      <SubmitButton>{current ? "Update my entry" : "Join the pool"}</SubmitButton>
    </form>
  );
}

export function DrawForm({ action, categories, defaultTime }: { action: Action; categories: DrawCategory[]; defaultTime: string }) {
  const { state, dispatch, errors, value: failedValue } = useFormAction(action);
  const answerKey = useAnswerKey(state);
  // A successful check of the quotas gives back what was typed too, so the draw can then be announced as checked.
  const checked = state?.ok ? (state.data as { values?: Record<string, string> } | undefined)?.values : undefined;
  const value = (name: string, fallback: string) => failedValue(name, checked?.[name] ?? fallback);
  return (
    <form key={answerKey} action={dispatch} className="space-y-6" noValidate>
      <FormAlert state={state} />
      <Success state={state} />
      <Field label="Title" name="title" required defaultValue={value("title", "")} errors={errors("title")} hint="For example “Council 2027”." />
      <Field label="Seats" name="seats" type="number" inputMode="numeric" min={1} required defaultValue={value("seats", "9")} errors={errors("seats")} />
      <Field
        label="Draw time (UTC)"
        name="drawNotBefore"
        type="datetime-local"
        required
        defaultValue={value("drawNotBefore", defaultTime)}
        errors={errors("drawNotBefore")}
        hint="The seed is committed now and revealed when the draw runs, at or after this time."
      />
      {categories.map((c) => (
        <fieldset key={c.key} className="space-y-3 rounded-md border border-slate-300 p-4">
          <legend className="px-1 font-semibold">Quotas by {c.label.toLowerCase()}</legend>
          <p className="text-sm text-slate-600">Leave a box blank for no bound. Volunteers who did not say count for no value.</p>
          {c.values.map((v) => (
            <div key={v} className="grid grid-cols-[1fr_5.5rem_5.5rem] items-end gap-2">
              <span className="pb-2 text-slate-900">{v}</span>
              <Field label={`Min ${v}`} name={`quota:${c.key}:${v}:min`} type="number" inputMode="numeric" min={0} defaultValue={value(`quota:${c.key}:${v}:min`, "")} errors={errors(`quota:${c.key}:${v}:min`)} />
              <Field label={`Max ${v}`} name={`quota:${c.key}:${v}:max`} type="number" inputMode="numeric" min={0} defaultValue={value(`quota:${c.key}:${v}:max`, "")} errors={errors(`quota:${c.key}:${v}:max`)} />
            </div>
          ))}
        </fieldset>
      ))}
      <div className="flex flex-wrap gap-3">
        <button type="submit" name="intent" value="check" className="min-h-11 rounded-md border border-slate-300 bg-white px-4 font-medium hover:bg-slate-50">
          Check the quotas
        </button>
        <button type="submit" name="intent" value="announce" className="min-h-11 rounded-md bg-blue-700 px-4 font-medium text-white hover:bg-blue-800">
          Announce the draw
        </button>
      </div>
    </form>
  );
}

export interface HolderOption {
  value: string;
  label: string;
}

export function PetitionForm({ action, holders }: { action: Action; holders: HolderOption[] }) {
  const { state, dispatch, errors, value } = useFormAction(action);
  const answerKey = useAnswerKey(state);
  const id = useId();
  const holderError = errors("holder")?.[0] ?? errors("targetUserId")?.[0] ?? errors("role")?.[0];
  return (
    <form key={answerKey} action={dispatch} className="space-y-4" noValidate>
      <FormAlert state={state} />
      <Success state={state} />
      <div className="space-y-1">
        <label htmlFor={`${id}-holder`} className="block font-medium text-slate-900">
          Whose role
        </label>
        {holderError ? (
          <p id={`${id}-holder-error`} className="text-sm font-medium text-red-700">
            {holderError}
          </p>
        ) : null}
        <select id={`${id}-holder`} name="holder" required defaultValue={value("holder", "")} className={select} aria-invalid={holderError ? true : undefined} aria-describedby={holderError ? `${id}-holder-error` : undefined}>
          <option value="">Choose a role-holder</option>
          {holders.map((h) => (
            <option key={h.value} value={h.value}>
              {h.label}
            </option>
          ))}
        </select>
      </div>
      <TextArea label="Reason" name="reason" rows={4} required defaultValue={value("reason", "")} errors={errors("reason")} hint="Signers read this before they sign. Say what happened; it is public." />
      <SubmitButton>Open the petition</SubmitButton>
    </form>
  );
}

export function AppealForm({ action, subject, subjectId, label }: { action: Action; subject: string; subjectId: string; label: string }) {
  const { state, dispatch, errors, value } = useFormAction(action);
  const answerKey = useAnswerKey(state);
  const id = useId();
  return (
    <form key={answerKey} action={dispatch} className="space-y-3" noValidate>
      <FormAlert state={state} />
      <input type="hidden" name="subject" value={subject} />
      <input type="hidden" name="subjectId" value={subjectId} />
      <TextArea
        label={`Your statement: ${label}`}
        id={`${id}-statement`}
        name="statement"
        rows={5}
        required
        defaultValue={value("statement", "")}
        errors={errors("statement")}
        hint="Why was the decision wrong? A panel drawn from the council reads this; the moderator who acted does not sit on it."
      />
      <SubmitButton>File the appeal</SubmitButton>
    </form>
  );
}

export function VoteForm({ action, appealId, current }: { action: Action; appealId: string; current: { outcome: string; findings: string; remedy: string | null } | null }) {
  const { state, dispatch, errors, value } = useFormAction(action);
  const answerKey = useAnswerKey(state);
  const id = useId();
  const outcome = value("outcome", current?.outcome ?? "");
  const outcomeError = errors("outcome")?.[0];
  return (
    <form key={answerKey} action={dispatch} className="space-y-4" noValidate>
      <FormAlert state={state} />
      <Success state={state} />
      <input type="hidden" name="appealId" value={appealId} />
      <fieldset className="space-y-2" aria-describedby={outcomeError ? `${id}-outcome-error` : undefined}>
        <legend className="font-medium text-slate-900">Your decision</legend>
        {outcomeError ? (
          <p id={`${id}-outcome-error`} className="text-sm font-medium text-red-700">
            {outcomeError}
          </p>
        ) : null}
        {[
          ["restore", "Restore: the decision was wrong; show the content again or reinstate the member"],
          ["uphold", "Uphold: the decision stands"],
          ["amend", "Amend: the decision stands in part; say how below"],
        ].map(([v, text]) => (
          <div key={v} className="flex items-start gap-3">
            <input id={`${id}-${v}`} type="radio" name="outcome" value={v} defaultChecked={outcome === v} className="mt-1 size-5 accent-blue-700" />
            <label htmlFor={`${id}-${v}`}>{text}</label>
          </div>
        ))}
      </fieldset>
      <TextArea label="Findings" name="findings" rows={5} required defaultValue={value("findings", current?.findings ?? "")} errors={errors("findings")} hint="Your written reasons. They are shown to the appellant and the moderator, and logged." />
      <TextArea label="Remedy (for amend)" name="remedy" rows={3} defaultValue={value("remedy", current?.remedy ?? "")} errors={errors("remedy")} />
      <SubmitButton>{current ? "Change my findings" : "Give my findings"}</SubmitButton>
    </form>
  );
}

export interface SettingsValues {
  activeDays: number;
  recallMinSignatures: number;
  recallSharePercent: number;
  recallWindowDays: number;
  recallCooldownDays: number;
  maxOpenPetitionsPerMember: number;
  appealWindowDays: number;
  appealPanelSize: number;
  councilTermDays: number;
  poolCategories: string;
}

export function SettingsForm({ action, current }: { action: Action; current: SettingsValues }) {
  const { state, dispatch, errors, value } = useFormAction(action);
  const answerKey = useAnswerKey(state);
  const num = (name: keyof SettingsValues, label: string, hint?: string) => (
    <Field label={label} name={name} type="number" inputMode="decimal" required defaultValue={value(name, String(current[name]))} errors={errors(name)} hint={hint} />
  );
  return (
    <form key={answerKey} action={dispatch} className="space-y-4" noValidate>
      <FormAlert state={state} />
      <Success state={state} />
      {num("activeDays", "A member is active if seen within (days)", "Recall shares are measured against active members.")}
      {num("recallMinSignatures", "Recall: minimum signatures")}
      {num("recallSharePercent", "Recall: share of active members (%)", "The threshold is the larger of the two.")}
      {num("recallWindowDays", "Recall: days to sign")}
      {num("recallCooldownDays", "Recall: days between petitions against the same role")}
      {num("maxOpenPetitionsPerMember", "Recall: open petitions one member may have")}
      {num("appealWindowDays", "Appeals: days to appeal", "At least 183 (six months, EU DSA art. 20).")}
      {num("appealPanelSize", "Appeals: panel size")}
      {num("councilTermDays", "Council term (days)")}
      <TextArea
        label="Pool categories"
        name="poolCategories"
        rows={4}
        required
        defaultValue={value("poolCategories", current.poolCategories)}
        errors={errors("poolCategories")}
        hint="One per line: a label, a colon, the values separated by commas. Volunteers may leave any of them blank."
      />
      <SubmitButton>Save settings</SubmitButton>
    </form>
  );
}

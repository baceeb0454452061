"use client";

import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, TextArea } from "@/components/ui/field";
import { FormAlert, SubmitButton, useFormAction } from "@/components/ui/form";
import type { FormState } from "@/lib/actions";

type Action = (prev: FormState, fd: FormData) => Promise<FormState>;

/** The council's decision on a paper: a reason is required to return or reject. */
export function ReviewForm({ paperId, action }: { paperId: string; action: Action }) {
  const { state, dispatch, errors, value } = useFormAction(action);
  const chosen = value("decision");
  const decisionError = errors("decision")?.[0];
  return (
    <form action={dispatch} className="space-y-4" noValidate>
      <FormAlert state={state} />
      <input type="hidden" name="paperId" value={paperId} />
      <fieldset className="space-y-2" aria-describedby={decisionError ? "decision-error" : undefined}>
        <legend className="font-medium text-slate-900">Decision</legend>
        {decisionError ? (
          <p id="decision-error" className="text-sm font-medium text-red-700">
            {decisionError}
          </p>
        ) : null}
        {(
          [
            ["accept", "Accept and publish"],
            ["return", "Return to the author with comments"],
            ["reject", "Reject"],
          ] as const
        ).map(([v, label]) => (
          <div key={v} className="flex items-center gap-3">
            <input type="radio" id={`decision-${v}`} name="decision" value={v} defaultChecked={chosen === v} className="size-5 accent-blue-700" />
            <label htmlFor={`decision-${v}`}>{label}</label>
          </div>
        ))}
      </fieldset>
      <TextArea
        label="Reason"
        name="reason"
        rows={5}
        defaultValue={value("reason")}
        errors={errors("reason")}
        hint="Required to return or reject: the author reads it. A note on acceptance is optional."
      />
      <SubmitButton pendingLabel="Recording…">Record decision</SubmitButton>
    </form>
  );
}

export function CallForm({ themes, action }: { themes: { id: string; title: string }[]; action: Action }) {
  const { state, dispatch, errors, value } = useFormAction(action);
  const themeError = errors("themeId")?.[0];
  return (
    <form action={dispatch} className="space-y-4" noValidate>
      <FormAlert state={state} />
      <div className="space-y-1">
        <label htmlFor="themeId" className="block font-medium text-slate-900">
          Theme
        </label>
        {themeError ? (
          <p id="themeId-error" className="text-sm font-medium text-red-700">
            {themeError}
          </p>
        ) : null}
        <select
          id="themeId"
          name="themeId"
          defaultValue={value("themeId") ?? ""}
          aria-invalid={themeError ? true : undefined}
          aria-describedby={themeError ? "themeId-error" : undefined}
          className="block min-h-11 w-full rounded-md border border-slate-400 bg-white px-3"
        >
          <option value="">Choose a theme</option>
          {themes.map((t) => (
            <option key={t.id} value={t.id}>
              {t.title}
            </option>
          ))}
        </select>
      </div>
      <Field label="Title of the call" name="title" required defaultValue={value("title")} errors={errors("title")} />
      <TextArea label="What the council is asking for" name="description" rows={3} defaultValue={value("description")} errors={errors("description")} />
      <Field label="Deadline" name="deadline" type="date" required defaultValue={value("deadline")} errors={errors("deadline")} className="max-w-56" />
      <SubmitButton pendingLabel="Opening…">Open the call</SubmitButton>
    </form>
  );
}

export function CloseCallButton({ callId, title, action }: { callId: string; title: string; action: Action }) {
  const { state, dispatch } = useFormAction(action);
  return (
    <Dialog trigger={`Close call`} title={`Close “${title}”?`} description={<p>No more papers can be written for it. Papers already submitted stay in review.</p>}>
      {(close) => (
        <form action={dispatch} onSubmit={() => setTimeout(close, 0)} className="space-y-4">
          <FormAlert state={state} />
          <input type="hidden" name="callId" value={callId} />
          <TextArea label="Reason, for the moderation log" name="reason" rows={2} />
          <div className="flex flex-wrap justify-end gap-2">
            <Button variant="secondary" onClick={close}>
              Cancel
            </Button>
            <SubmitButton variant="danger" pendingLabel="Closing…">
              Close call
            </SubmitButton>
          </div>
        </form>
      )}
    </Dialog>
  );
}

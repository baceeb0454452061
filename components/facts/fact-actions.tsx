"use client";

import { useEffect, useId } from "react";
import { Dialog } from "@/components/ui/dialog";
import { Field, TextArea } from "@/components/ui/field";
import { FormAlert, SubmitButton, useFormAction } from "@/components/ui/form";
import type { ButtonVariant } from "@/components/ui/button";
import type { FormState } from "@/lib/actions";

type Action = (prev: FormState, fd: FormData) => Promise<FormState>;

/** A short form: hidden ids, one reason (required or not), one button. */
export function ReasonForm({
  action,
  hidden,
  label,
  required = true,
  submitLabel,
  variant,
  hint,
  onDone,
}: {
  action: Action;
  hidden: Record<string, string>;
  label: string;
  required?: boolean;
  submitLabel: string;
  variant?: ButtonVariant;
  hint?: string;
  onDone?: () => void;
}) {
  const { state, dispatch, errors, value } = useFormAction(action);
  const id = useId();
  useEffect(() => {
    if (state?.ok) onDone?.();
  }, [state, onDone]);
  return (
    <form action={dispatch} className="space-y-3" noValidate>
      <FormAlert state={state} />
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <TextArea label={label} name="reason" id={`${id}-reason`} rows={3} required={required} hint={hint} defaultValue={value("reason", "")} errors={errors("reason")} />
      <SubmitButton variant={variant}>{submitLabel}</SubmitButton>
    </form>
  );
}

/** A decision behind a dialog, so a destructive step is confirmed and explained first. */
export function ReasonDialog(props: { trigger: string; title: string; description?: string } & Omit<Parameters<typeof ReasonForm>[0], "onDone">) {
  const { trigger, title, description, ...form } = props;
  return (
    <Dialog trigger={trigger} title={title} description={description} triggerVariant={form.variant === "danger" ? "danger" : "secondary"}>
      {(close) => (
        <div className="space-y-3">
          <ReasonForm {...form} onDone={close} />
          <button type="button" className="text-sm underline" onClick={close}>
            Cancel
          </button>
        </div>
      )}
    </Dialog>
  );
}

export function DisputeForm({ action, factId }: { action: Action; factId: string }) {
  const { state, dispatch, errors, value } = useFormAction(action);
  if (state?.ok) {
    // The toast says it happened; this stays to say where the dispute now lives.
    return <p className="font-medium text-green-800">Your dispute is open. Its discussion is below, under Disputes.</p>;
  }
  return (
    <form action={dispatch} className="space-y-3" noValidate>
      <FormAlert state={state} />
      <input type="hidden" name="factId" value={factId} />
      <TextArea label="What is wrong with it" name="reason" rows={4} required defaultValue={value("reason", "")} errors={errors("reason")} hint="Say what is wrong and how you know. A fact editor will read it." />
      <Field label="Counter-source web address" name="counterSourceUrl" type="url" defaultValue={value("counterSourceUrl", "")} errors={errors("counterSourceUrl")} />
      <Field label="Counter-source title" name="counterSourceTitle" defaultValue={value("counterSourceTitle", "")} errors={errors("counterSourceTitle")} />
      <SubmitButton variant="secondary">Open the dispute</SubmitButton>
    </form>
  );
}

export function ResolveForm({ action, disputeId, amendHref }: { action: Action; disputeId: string; amendHref: string }) {
  const { state, dispatch, errors, value } = useFormAction(action);
  const id = useId();
  const failed = state && !state.ok ? state.values : undefined;
  return (
    <form action={dispatch} className="space-y-3 rounded-md border border-slate-300 bg-white p-4" noValidate>
      <FormAlert state={state} />
      <input type="hidden" name="disputeId" value={disputeId} />
      <fieldset className="space-y-2" aria-describedby={errors("outcome") ? `${id}-outcome-error` : undefined}>
        <legend className="font-semibold">Settle this dispute</legend>
        {errors("outcome") ? (
          <p id={`${id}-outcome-error`} className="text-sm font-medium text-red-700">
            {errors("outcome")![0]}
          </p>
        ) : null}
        {(
          [
            ["upheld", "Upheld: the fact stands as it is"],
            ["retracted", "Retracted: the fact is withdrawn"],
          ] as const
        ).map(([v, label]) => (
          <label key={v} className="flex items-center gap-2">
            <input type="radio" name="outcome" value={v} defaultChecked={failed?.outcome === v} className="size-5 accent-blue-700" />
            {label}
          </label>
        ))}
        <p className="text-sm text-slate-700">
          To correct the fact instead, <a href={amendHref} className="underline">amend it in answer to this dispute</a>.
        </p>
      </fieldset>
      <TextArea label="Reason for the decision" name="reason" id={`${id}-reason`} rows={3} required defaultValue={value("reason", "")} errors={errors("reason")} />
      <SubmitButton>Settle the dispute</SubmitButton>
    </form>
  );
}

export function DisputeCommentForm({ action, disputeId, parentId, label }: { action: Action; disputeId: string; parentId?: string; label: string }) {
  const { state, dispatch, errors, value } = useFormAction(action);
  const id = useId();
  return (
    <form action={dispatch} className="space-y-2" noValidate>
      <FormAlert state={state} />
      <input type="hidden" name="disputeId" value={disputeId} />
      {parentId ? <input type="hidden" name="parentId" value={parentId} /> : null}
      <TextArea
        label={label}
        name="body"
        id={`${id}-body`}
        rows={3}
        required
        defaultValue={value("body", "")}
        errors={errors("body")}
        hint="**bold**, *italic*, > quote, lists and links. Cite a fact with [[fact:its-id]]."
      />
      <SubmitButton variant="secondary">Post</SubmitButton>
    </form>
  );
}

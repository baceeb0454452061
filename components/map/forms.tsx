"use client";

import { useEffect, useRef } from "react";
import { Field, TextArea } from "@/components/ui/field";
import { FormAlert, SubmitButton, useFormAction } from "@/components/ui/form";
import type { FormState } from "@/lib/actions";

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

/** Agree, disagree or pass on the statement shown; the clicked button's value is the vote. */
export function VoteForm({ statementId, body, action, skipHref }: { statementId: string; body: string; action: Action; skipHref: string }) {
  const form = useFormAction(action);
  return (
    <form action={form.dispatch} className="space-y-3" aria-labelledby="vote-heading">
      <input type="hidden" name="statementId" value={statementId} />
      <blockquote id="vote-statement" className="rounded-md border-l-4 border-blue-700 bg-white px-4 py-3 text-lg text-slate-900">
        {body}
      </blockquote>
      <FormAlert state={form.state} />
      {form.errors("vote") ? <p className="text-sm font-medium text-red-700">{form.errors("vote")![0]}</p> : null}
      <div className="flex flex-wrap gap-2" role="group" aria-label="Your vote">
        <button type="submit" name="vote" value="agree" disabled={form.pending} className="min-h-11 rounded-md bg-emerald-800 px-4 font-medium text-white hover:bg-emerald-900 disabled:opacity-60">
          Agree
        </button>
        <button type="submit" name="vote" value="disagree" disabled={form.pending} className="min-h-11 rounded-md bg-red-800 px-4 font-medium text-white hover:bg-red-900 disabled:opacity-60">
          Disagree
        </button>
        <button type="submit" name="vote" value="pass" disabled={form.pending} className="min-h-11 rounded-md border border-slate-400 bg-white px-4 font-medium text-slate-900 hover:bg-slate-50 disabled:opacity-60">
          Pass / unsure
        </button>
        <a href={skipHref} className="inline-flex min-h-11 items-center px-2 text-blue-800 underline">
          Skip for now
        </a>
      </div>
    </form>
  );
}

export function StatementForm({ themeId, paperId, action, max }: { themeId: string; paperId?: string; action: Action; max: number }) {
  const form = useFormAction(action, { successToast: "Statement added." });
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (form.state?.ok) ref.current?.reset();
  }, [form.state]);
  return (
    <form ref={ref} action={form.dispatch} className="space-y-3">
      <input type="hidden" name="themeId" value={themeId} />
      {paperId ? <input type="hidden" name="paperId" value={paperId} /> : null}
      <TextArea
        label="Your statement"
        name="body"
        required
        rows={3}
        hint={`One claim others can agree or disagree with, up to ${max} characters. You are counted as agreeing with it.`}
        defaultValue={form.value("body")}
        errors={form.errors("body")}
      />
      <FormAlert state={form.state} />
      <SubmitButton pendingLabel="Adding…">Add statement</SubmitButton>
    </form>
  );
}

/** A small form of hidden fields and one button; an error shows next to it, a success as a toast. */
export function ButtonForm({ action, fields, label, pendingLabel, variant, successToast }: { action: Action; fields: Record<string, string>; label: string; pendingLabel?: string; variant?: "primary" | "secondary" | "danger"; successToast?: string }) {
  const form = useFormAction(action, { successToast });
  return (
    <form action={form.dispatch} className="inline-flex flex-col gap-1">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <SubmitButton variant={variant} pendingLabel={pendingLabel ?? "Sending…"}>
        {label}
      </SubmitButton>
      <FormAlert state={form.state} />
    </form>
  );
}

export function HideStatementForm({ statementId, action, hidden }: { statementId: string; action: Action; hidden: boolean }) {
  const form = useFormAction(action);
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-blue-800 underline">{hidden ? "Restore" : "Hide"} this statement</summary>
      <form action={form.dispatch} className="mt-2 space-y-2">
        <input type="hidden" name="statementId" value={statementId} />
        <Field label="Reason (public, in the moderation log)" name="reason" id={`reason-${statementId}`} required defaultValue={form.value("reason")} errors={form.errors("reason")} />
        <FormAlert state={form.state} />
        <SubmitButton variant={hidden ? "secondary" : "danger"} pendingLabel="Saving…">
          {hidden ? "Restore" : "Hide"}
        </SubmitButton>
      </form>
    </details>
  );
}

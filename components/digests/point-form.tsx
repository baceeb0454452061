"use client";

import { useEffect, useRef } from "react";
import { TextArea } from "@/components/ui/field";
import { FormAlert, SubmitButton, useFormAction } from "@/components/ui/form";
import type { FormState } from "@/lib/actions";

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

export interface PickableComment {
  id: string;
  excerpt: string;
  authorName: string | null;
  newSince: boolean;
}

const SECTIONS = [
  ["consensus", "Consensus"],
  ["controversy", "Controversy"],
  ["open_question", "Open questions"],
] as const;

/** A digest point: heading, text, the comments it comes from (ticked in the thread's list) and, for consensus, map evidence. */
export function PointForm({ digestId, comments, statements, action, sinceVersion }: { digestId: string; comments: PickableComment[]; statements: { id: string; body: string }[]; action: Action; sinceVersion: number | null }) {
  const form = useFormAction(action, { successToast: "Point added." });
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (form.state?.ok) ref.current?.reset();
  }, [form.state]);
  const citeError = form.errors("commentIds")?.[0];
  const fresh = comments.filter((c) => c.newSince);
  const rest = comments.filter((c) => !c.newSince);
  const box = (c: PickableComment) => (
    <li key={c.id} className="flex items-start gap-2">
      <input type="checkbox" id={`cite-${c.id}`} name={`cite-${c.id}`} value="on" defaultChecked={form.value(`cite-${c.id}`) === "on"} className="mt-1 size-5 shrink-0 accent-blue-700" aria-describedby={citeError ? "cite-error" : undefined} />
      <label htmlFor={`cite-${c.id}`} className="text-sm text-slate-900">
        <b>{c.authorName ?? "Former member"}</b>: {c.excerpt}
      </label>
    </li>
  );
  return (
    <form ref={ref} action={form.dispatch} className="space-y-4">
      <input type="hidden" name="digestId" value={digestId} />
      <div className="space-y-1">
        <label htmlFor="section" className="block font-medium text-slate-900">
          Heading
        </label>
        <select id="section" name="section" defaultValue={form.value("section", "consensus")} className="block w-full rounded-md border border-slate-400 bg-white px-3 py-2">
          {SECTIONS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <TextArea label="The point" name="body" required rows={3} defaultValue={form.value("body")} errors={form.errors("body")} hint="What the discussion agrees on, where it divides, or what it leaves open, in a sentence or two." />
      <fieldset className="space-y-2">
        <legend className="font-medium text-slate-900">Comments it comes from</legend>
        {citeError ? (
          <p id="cite-error" className="text-sm font-medium text-red-700">
            {citeError}
          </p>
        ) : null}
        {fresh.length ? (
          <>
            <p className="text-sm text-slate-700">{sinceVersion ? `Posted since v${sinceVersion} and not cited yet:` : "Not cited yet:"}</p>
            <ul className="max-h-72 space-y-2 overflow-y-auto rounded border border-slate-200 p-2">{fresh.map(box)}</ul>
          </>
        ) : (
          <p className="text-sm text-slate-700">Every comment posted since the last version is cited.</p>
        )}
        {rest.length ? (
          <details>
            <summary className="cursor-pointer text-sm text-blue-800 underline">Other comments ({rest.length})</summary>
            <ul className="mt-2 max-h-72 space-y-2 overflow-y-auto rounded border border-slate-200 p-2">{rest.map(box)}</ul>
          </details>
        ) : null}
      </fieldset>
      {statements.length ? (
        <div className="space-y-1">
          <label htmlFor="evidenceStatementId" className="block font-medium text-slate-900">
            Evidence from the agreement map <span className="font-normal text-slate-600">(optional, consensus points only)</span>
          </label>
          <select id="evidenceStatementId" name="evidenceStatementId" defaultValue={form.value("evidenceStatementId", "")} aria-describedby={form.errors("evidenceStatementId") ? "evidence-error" : undefined} className="block w-full rounded-md border border-slate-400 bg-white px-3 py-2">
            <option value="">None</option>
            {statements.map((s) => (
              <option key={s.id} value={s.id}>
                {s.body}
              </option>
            ))}
          </select>
          {form.errors("evidenceStatementId") ? (
            <p id="evidence-error" className="text-sm font-medium text-red-700">
              {form.errors("evidenceStatementId")![0]}
            </p>
          ) : null}
        </div>
      ) : null}
      <FormAlert state={form.state} />
      <SubmitButton pendingLabel="Adding…">Add point</SubmitButton>
    </form>
  );
}

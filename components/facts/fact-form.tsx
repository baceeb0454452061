"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Checkbox, Field, TextArea } from "@/components/ui/field";
import { FormAlert, SubmitButton, useFormAction } from "@/components/ui/form";
import type { FormState } from "@/lib/actions";
import { MAX_SOURCES, SOURCE_KIND_LABELS, SOURCE_KINDS } from "@/lib/validation/facts";

export interface FactDefaults {
  statement: string;
  figureValue: string | null;
  figureUnit: string | null;
  asOf: string | null;
  period: string | null;
  place: string | null;
  timeSensitive: boolean;
  themeIds: string[];
  sources: { url: string; title: string; publisher: string; publishedOn: string | null; kind: string }[];
}

export const EMPTY_FACT: FactDefaults = { statement: "", figureValue: null, figureUnit: null, asOf: null, period: null, place: null, timeSensitive: true, themeIds: [], sources: [] };

type Action = (prev: FormState, fd: FormData) => Promise<FormState>;

/** Source rows by their index in the field names; after a failed submit, the rows that were sent. */
function rowsFrom(values: Record<string, string> | undefined, fallback: number): number[] {
  if (!values) return Array.from({ length: Math.max(1, fallback) }, (_, i) => i);
  const idx = new Set<number>();
  for (const k of Object.keys(values)) {
    const m = /^sources\.(\d+)\./.exec(k);
    if (m) idx.add(Number(m[1]));
  }
  return idx.size ? [...idx].sort((a, b) => a - b) : [0];
}

export function FactForm({
  action,
  themes,
  defaults,
  submitLabel,
  hidden = {},
  reasonLabel,
}: {
  action: Action;
  themes: { id: string; title: string }[];
  defaults: FactDefaults;
  submitLabel: string;
  hidden?: Record<string, string>;
  /** Shown for amendments and corrections: why the fact changes. */
  reasonLabel?: string;
}) {
  const { state, dispatch, errors, value } = useFormAction(action);
  const failed = state && !state.ok ? state.values : undefined;
  const [rows, setRows] = useState<number[]>(() => rowsFrom(undefined, defaults.sources.length));
  // After a failed submit, show the source rows that were sent (adjusting state during render, as React advises).
  const [seen, setSeen] = useState(state);
  if (state !== seen) {
    setSeen(state);
    if (failed) setRows(rowsFrom(failed, 1));
  }
  const next = rows.length ? Math.max(...rows) + 1 : 0;
  const sourceDefault = (row: number, field: string) => value(`sources.${row}.${field}`, (defaults.sources[row] as Record<string, string | null> | undefined)?.[field] ?? "");
  const themeChecked = (id: string) => (failed ? failed[`theme.${id}`] === "true" : defaults.themeIds.includes(id));

  return (
    <form action={dispatch} className="space-y-6" noValidate>
      <FormAlert state={state} />
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <TextArea
        label="The fact"
        name="statement"
        rows={3}
        required
        defaultValue={value("statement", defaults.statement)}
        errors={errors("statement")}
        hint="One checkable statement, as precise as the source allows: what, where, when."
      />
      <fieldset className="space-y-4 rounded-md border border-slate-300 p-4">
        <legend className="px-1 font-semibold">Figure, date and place</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Figure" name="figureValue" inputMode="decimal" defaultValue={value("figureValue", defaults.figureValue)} errors={errors("figureValue")} hint="A number, such as 7.6" />
          <Field label="Unit" name="figureUnit" defaultValue={value("figureUnit", defaults.figureUnit)} errors={errors("figureUnit")} hint="Such as million, %, £bn, people" />
          <Field label="Date it refers to" name="asOf" type="date" defaultValue={value("asOf", defaults.asOf)} errors={errors("asOf")} />
          <Field label="Period" name="period" defaultValue={value("period", defaults.period)} errors={errors("period")} hint="Such as 2023/24" />
          <Field label="Place" name="place" defaultValue={value("place", defaults.place)} errors={errors("place")} hint="Such as England, or Greater Manchester" className="sm:col-span-2" />
        </div>
        <Checkbox
          label="This figure goes out of date"
          name="timeSensitive"
          defaultChecked={failed ? failed.timeSensitive === "true" : defaults.timeSensitive}
          hint="Time-sensitive figures lose hardness two years after their date."
        />
      </fieldset>
      <fieldset className="space-y-2" aria-describedby={errors("themeIds") ? "themeIds-error" : undefined}>
        <legend className="font-semibold">Themes</legend>
        {errors("themeIds") ? (
          <p id="themeIds-error" className="text-sm font-medium text-red-700">
            {errors("themeIds")![0]}
          </p>
        ) : null}
        <div className="grid gap-2 sm:grid-cols-2">
          {themes.map((t) => (
            <Checkbox key={t.id} label={t.title} name={`theme.${t.id}`} id={`theme-${t.id}`} defaultChecked={themeChecked(t.id)} />
          ))}
        </div>
      </fieldset>
      <fieldset className="space-y-4">
        <legend className="font-semibold">Sources</legend>
        <p className="text-sm text-slate-700">Official statistics and peer-reviewed research make a fact hardest; several independent publishers count more than one.</p>
        {errors("sources") ? (
          <p className="text-sm font-medium text-red-700" role="alert">
            {errors("sources")![0]}
          </p>
        ) : null}
        <ol className="space-y-4">
          {rows.map((row, i) => (
            <li key={row} className="space-y-3 rounded-md border border-slate-300 bg-slate-50 p-4">
              <div className="flex items-center justify-between gap-2">
                <p className="font-semibold">Source {i + 1}</p>
                {rows.length > 1 ? (
                  <Button variant="ghost" size="sm" onClick={() => setRows((r) => r.filter((x) => x !== row))} aria-label={`Remove source ${i + 1}`}>
                    Remove
                  </Button>
                ) : null}
              </div>
              <Field label={`Source ${i + 1} web address`} name={`sources.${row}.url`} type="url" required defaultValue={sourceDefault(row, "url")} errors={errors(`sources.${row}.url`)} />
              <Field label={`Source ${i + 1} title`} name={`sources.${row}.title`} required defaultValue={sourceDefault(row, "title")} errors={errors(`sources.${row}.title`)} />
              <Field label={`Source ${i + 1} publisher`} name={`sources.${row}.publisher`} required defaultValue={sourceDefault(row, "publisher")} errors={errors(`sources.${row}.publisher`)} />
              <div className="grid gap-3 sm:grid-cols-2">
                <Field label={`Source ${i + 1} date published`} name={`sources.${row}.publishedOn`} type="date" defaultValue={sourceDefault(row, "publishedOn")} errors={errors(`sources.${row}.publishedOn`)} />
                <div className="space-y-1">
                  <label htmlFor={`sources.${row}.kind`} className="block font-medium text-slate-900">
                    Source {i + 1} kind
                  </label>
                  {errors(`sources.${row}.kind`) ? (
                    <p id={`sources.${row}.kind-error`} className="text-sm font-medium text-red-700">
                      {errors(`sources.${row}.kind`)![0]}
                    </p>
                  ) : null}
                  <select
                    id={`sources.${row}.kind`}
                    name={`sources.${row}.kind`}
                    defaultValue={sourceDefault(row, "kind") || "official_statistics"}
                    aria-invalid={errors(`sources.${row}.kind`) ? true : undefined}
                    aria-describedby={errors(`sources.${row}.kind`) ? `sources.${row}.kind-error` : undefined}
                    className="block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base"
                  >
                    {SOURCE_KINDS.map((k) => (
                      <option key={k} value={k}>
                        {SOURCE_KIND_LABELS[k]}
                      </option>
                    ))}
                  </select>
                </div>
              </div>
            </li>
          ))}
        </ol>
        {rows.length < MAX_SOURCES ? (
          <Button variant="secondary" size="sm" onClick={() => setRows((r) => [...r, next])}>
            Add another source
          </Button>
        ) : null}
      </fieldset>
      {reasonLabel ? <TextArea label={reasonLabel} name="reason" rows={3} required defaultValue={value("reason", "")} errors={errors("reason")} /> : null}
      <SubmitButton>{submitLabel}</SubmitButton>
    </form>
  );
}

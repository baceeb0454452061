"use client";

import { Field } from "@/components/ui/field";
import { FormAlert, SubmitButton, useFormAction } from "@/components/ui/form";
import { Notice } from "@/components/ui/notice";
import type { RollImportReport } from "@/lib/membership/commands";
import { importRollAction } from "./actions";

export function RollForm() {
  const { state, dispatch, errors } = useFormAction(importRollAction);
  const report = state?.ok ? (state.data as RollImportReport) : null;
  return (
    <div className="space-y-6">
      <form action={dispatch} className="space-y-4" noValidate>
        <FormAlert state={state} />
        <Field
          label="Roll file (CSV)"
          name="roll"
          type="file"
          accept=".csv,text/csv"
          required
          errors={errors("roll")}
          hint='Columns: "member_number", and "postcode" and/or "email". Importing again updates the entries already there.'
        />
        <SubmitButton pendingLabel="Importing…">Import roll</SubmitButton>
      </form>
      {report ? (
        <section aria-labelledby="report-heading" className="space-y-3">
          <h2 id="report-heading" className="text-xl font-semibold">
            Import report
          </h2>
          <Notice tone={report.rejected.length ? "warning" : "success"} role="status">
            <p>
              {report.accepted} row{report.accepted === 1 ? "" : "s"} accepted, {report.rejected.length} rejected, out of {report.totalRows}.
            </p>
          </Notice>
          {report.rejected.length ? (
            <table className="w-full border-collapse bg-white text-left">
              <caption className="mb-2 text-left font-medium">Rejected rows</caption>
              <thead>
                <tr className="border-b border-slate-300">
                  <th scope="col" className="px-3 py-2">
                    Line
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Why
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.rejected.slice(0, 500).map((r) => (
                  <tr key={r.line} className="border-b border-slate-200">
                    <td className="px-3 py-2 tabular-nums">{r.line}</td>
                    <td className="px-3 py-2">{r.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {report.rejected.length > 500 ? <p>…and {report.rejected.length - 500} more rejected rows.</p> : null}
        </section>
      ) : null}
    </div>
  );
}

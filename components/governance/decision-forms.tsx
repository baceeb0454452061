"use client";

import { useId, useState } from "react";
import { Field, TextArea } from "@/components/ui/field";
import { FormAlert, SubmitButton, useFormAction } from "@/components/ui/form";
import { useAnswerKey } from "@/components/governance/answer-key";
import { Notice } from "@/components/ui/notice";
import type { DecisionChoice } from "@/db/schema";
import type { FormState } from "@/lib/actions";

type Action = (prev: FormState, fd: FormData) => Promise<FormState>;
const select = "block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base aria-[invalid=true]:border-red-700";

export const KIND_LABELS = {
  consent: "Consent: agree, abstain, disagree or block",
  approval: "Approval: choose any of the options",
  ranked: "Ranked choice: rank the options",
  score: "Score: give each option 0 to 5",
} as const;

function ErrorText({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p id={id} className="text-sm font-medium text-red-700">
      {error}
    </p>
  ) : null;
}

export function NewDecisionForm({
  action,
  electorates,
  themes,
  defaultCloses,
  secondsRequired,
}: {
  action: Action;
  electorates: { value: "members" | "theme" | "council"; label: string }[];
  themes: { id: string; title: string }[];
  defaultCloses: string;
  secondsRequired: number | null;
}) {
  const { state, dispatch, errors, value } = useFormAction(action);
  const answerKey = useAnswerKey(state);
  const [kind, setKind] = useState(value("kind", "consent")!);
  const [electorate, setElectorate] = useState(value("electorate", electorates[0]?.value)!);
  const id = useId();
  return (
    <form key={answerKey} action={dispatch} className="space-y-5" noValidate>
      <FormAlert state={state} />
      <Field label="Question" name="question" required defaultValue={value("question", "")} errors={errors("question")} hint="One clear question, e.g. “Should we adopt the draft code of conduct?”" />
      <TextArea label="Background" name="details" rows={4} defaultValue={value("details", "")} errors={errors("details")} />
      <fieldset className="space-y-2" aria-describedby={errors("kind") ? `${id}-kind-error` : undefined}>
        <legend className="font-medium">How people vote</legend>
        <ErrorText id={`${id}-kind-error`} error={errors("kind")?.[0]} />
        {(Object.keys(KIND_LABELS) as (keyof typeof KIND_LABELS)[]).map((k) => (
          <div key={k} className="flex items-center gap-2">
            <input id={`${id}-kind-${k}`} type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} className="size-5 accent-blue-700" />
            <label htmlFor={`${id}-kind-${k}`}>{KIND_LABELS[k]}</label>
          </div>
        ))}
      </fieldset>
      {kind !== "consent" ? (
        <TextArea label="Options, one a line" name="options" rows={5} required defaultValue={value("options", "")} errors={errors("options")} hint="Between 2 and 20." />
      ) : null}
      {kind === "ranked" ? (
        <Field label="Winners" name="seats" type="number" inputMode="numeric" min={1} max={10} required defaultValue={value("seats", "1")} errors={errors("seats")} hint="One winner: instant-runoff. Several: single transferable vote." />
      ) : null}
      <div className="space-y-1">
        <label htmlFor={`${id}-electorate`} className="block font-medium">
          Who decides
        </label>
        <select id={`${id}-electorate`} name="electorate" value={electorate} onChange={(e) => setElectorate(e.target.value)} className={select}>
          {electorates.map((e) => (
            <option key={e.value} value={e.value}>
              {e.label}
            </option>
          ))}
        </select>
      </div>
      {electorate === "theme" ? (
        <div className="space-y-1">
          <label htmlFor={`${id}-theme`} className="block font-medium">
            Theme
          </label>
          <ErrorText id={`${id}-theme-error`} error={errors("themeId")?.[0]} />
          <select id={`${id}-theme`} name="themeId" defaultValue={value("themeId", "")} aria-invalid={errors("themeId") ? true : undefined} aria-describedby={errors("themeId") ? `${id}-theme-error` : undefined} className={select}>
            <option value="">Choose a theme</option>
            {themes.map((t) => (
              <option key={t.id} value={t.id}>
                {t.title}
              </option>
            ))}
          </select>
          {secondsRequired ? <p className="text-sm text-slate-600">Unless you curate the theme, it opens once {secondsRequired} of its participants second it.</p> : null}
        </div>
      ) : null}
      <fieldset className="space-y-2">
        <legend className="font-medium">Voting is</legend>
        {[
          ["false", "Named: once it closes, members see who chose what"],
          ["true", "Anonymous: only the counts are shown"],
        ].map(([v, label]) => (
          <div key={v} className="flex items-center gap-2">
            <input id={`${id}-anon-${v}`} type="radio" name="anonymous" value={v} defaultChecked={value("anonymous", "false") === v} className="size-5 accent-blue-700" />
            <label htmlFor={`${id}-anon-${v}`}>{label}</label>
          </div>
        ))}
      </fieldset>
      <Field label="Closes (UTC)" name="closesAt" type="datetime-local" step={1} required defaultValue={value("closesAt", defaultCloses)} errors={errors("closesAt")} hint="It closes by itself at this time and the outcome is announced." />
      <SubmitButton>Open the decision</SubmitButton>
    </form>
  );
}

export function SecondForm({ action, decisionId }: { action: Action; decisionId: string }) {
  const { state, dispatch } = useFormAction(action);
  const answerKey = useAnswerKey(state);
  if (state?.ok) return <Notice tone="success">{state.message}</Notice>;
  return (
    <form key={answerKey} action={dispatch} className="space-y-2">
      <FormAlert state={state} />
      <input type="hidden" name="decisionId" value={decisionId} />
      <SubmitButton variant="secondary">Second this decision</SubmitButton>
    </form>
  );
}

const CONSENT = [
  ["agree", "Agree"],
  ["abstain", "Abstain"],
  ["disagree", "Disagree"],
  ["block", "Block: I have a serious objection"],
] as const;

export function DecisionVoteForm({
  action,
  decisionId,
  kind,
  options,
  myVote,
}: {
  action: Action;
  decisionId: string;
  kind: "consent" | "approval" | "ranked" | "score";
  options: { id: string; label: string }[];
  myVote: DecisionChoice | null;
}) {
  const { state, dispatch, errors, value } = useFormAction(action);
  const answerKey = useAnswerKey(state);
  const id = useId();
  const error = errors("choice")?.[0];
  const errorId = `${id}-choice-error`;
  const mineConsent = myVote && "consent" in myVote ? myVote : null;
  const [consent, setConsent] = useState<string>(value("consent", mineConsent?.consent ?? "")!);
  const rankOf = (optionId: string) => (myVote && "ranking" in myVote ? String(myVote.ranking.indexOf(optionId) + 1 || "") : "");
  return (
    <form key={answerKey} action={dispatch} className="space-y-4" noValidate>
      <FormAlert state={state} />
      {state?.ok ? <Notice tone="success">{state.message}</Notice> : null}
      <input type="hidden" name="decisionId" value={decisionId} />
      <input type="hidden" name="kind" value={kind} />
      <fieldset className="space-y-2" aria-describedby={error ? errorId : undefined}>
        <legend className="font-medium">{myVote ? "Change your vote" : "Your vote"}</legend>
        <ErrorText id={errorId} error={error} />
        {kind === "consent"
          ? CONSENT.map(([v, label]) => (
              <div key={v} className="flex items-center gap-2">
                <input id={`${id}-${v}`} type="radio" name="consent" value={v} checked={consent === v} onChange={() => setConsent(v)} className="size-5 accent-blue-700" />
                <label htmlFor={`${id}-${v}`}>{label}</label>
              </div>
            ))
          : null}
        {kind === "approval"
          ? options.map((o) => (
              <div key={o.id} className="flex items-center gap-2">
                <input id={`${id}-${o.id}`} type="checkbox" name={`approve:${o.id}`} defaultChecked={!!myVote && "approve" in myVote && myVote.approve.includes(o.id)} className="size-5 accent-blue-700" />
                <label htmlFor={`${id}-${o.id}`}>{o.label}</label>
              </div>
            ))
          : null}
        {kind === "ranked" || kind === "score" ? (
          <ul className="space-y-2">
            {options.map((o) => (
              <li key={o.id} className="flex items-center justify-between gap-3 rounded-md border border-slate-200 bg-white p-3">
                <label htmlFor={`${id}-${o.id}`}>{o.label}</label>
                <select
                  id={`${id}-${o.id}`}
                  name={`${kind === "ranked" ? "rank" : "score"}:${o.id}`}
                  defaultValue={value(`${kind === "ranked" ? "rank" : "score"}:${o.id}`, kind === "ranked" ? rankOf(o.id) : myVote && "scores" in myVote && myVote.scores[o.id] !== undefined ? String(myVote.scores[o.id]) : "")}
                  className={`${select} w-32`}
                >
                  <option value="">{kind === "ranked" ? "Not ranked" : "No score"}</option>
                  {(kind === "ranked" ? options.map((_, i) => i + 1) : [0, 1, 2, 3, 4, 5]).map((n) => (
                    <option key={n} value={n}>
                      {n}
                    </option>
                  ))}
                </select>
              </li>
            ))}
          </ul>
        ) : null}
      </fieldset>
      {kind === "consent" && consent === "block" ? (
        <TextArea label="Why you block" name="reason" rows={3} required defaultValue={value("reason", mineConsent?.reason ?? "")} hint="A block says you cannot accept this: say what would have to change." />
      ) : kind === "consent" ? (
        <TextArea label="Comment" name="reason" rows={2} defaultValue={value("reason", mineConsent?.reason ?? "")} />
      ) : null}
      <SubmitButton>{myVote ? "Change my vote" : "Vote"}</SubmitButton>
    </form>
  );
}

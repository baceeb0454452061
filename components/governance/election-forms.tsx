"use client";

import { useId, useState } from "react";
import { Field, TextArea } from "@/components/ui/field";
import { FormAlert, SubmitButton, useFormAction } from "@/components/ui/form";
import { useAnswerKey } from "@/components/governance/answer-key";
import { Notice } from "@/components/ui/notice";
import type { FormState } from "@/lib/actions";

type Action = (prev: FormState, fd: FormData) => Promise<FormState>;
const select = "block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base aria-[invalid=true]:border-red-700";

export function CreateElectionForm({ action, defaults }: { action: Action; defaults: { seats: number; nominationsCloseAt: string; votingClosesAt: string } }) {
  const { state, dispatch, errors, value } = useFormAction(action);
  const answerKey = useAnswerKey(state);
  return (
    <form key={answerKey} action={dispatch} className="space-y-4" noValidate>
      <FormAlert state={state} />
      <Field label="Title" name="title" required defaultValue={value("title", "Moderator election")} errors={errors("title")} />
      <Field label="Seats" name="seats" type="number" inputMode="numeric" min={1} max={25} required defaultValue={value("seats", String(defaults.seats))} errors={errors("seats")} />
      <Field label="Nominations close (UTC)" name="nominationsCloseAt" type="datetime-local" required defaultValue={value("nominationsCloseAt", defaults.nominationsCloseAt)} errors={errors("nominationsCloseAt")} />
      <Field label="Voting closes (UTC)" name="votingClosesAt" type="datetime-local" required defaultValue={value("votingClosesAt", defaults.votingClosesAt)} errors={errors("votingClosesAt")} hint="Voting opens when nominations close. The count runs by itself at this time." />
      <SubmitButton>Call the election</SubmitButton>
    </form>
  );
}

export function NominateForm({ action, electionId }: { action: Action; electionId: string }) {
  const { state, dispatch, errors, value } = useFormAction(action);
  const answerKey = useAnswerKey(state);
  const [who, setWho] = useState<"self" | "other">((value("who") as "self" | "other") ?? "self");
  const id = useId();
  return (
    <form key={answerKey} action={dispatch} className="space-y-4" noValidate>
      <FormAlert state={state} />
      {state?.ok ? <Notice tone="success">{state.message}</Notice> : null}
      <input type="hidden" name="electionId" value={electionId} />
      <fieldset className="space-y-2">
        <legend className="font-medium">Whom do you nominate?</legend>
        {(["self", "other"] as const).map((w) => (
          <div key={w} className="flex items-center gap-2">
            <input id={`${id}-${w}`} type="radio" name="who" value={w} checked={who === w} onChange={() => setWho(w)} className="size-5 accent-blue-700" />
            <label htmlFor={`${id}-${w}`}>{w === "self" ? "Myself" : "Another member"}</label>
          </div>
        ))}
      </fieldset>
      {who === "self" ? (
        <TextArea label="Your statement" name="statement" id={`${id}-statement`} rows={5} required hint="Why you are standing and how you would moderate. Voters read it on the ballot." defaultValue={value("statement", "")} errors={errors("statement")} />
      ) : (
        <>
          <Field label="Their name, as the site shows it" name="nomineeName" id={`${id}-nominee`} required defaultValue={value("nomineeName", "")} errors={errors("nomineeName")} hint="They are asked to accept and write their own statement." />
          <TextArea label="Why you nominate them" name="note" id={`${id}-note`} rows={3} defaultValue={value("note", "")} errors={errors("note")} />
        </>
      )}
      <SubmitButton variant="secondary">{who === "self" ? "Stand for election" : "Nominate them"}</SubmitButton>
    </form>
  );
}

export function RespondForm({ action, nominationId }: { action: Action; nominationId: string }) {
  const { state, dispatch, errors, value } = useFormAction(action);
  const answerKey = useAnswerKey(state);
  const id = useId();
  if (state?.ok) return <Notice tone="success">{state.message}</Notice>;
  return (
    <form key={answerKey} action={dispatch} className="space-y-3" noValidate>
      <FormAlert state={state} />
      <input type="hidden" name="nominationId" value={nominationId} />
      <TextArea label="Your statement (to accept)" name="statement" id={`${id}-statement`} rows={4} hint="Why you are standing. Not needed to decline." defaultValue={value("statement", "")} errors={errors("statement")} />
      <div className="flex flex-wrap gap-2">
        <button type="submit" name="accept" value="true" className="min-h-11 rounded-md bg-blue-700 px-4 font-medium text-white hover:bg-blue-800">
          Accept and stand
        </button>
        <button type="submit" name="accept" value="false" className="min-h-11 rounded-md border border-slate-300 bg-white px-4 font-medium hover:bg-slate-50">
          Decline
        </button>
      </div>
    </form>
  );
}

/** The secret ballot: a rank (1, 2, 3 …) per candidate, any left blank. The receipt is shown once. */
export function BallotForm({ action, electionId, candidates }: { action: Action; electionId: string; candidates: { nominationId: string; name: string }[] }) {
  const { state, dispatch, errors, value } = useFormAction(action);
  const answerKey = useAnswerKey(state);
  const error = errors("ranking")?.[0];
  if (state?.ok) {
    const data = state.data as { receipt: string; blank: boolean };
    return (
      <div role="status" className="space-y-3 rounded-md border border-green-300 bg-green-50 p-4 text-green-950">
        <p className="font-semibold">Your {data.blank ? "blank " : ""}ballot is cast.</p>
        <p>
          Your private receipt: <strong className="font-mono text-lg tracking-wider" data-testid="receipt">{data.receipt}</strong>
        </p>
        <p className="text-sm">Write it down now: it is shown only this once and we keep only a fingerprint of it. After the count, enter it on this page to find your own ballot in the published file. Nobody else can link it to you, so keep it to yourself.</p>
      </div>
    );
  }
  const options = candidates.map((_, i) => i + 1);
  return (
    <form key={answerKey} action={dispatch} className="space-y-4" noValidate aria-describedby={error ? "ballot-error" : undefined}>
      <FormAlert state={state} />
      <input type="hidden" name="electionId" value={electionId} />
      <fieldset className="space-y-3">
        <legend className="font-medium">Rank the candidates: 1 for your first choice, 2 for your next, and so on. Leave out anyone you would not support.</legend>
        {error ? (
          <p id="ballot-error" className="text-sm font-medium text-red-700">
            {error}
          </p>
        ) : null}
        <ul className="space-y-2">
          {candidates.map((c) => (
            <li key={c.nominationId} className="flex items-center justify-between gap-3 rounded-md border border-slate-200 bg-white p-3">
              <label htmlFor={`rank-${c.nominationId}`} className="font-medium">
                {c.name}
              </label>
              <select id={`rank-${c.nominationId}`} name={`rank:${c.nominationId}`} defaultValue={value(`rank:${c.nominationId}`, "")} aria-invalid={error ? true : undefined} className={`${select} w-28`}>
                <option value="">Not ranked</option>
                {options.map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </li>
          ))}
        </ul>
      </fieldset>
      <p className="text-sm text-slate-700">A ballot cannot be changed once cast. Ranking nobody casts a blank ballot, counted as such.</p>
      <SubmitButton pendingLabel="Casting…">Cast my ballot</SubmitButton>
    </form>
  );
}

export function ReceiptForm({ action, electionId }: { action: Action; electionId: string }) {
  const { state, dispatch, errors, value } = useFormAction(action);
  const answerKey = useAnswerKey(state);
  const found = state?.ok ? (state.data as { ranking: string[] }) : null;
  return (
    <form key={answerKey} action={dispatch} className="space-y-3" noValidate>
      <FormAlert state={state} />
      <input type="hidden" name="electionId" value={electionId} />
      <Field label="Your receipt code" name="receipt" required autoComplete="off" spellCheck={false} defaultValue={value("receipt", "")} errors={errors("receipt")} hint="It looks like 7KQ2-M9XD-4TRA-ZB3C. It is checked here, never stored or logged." />
      <SubmitButton variant="secondary" pendingLabel="Looking…">
        Find my ballot
      </SubmitButton>
      {found ? (
        <div role="status" className="rounded-md border border-green-300 bg-green-50 p-3 text-green-950">
          <p className="font-semibold">Your ballot is in the published file{found.ranking.length === 0 ? ", blank." : ":"}</p>
          {found.ranking.length ? (
            <ol className="ml-6 list-decimal">
              {found.ranking.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ol>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}

"use client";

import type { ReactNode } from "react";
import { SelectField } from "@/components/directory/fields";
import { Button, type ButtonVariant } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, TextArea } from "@/components/ui/field";
import { FormAlert, SubmitButton, useFormAction } from "@/components/ui/form";
import type { FormState } from "@/lib/actions";
import { CONSENT_LABELS, CONSENT_WORDING, DEFAULT_EXPIRY_MONTHS, EXPIRY_CHOICES, GRANTABLE_LEVELS, consentRank } from "@/lib/anecdotes/consent";
import type { ConsentLevel } from "@/db/schema";

type Action = (prev: FormState, fd: FormData) => Promise<FormState>;
type Form = ReturnType<typeof useFormAction>;

/** A form bound to one action: hidden fields, the fields a caller renders, a success message in a live region. */
function ActionForm({ action, hidden = {}, submit, variant, children, label }: { action: Action; hidden?: Record<string, string>; submit: string; variant?: ButtonVariant; children?: (f: Form) => ReactNode; label?: string }) {
  const f = useFormAction(action);
  const failed = f.state && !f.state.ok ? f.state.values : undefined;
  return (
    <form action={f.dispatch} className="space-y-3" aria-label={label} key={failed ? JSON.stringify(failed) : "form"} noValidate>
      <FormAlert state={f.state} />
      {f.state?.ok && f.state.message ? (
        <p role="status" className="rounded-md border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-950">
          {f.state.message}
        </p>
      ) : null}
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {children?.(f)}
      <SubmitButton variant={variant}>{submit}</SubmitButton>
    </form>
  );
}

function Radios({ legend, name, options, value, errors }: { legend: string; name: string; options: { value: string; label: string; hint?: string }[]; value?: string; errors?: string[] }) {
  const error = errors?.[0];
  return (
    <fieldset className="space-y-2" aria-describedby={error ? `${name}-radios-error` : undefined}>
      <legend className="font-medium text-slate-900">{legend}</legend>
      {error ? (
        <p id={`${name}-radios-error`} className="text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
      {options.map((o) => (
        <div key={o.value} className="flex items-start gap-2">
          <input id={`${name}-${o.value}`} type="radio" name={name} value={o.value} defaultChecked={value === o.value} className="mt-1 size-5 shrink-0 accent-blue-700" aria-describedby={o.hint ? `${name}-${o.value}-hint` : undefined} />
          <div>
            <label htmlFor={`${name}-${o.value}`} className="font-medium">
              {o.label}
            </label>
            {o.hint ? (
              <p id={`${name}-${o.value}-hint`} className="text-sm text-slate-700">
                {o.hint}
              </p>
            ) : null}
          </div>
        </div>
      ))}
    </fieldset>
  );
}

/** The three levels with the exact words recorded in the ledger, and the version of each (the action records the chosen one's). */
function ConsentChoice({ f, levels = GRANTABLE_LEVELS }: { f: Form; levels?: readonly ("internal" | "anonymous" | "named")[] }) {
  return (
    <>
      {levels.map((l) => (
        <input key={l} type="hidden" name={`wordingVersion.${l}`} value={CONSENT_WORDING[l].version} />
      ))}
      <Radios legend="How may your story be used?" name="consentLevel" value={f.value("consentLevel")} errors={f.errors("consentLevel") ?? f.errors("level")} options={levels.map((l) => ({ value: l, label: CONSENT_LABELS[l], hint: `“${CONSENT_WORDING[l].text}” (wording version ${CONSENT_WORDING[l].version})` }))} />
      <SelectField label="Consent lasts" name="expiryMonths" defaultValue={f.value("expiryMonths", String(DEFAULT_EXPIRY_MONTHS))} options={EXPIRY_CHOICES.map((c) => ({ value: String(c.months), label: c.label }))} errors={f.errors("expiryMonths")} className="sm:max-w-xs" hint="When it runs out, your story is no longer used unless you give consent again." />
    </>
  );
}

export interface StoryDefaults {
  title: string;
  body: string;
  occurredOn: string;
  place: string;
  themeId: string;
  role: string;
}

function StoryFields({ f, themes, d }: { f: Form; themes: { id: string; title: string }[]; d: StoryDefaults }) {
  return (
    <>
      <Field label="Title" name="title" required maxLength={120} defaultValue={f.value("title", d.title)} errors={f.errors("title")} />
      <TextArea label="Your story" name="body" required rows={8} maxLength={6000} defaultValue={f.value("body", d.body)} errors={f.errors("body")} hint="What happened, in your own words. Curators remove names and identifying details before any use, and you approve their text." />
      <Field label="When it happened" name="occurredOn" type="date" required defaultValue={f.value("occurredOn", d.occurredOn)} errors={f.errors("occurredOn")} className="sm:max-w-xs" />
      <Field label="Where it happened" name="place" required maxLength={120} defaultValue={f.value("place", d.place)} errors={f.errors("place")} hint="A town or area is enough." />
      <SelectField label="Theme" name="themeId" defaultValue={f.value("themeId", d.themeId)} options={[{ value: "", label: "Choose…" }, ...themes.map((t) => ({ value: t.id, label: t.title }))]} errors={f.errors("themeId")} className="sm:max-w-xs" />
      <Radios
        legend="Your part in it"
        name="role"
        value={f.value("role", d.role)}
        errors={f.errors("role")}
        options={[
          { value: "subject", label: "It happened to me" },
          { value: "witness", label: "I saw it happen (a witness)" },
        ]}
      />
    </>
  );
}

export function StoryForm({ action, themes }: { action: Action; themes: { id: string; title: string }[] }) {
  return (
    <ActionForm action={action} submit="Submit the story">
      {(f) => (
        <>
          <StoryFields f={f} themes={themes} d={{ title: "", body: "", occurredOn: "", place: "", themeId: "", role: "" }} />
          <ConsentChoice f={f} />
        </>
      )}
    </ActionForm>
  );
}

export function EditStoryForm({ action, storyId, themes, defaults }: { action: Action; storyId: string; themes: { id: string; title: string }[]; defaults: StoryDefaults }) {
  return (
    <ActionForm action={action} hidden={{ storyId }} submit="Send the revised story">
      {(f) => <StoryFields f={f} themes={themes} d={defaults} />}
    </ActionForm>
  );
}

export function AttestForm({ action, token }: { action: Action; token: string }) {
  return (
    <ActionForm action={action} hidden={{ token }} submit="Attest this story">
      {(f) => <TextArea label="How you know this happened" name="relation" required rows={2} maxLength={300} defaultValue={f.value("relation")} errors={f.errors("relation")} hint="For example: “I was there”, or “she told me the same day”." />}
    </ActionForm>
  );
}

/**
 * Give, lower or withdraw consent: each one step, withdrawal as easy as granting (GDPR art. 7(3)).
 * The three forms share one result, shown above them, so it stays on screen when the form that
 * sent it no longer applies (nothing is left to lower, or consent is withdrawn).
 */
export function ConsentControls({ action, storyId, current }: { action: Action; storyId: string; current: ConsentLevel }) {
  const lower = GRANTABLE_LEVELS.filter((l) => consentRank(l) < consentRank(current));
  const f = useFormAction(action);
  const failed = f.state && !f.state.ok ? f.state.values : undefined;
  const hidden = (change: string) => (
    <>
      <input type="hidden" name="storyId" value={storyId} />
      <input type="hidden" name="change" value={change} />
    </>
  );
  return (
    <div className="space-y-6">
      <FormAlert state={f.state} />
      {f.state?.ok && f.state.message ? (
        <p role="status" className="rounded-md border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-950">
          {f.state.message}
        </p>
      ) : null}
      <form action={f.dispatch} className="space-y-3" aria-label="Give a new consent" key={failed?.change === "grant" ? JSON.stringify(failed) : "grant"} noValidate>
        <h3 className="font-semibold">Give a new consent</h3>
        {hidden("grant")}
        <ConsentChoice f={f} />
        <SubmitButton>Give this consent</SubmitButton>
      </form>
      {lower.length ? (
        <form action={f.dispatch} className="space-y-3" aria-label="Lower your consent" noValidate>
          <h3 className="font-semibold">Lower your consent</h3>
          {hidden("lower")}
          <SelectField label="New level" name="level" defaultValue={lower[lower.length - 1]} options={lower.map((l) => ({ value: l, label: CONSENT_LABELS[l] }))} errors={failed?.change === "lower" ? f.errors("level") : undefined} className="sm:max-w-xs" />
          <SubmitButton>Lower my consent</SubmitButton>
        </form>
      ) : null}
      {current !== "withdrawn" ? (
        <div className="space-y-2">
          <h3 className="font-semibold">Withdraw your consent</h3>
          <Dialog trigger="Withdraw consent" triggerVariant="danger" title="Withdraw your consent?" description={<p>Your story will not be used any more, and the curators who used it are asked to take it down. You can give consent again later.</p>}>
            {(close) => (
              <form action={f.dispatch} onSubmit={() => setTimeout(close, 0)} className="flex flex-wrap justify-end gap-2">
                {hidden("withdraw")}
                <Button variant="secondary" onClick={close}>
                  Cancel
                </Button>
                <SubmitButton variant="danger" pendingLabel="Withdrawing…">
                  Withdraw now
                </SubmitButton>
              </form>
            )}
          </Dialog>
        </div>
      ) : null}
    </div>
  );
}

export function ReviewForm({ action, storyId }: { action: Action; storyId: string }) {
  return (
    <ActionForm action={action} hidden={{ storyId }} submit="Record the decision" label="Review">
      {(f) => (
        <>
          <Radios
            legend="Decision"
            name="decision"
            value={f.value("decision")}
            errors={f.errors("decision")}
            options={[
              { value: "accept", label: "Accept" },
              { value: "changes", label: "Ask for changes" },
              { value: "decline", label: "Decline" },
            ]}
          />
          <TextArea label="Reason for the storyteller" name="reason" rows={2} defaultValue={f.value("reason")} errors={f.errors("reason")} hint="Needed when you ask for changes or decline." />
        </>
      )}
    </ActionForm>
  );
}

export function TagsForm({ action, storyId, tags }: { action: Action; storyId: string; tags: string[] }) {
  return (
    <ActionForm action={action} hidden={{ storyId }} submit="Save tags" variant="secondary" label="Tags">
      {(f) => <Field label="Tags" name="tags" defaultValue={f.value("tags", tags.join(", "))} errors={f.errors("tags")} hint="Separated by commas." />}
    </ActionForm>
  );
}

export function RedactionForm({ action, storyId, text }: { action: Action; storyId: string; text: string }) {
  return (
    <ActionForm action={action} hidden={{ storyId }} submit="Send to the storyteller for approval" label="Redaction">
      {(f) => (
        <>
          <TextArea label="Redacted text" name="redactedBody" required rows={8} defaultValue={f.value("redactedBody", text)} errors={f.errors("redactedBody")} hint="Remove names and details that identify anyone. The storyteller approves this text before it can be used." />
          <Field label="Note to the storyteller" name="note" defaultValue={f.value("note")} errors={f.errors("note")} />
        </>
      )}
    </ActionForm>
  );
}

export function RedactionDecision({ action, storyId }: { action: Action; storyId: string }) {
  const f = useFormAction(action);
  return (
    <form action={f.dispatch} className="space-y-2" aria-label="Your decision on the redacted text">
      <FormAlert state={f.state} />
      <input type="hidden" name="storyId" value={storyId} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" name="decision" value="approve">
          Approve the redacted text
        </Button>
        <Button type="submit" name="decision" value="reject" variant="secondary">
          Reject it
        </Button>
      </div>
    </form>
  );
}

export function QuoteForm({ action, storyId, papers }: { action: Action; storyId: string; papers: { id: string; title: string }[] }) {
  return (
    <ActionForm action={action} hidden={{ storyId }} submit="Quote in the response" label="Quote in a paper's response">
      {(f) => (
        <>
          <SelectField label="Paper whose response quotes it" name="paperId" defaultValue={f.value("paperId", "")} options={[{ value: "", label: "Choose…" }, ...papers.map((p) => ({ value: p.id, label: p.title }))]} errors={f.errors("paperId")} />
          <Radios
            legend="Attribution"
            name="as"
            value={f.value("as", "anonymous")}
            errors={f.errors("as")}
            options={[
              { value: "anonymous", label: "Anonymous (no name or place)" },
              { value: "named", label: "With the storyteller's name and place" },
            ]}
          />
        </>
      )}
    </ActionForm>
  );
}

export function PressPackForm({ action, themeId, stories }: { action: Action; themeId: string; stories: { id: string; title: string; consent: ConsentLevel }[] }) {
  return (
    <ActionForm action={action} hidden={{ themeId }} submit="Make the press pack" label="New press pack">
      {(f) => (
        <>
          <Field label="Press pack title" name="title" required maxLength={120} defaultValue={f.value("title")} errors={f.errors("title")} />
          <fieldset className="space-y-2" aria-describedby={f.errors("stories") ? "stories-error" : undefined}>
            <legend className="font-medium">Stories</legend>
            {f.errors("stories") ? (
              <p id="stories-error" className="text-sm font-medium text-red-700">
                {f.errors("stories")![0]}
              </p>
            ) : null}
            {stories.map((s) => (
              <div key={s.id} className="flex items-start gap-2">
                <input id={`story-${s.id}`} type="checkbox" name={`story.${s.id}`} value="true" defaultChecked={f.value(`story.${s.id}`) === "true"} className="mt-1 size-5 shrink-0 accent-blue-700" />
                <label htmlFor={`story-${s.id}`}>
                  {s.title} <span className="text-sm text-slate-700">({CONSENT_LABELS[s.consent]})</span>
                </label>
              </div>
            ))}
          </fieldset>
        </>
      )}
    </ActionForm>
  );
}

export function TakedownButton({ action, useId, label }: { action: Action; useId: string; label: string }) {
  const f = useFormAction(action);
  return (
    <form action={f.dispatch} className="space-y-1">
      <FormAlert state={f.state} />
      <input type="hidden" name="useId" value={useId} />
      <SubmitButton variant="secondary" className="min-h-9 px-3 text-sm">
        <span>
          Mark as taken down<span className="sr-only">: {label}</span>
        </span>
      </SubmitButton>
    </form>
  );
}

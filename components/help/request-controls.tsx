"use client";

import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TextArea } from "@/components/ui/field";
import { FormAlert, SubmitButton, useFormAction } from "@/components/ui/form";
import { SelectField } from "@/components/directory/fields";
import type { FormState } from "@/lib/actions";

type Action = (prev: FormState, fd: FormData) => Promise<FormState>;

/** Invites one match; an error (they left the directory meanwhile) shows beside the button. */
export function InviteButton({ action, requestId, memberId, name }: { action: Action; requestId: string; memberId: string; name: string }) {
  const { state, dispatch, errors } = useFormAction(action);
  const error = errors("memberId")?.[0] ?? (state && !state.ok ? state.message : undefined);
  return (
    <form action={dispatch} className="space-y-1">
      <input type="hidden" name="requestId" value={requestId} />
      <input type="hidden" name="memberId" value={memberId} />
      <SubmitButton variant="secondary" pendingLabel="Inviting…" className="min-h-9 px-3 text-sm">
        <span>
          Invite <span className="sr-only">{name}</span>
        </span>
      </SubmitButton>
      {error ? (
        <p role="alert" className="text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </form>
  );
}

/** The invitee's answer: only "yes" exchanges contact (through the site's messages). */
export function AnswerForm({ action, invitationId, title }: { action: Action; invitationId: string; title: string }) {
  const { state, dispatch } = useFormAction(action);
  return (
    <form action={dispatch} className="space-y-2" aria-label={`Your answer to “${title}”`}>
      <FormAlert state={state} />
      <input type="hidden" name="invitationId" value={invitationId} />
      <p className="text-sm text-slate-700">Saying yes opens a conversation with the requester in your messages and gives them your contact preference. No and later share nothing.</p>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" name="answer" value="yes">
          Yes, I can help
        </Button>
        <Button type="submit" name="answer" value="no" variant="secondary">
          No
        </Button>
        <Button type="submit" name="answer" value="later" variant="secondary">
          Ask me later
        </Button>
      </div>
    </form>
  );
}

const OUTCOMES = [
  { value: "", label: "Choose…" },
  { value: "met", label: "Met" },
  { value: "partly_met", label: "Partly met" },
  { value: "not_met", label: "Not met" },
  { value: "withdrawn", label: "Withdrawn" },
];

/** Closing withdraws every unanswered invitation, so it asks first. */
export function CloseRequest({ action, requestId }: { action: Action; requestId: string }) {
  const { state, dispatch, errors, value } = useFormAction(action);
  const failed = state && !state.ok;
  return (
    <div className="space-y-2">
      {failed ? <FormAlert state={state} /> : null}
      <Dialog trigger="Close the request" title="Close this request?" description={<p>Unanswered invitations are withdrawn and nobody new can be invited. Say what came of it: the page shows it to everyone.</p>}>
        {(close) => (
          <form action={dispatch} className="space-y-4" noValidate>
            <input type="hidden" name="requestId" value={requestId} />
            <SelectField label="Outcome" name="outcome" defaultValue={value("outcome", "")} options={OUTCOMES} errors={errors("outcome")} />
            <TextArea label="What came of it" name="outcomeNote" rows={3} required defaultValue={value("outcomeNote")} errors={errors("outcomeNote")} />
            <div className="flex flex-wrap justify-end gap-2">
              <Button variant="secondary" onClick={close}>
                Cancel
              </Button>
              <SubmitButton variant="danger" pendingLabel="Closing…">
                Close the request
              </SubmitButton>
            </div>
          </form>
        )}
      </Dialog>
    </div>
  );
}

export function MessageForm({ action, threadId }: { action: Action; threadId: string }) {
  const { state, dispatch, errors, value } = useFormAction(action);
  return (
    <form action={dispatch} className="space-y-3">
      <FormAlert state={state} />
      <input type="hidden" name="threadId" value={threadId} />
      <TextArea label="Your message" name="body" rows={3} required maxLength={2000} defaultValue={value("body")} errors={errors("body")} />
      <SubmitButton pendingLabel="Sending…">Send</SubmitButton>
    </form>
  );
}

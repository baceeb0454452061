"use client";

import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TextArea } from "@/components/ui/field";
import { FormAlert, SubmitButton, useFormAction } from "@/components/ui/form";
import { archiveThemeAction, moveThemeAction } from "./actions";

export function MoveButtons({ themeId, title, first, last }: { themeId: string; title: string; first: boolean; last: boolean }) {
  const { state, dispatch, pending } = useFormAction(moveThemeAction);
  return (
    <form action={dispatch} className="flex items-center gap-1">
      <input type="hidden" name="themeId" value={themeId} />
      <Button type="submit" name="direction" value="up" size="sm" variant="secondary" disabled={first || pending} aria-label={`Move ${title} up`}>
        ↑
      </Button>
      <Button type="submit" name="direction" value="down" size="sm" variant="secondary" disabled={last || pending} aria-label={`Move ${title} down`}>
        ↓
      </Button>
      {state && !state.ok ? (
        <span role="alert" className="text-sm text-red-700">
          {state.message}
        </span>
      ) : null}
    </form>
  );
}

export function ArchiveControl({ themeId, title, archived }: { themeId: string; title: string; archived: boolean }) {
  const { state, dispatch } = useFormAction(archiveThemeAction);
  if (archived) {
    return (
      <form action={dispatch}>
        <input type="hidden" name="themeId" value={themeId} />
        <input type="hidden" name="archived" value="false" />
        <FormAlert state={state} />
        <SubmitButton variant="secondary" pendingLabel="Restoring…" className="min-h-9 px-3 text-sm">
          Restore
        </SubmitButton>
      </form>
    );
  }
  return (
    <Dialog
      trigger="Archive"
      title={`Archive “${title}”?`}
      description={<p>The theme disappears from the site for everyone but admins. Nothing in it is deleted, and you can restore it.</p>}
    >
      {(close) => (
        <form action={dispatch} onSubmit={() => setTimeout(close, 0)} className="space-y-4">
          <FormAlert state={state} />
          <input type="hidden" name="themeId" value={themeId} />
          <input type="hidden" name="archived" value="true" />
          <TextArea label="Reason, for the moderation log" name="reason" rows={2} />
          <div className="flex flex-wrap justify-end gap-2">
            <Button variant="secondary" onClick={close}>
              Cancel
            </Button>
            <SubmitButton variant="danger" pendingLabel="Archiving…">
              Archive theme
            </SubmitButton>
          </div>
        </form>
      )}
    </Dialog>
  );
}

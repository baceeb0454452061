"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TextArea } from "@/components/ui/field";
import { FormAlert, SubmitButton, useFormAction } from "@/components/ui/form";
import type { FormState } from "@/lib/actions";

type Action = (prev: FormState, fd: FormData) => Promise<FormState>;

/**
 * Hide or restore a paper, always with a reason that goes to the author and the public log.
 * The page keys this by the hidden state, so a successful action remounts it with the dialog closed.
 */
export function PaperModeration({ paperId, title, hidden, hideAction, restoreAction }: { paperId: string; title: string; hidden: boolean; hideAction: Action; restoreAction: Action }) {
  const { state, dispatch, errors, value } = useFormAction(hidden ? restoreAction : hideAction);
  const [open, setOpen] = useState(false);
  return (
    <Dialog
      trigger={hidden ? "Restore paper" : "Hide paper"}
      triggerVariant={hidden ? "secondary" : "danger"}
      open={open}
      onOpenChange={setOpen}
      title={hidden ? `Restore “${title}”?` : `Hide “${title}”?`}
      description={
        <p>
          {hidden
            ? "Everyone will be able to read the paper again."
            : "Members will see a placeholder with your reason instead of the paper. Its author, moderators and the council can still read it."}{" "}
          The reason is shown in the public moderation log and sent to the author.
        </p>
      }
    >
      {(close) => (
        <form action={dispatch} className="space-y-4" noValidate>
          <FormAlert state={state} />
          <input type="hidden" name="paperId" value={paperId} />
          <TextArea label="Reason" name="reason" rows={3} required defaultValue={value("reason")} errors={errors("reason")} />
          <div className="flex flex-wrap justify-end gap-2">
            <Button variant="secondary" onClick={close}>
              Cancel
            </Button>
            <SubmitButton variant={hidden ? "primary" : "danger"} pendingLabel={hidden ? "Restoring…" : "Hiding…"}>
              {hidden ? "Restore paper" : "Hide paper"}
            </SubmitButton>
          </div>
        </form>
      )}
    </Dialog>
  );
}

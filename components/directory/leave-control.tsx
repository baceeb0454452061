"use client";

import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormAlert, SubmitButton, useFormAction } from "@/components/ui/form";
import type { FormState } from "@/lib/actions";

type Action = (prev: FormState, fd: FormData) => Promise<FormState>;

/** Leaving is one step (after a confirmation); coming back is one button. */
export function LeaveDirectory({ listed, leaveAction, rejoinAction }: { listed: boolean; leaveAction: Action; rejoinAction: Action }) {
  const leave = useFormAction(leaveAction);
  const rejoin = useFormAction(rejoinAction);
  if (!listed) {
    return (
      <form action={rejoin.dispatch} className="space-y-2">
        <FormAlert state={rejoin.state} />
        <p>You are not in the directory: nobody finds you in a search or a help request&apos;s matches.</p>
        <SubmitButton variant="secondary" pendingLabel="Rejoining…">
          Rejoin the directory
        </SubmitButton>
      </form>
    );
  }
  return (
    <div className="space-y-2">
      <FormAlert state={leave.state} />
      <Dialog
        trigger="Leave the directory"
        title="Leave the directory?"
        description={<p>You disappear from every search and every help request&apos;s matches at once, and invitations you have not answered are withdrawn. Your profile is kept, hidden, in case you come back.</p>}
      >
        {(close) => (
          <form action={leave.dispatch} onSubmit={() => setTimeout(close, 0)} className="flex flex-wrap justify-end gap-2">
            <Button variant="secondary" onClick={close}>
              Cancel
            </Button>
            <SubmitButton variant="danger" pendingLabel="Leaving…">
              Leave now
            </SubmitButton>
          </form>
        )}
      </Dialog>
    </div>
  );
}

"use client";

import { useEffect, useId, useOptimistic, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormAlert, SubmitButton, useFormAction } from "@/components/ui/form";
import { useToast } from "@/components/ui/toast";
import type { FormState } from "@/lib/actions";
import {
  deleteCommentAction,
  editCommentAction,
  hideCommentAction,
  restoreCommentAction,
  voteAction,
} from "./actions";
import { Area, Composer } from "./composer";

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;
const offline = (action: Action): Action => async (prev, formData) => {
  try {
    return await action(prev, formData);
  } catch {
    return { ok: false, message: "The connection failed and nothing was saved. Please try again." };
  }
};

/** Runs `done` (closing a dialog or form) once the action succeeds. */
const closing = (action: Action, done: () => void): Action => async (prev, formData) => {
  const result = await action(prev, formData);
  if (result?.ok) done();
  return result;
};

export interface CommentActionsProps {
  paperId: string;
  commentId: string;
  authorName: string;
  usefulCount: number;
  useful: boolean;
  source: string | null;
  may: { vote: boolean; reply: boolean; edit: boolean; delete: boolean; hide: boolean; restore: boolean };
  /** Rendered at the end of the row of buttons (the permalink). */
  children?: React.ReactNode;
}

/** The buttons under a comment, for someone who may use at least one of them. */
export function CommentActions(props: CommentActionsProps) {
  const { paperId, commentId, authorName, may } = props;
  const [open, setOpen] = useState<"reply" | "edit" | null>(null);
  const panelId = useId();
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        {may.vote ? (
          <VoteButton commentId={commentId} count={props.usefulCount} pressed={props.useful} />
        ) : (
          <span className="text-sm text-slate-700">
            {props.usefulCount} {props.usefulCount === 1 ? "member" : "members"} found this useful
          </span>
        )}
        {may.reply ? (
          <Button variant="ghost" size="sm" aria-expanded={open === "reply"} aria-controls={open === "reply" ? panelId : undefined} onClick={() => setOpen(open === "reply" ? null : "reply")}>
            Reply<span className="sr-only"> to {authorName}</span>
          </Button>
        ) : null}
        {may.edit && props.source !== null ? (
          <Button variant="ghost" size="sm" aria-expanded={open === "edit"} aria-controls={open === "edit" ? panelId : undefined} onClick={() => setOpen(open === "edit" ? null : "edit")}>
            Edit
          </Button>
        ) : null}
        {may.delete ? <DeleteDialog commentId={commentId} /> : null}
        {may.hide ? <ModerateDialog commentId={commentId} hide /> : null}
        {may.restore ? <ModerateDialog commentId={commentId} hide={false} /> : null}
        {props.children}
      </div>
      {open === "reply" ? (
        <div id={panelId}>
          <Composer paperId={paperId} parentId={commentId} label={`Your reply to ${authorName}`} autoFocus onPosted={() => setOpen(null)} onCancel={() => setOpen(null)} />
        </div>
      ) : null}
      {open === "edit" && props.source !== null ? (
        <div id={panelId}>
          <EditForm commentId={commentId} source={props.source} onDone={() => setOpen(null)} />
        </div>
      ) : null}
    </div>
  );
}

/** "Useful" toggle: shows the new state at once and settles on what the server says. */
export function VoteButton({ commentId, count, pressed }: { commentId: string; count: number; pressed: boolean }) {
  const [optimistic, setOptimistic] = useOptimistic({ count, pressed });
  const [, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const toast = useToast();
  useEffect(() => {
    if (error) toast(error);
  }, [error, toast]);
  return (
    <form
      action={(formData) =>
        startTransition(async () => {
          const next = !optimistic.pressed;
          setOptimistic({ pressed: next, count: optimistic.count + (next ? 1 : -1) });
          const result = await offline(voteAction)(null, formData);
          setError(result && !result.ok ? (result.message ?? "Your vote was not saved.") : null);
        })
      }
    >
      <input type="hidden" name="commentId" value={commentId} />
      <input type="hidden" name="useful" value={String(!optimistic.pressed)} />
      <button
        type="submit"
        aria-pressed={optimistic.pressed}
        className="inline-flex min-h-9 items-center gap-2 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-800 hover:bg-slate-50 aria-pressed:border-green-700 aria-pressed:bg-green-50 aria-pressed:text-green-900"
      >
        <span aria-hidden="true">{optimistic.pressed ? "✓" : "+"}</span>
        Useful <span className="tabular-nums">{optimistic.count}</span>
      </button>
    </form>
  );
}

function EditForm({ commentId, source, onDone }: { commentId: string; source: string; onDone: () => void }) {
  const { state, dispatch, errors } = useFormAction(closing(offline(editCommentAction), onDone), { successToast: "Comment updated." });
  const [body, setBody] = useState(source);
  const id = useId();
  return (
    <form action={dispatch} className="space-y-3" noValidate>
      <FormAlert state={state} />
      <input type="hidden" name="commentId" value={commentId} />
      <Area id={`${id}-edit`} label="Edit your comment" name="body" rows={5} value={body} onChange={setBody} error={errors("body")?.[0]} hint="The earlier text stays visible in the comment's edit history." />
      <div className="flex gap-2">
        <SubmitButton pendingLabel="Saving…">Save changes</SubmitButton>
        <Button variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function DeleteDialog({ commentId }: { commentId: string }) {
  const [open, setOpen] = useState(false);
  const { state, dispatch } = useFormAction(closing(offline(deleteCommentAction), () => setOpen(false)), { successToast: "Comment deleted." });
  return (
    <Dialog
      trigger="Delete"
      title="Delete this comment?"
      description="Its text is removed for good. Its place in the discussion and the replies to it stay."
      open={open}
      onOpenChange={setOpen}
    >
      {(close) => (
        <form action={dispatch} className="space-y-4">
          <FormAlert state={state} />
          <input type="hidden" name="commentId" value={commentId} />
          <div className="flex flex-wrap gap-2">
            <SubmitButton variant="danger" pendingLabel="Deleting…">
              Delete comment
            </SubmitButton>
            <Button variant="secondary" onClick={close}>
              Keep it
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

function ModerateDialog({ commentId, hide }: { commentId: string; hide: boolean }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const { state, dispatch, errors } = useFormAction(closing(offline(hide ? hideCommentAction : restoreCommentAction), () => setOpen(false)));
  const id = useId();
  return (
    <Dialog
      trigger={hide ? "Hide" : "Restore"}
      title={hide ? "Hide this comment" : "Restore this comment"}
      description={
        hide
          ? "Members will see a placeholder with your reason; its author and moderators still see the text. The reason is sent to the author and listed in the public moderation log."
          : "The comment becomes visible again. The reason is sent to the author and listed in the public moderation log."
      }
      open={open}
      onOpenChange={setOpen}
    >
      {(close) => (
        <form action={dispatch} className="space-y-4" noValidate>
          <FormAlert state={state} />
          <input type="hidden" name="commentId" value={commentId} />
          <Area id={`${id}-reason`} label="Reason" name="reason" rows={3} value={reason} onChange={setReason} error={errors("reason")?.[0]} />
          <div className="flex flex-wrap gap-2">
            <SubmitButton variant={hide ? "danger" : "primary"} pendingLabel="Saving…">
              {hide ? "Hide comment" : "Restore comment"}
            </SubmitButton>
            <Button variant="secondary" onClick={close}>
              Cancel
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

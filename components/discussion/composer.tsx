"use client";

import { useEffect, useId, useRef, useState } from "react";
import { SimilarSuggestions } from "@/components/search/similar-suggestions";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { FormAlert, SubmitButton, useFormAction } from "@/components/ui/form";
import type { FormState } from "@/lib/actions";
import { COMMENT_MAX } from "@/lib/validation/discussion";
import { postCommentAction } from "@/app/(site)/papers/[id]/discussion-actions";

/** Event the quote button sends to the top-level composer with the selected passage. */
export const QUOTE_EVENT = "commonplace:quote";

const draftKey = (paperId: string, parentId: string | null) => `commonplace:draft:${paperId}:${parentId ?? "paper"}`;

interface Draft {
  body: string;
  quote: string;
}

function readDraft(key: string): Draft | null {
  try {
    const raw = window.localStorage.getItem(key);
    if (!raw) return null;
    const d = JSON.parse(raw) as Partial<Draft>;
    return { body: typeof d.body === "string" ? d.body : "", quote: typeof d.quote === "string" ? d.quote : "" };
  } catch {
    return null;
  }
}

/** A network failure reaches us as a thrown error; the form keeps the text and says so. */
async function post(prev: FormState, formData: FormData): Promise<FormState> {
  try {
    return await postCommentAction(prev, formData);
  } catch {
    return { ok: false, message: "Your comment could not be sent: the connection failed. Your text is kept here and in this browser; try again." };
  }
}

/**
 * Writes a comment on the paper or a reply. Nothing typed is lost: the draft is kept in this
 * browser as it is typed (per paper and per comment replied to), restored after a reload, kept in
 * the form when posting fails, and cleared only once the comment is posted.
 */
export function Composer({
  paperId,
  parentId = null,
  label,
  autoFocus = false,
  onPosted,
  onCancel,
}: {
  paperId: string;
  parentId?: string | null;
  label: string;
  autoFocus?: boolean;
  onPosted?: () => void;
  onCancel?: () => void;
}) {
  const key = draftKey(paperId, parentId);
  const { state, dispatch, errors } = useFormAction(post);
  const [body, setBody] = useState("");
  const [quote, setQuote] = useState("");
  const [restored, setRestored] = useState(false);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const handled = useRef<FormState>(null);
  const id = useId();
  const topLevel = parentId === null;

  useEffect(() => {
    const draft = readDraft(key);
    if (draft && (draft.body || draft.quote)) {
      setBody(draft.body);
      setQuote(draft.quote);
      setRestored(true);
    }
  }, [key]);

  useEffect(() => {
    if (autoFocus) textareaRef.current?.focus();
  }, [autoFocus]);

  useEffect(() => {
    if (!topLevel) return;
    const onQuote = (e: Event) => {
      const passage = (e as CustomEvent<string>).detail;
      setQuote(passage);
      save(body, passage);
      formRef.current?.scrollIntoView({ block: "center" });
      textareaRef.current?.focus();
    };
    window.addEventListener(QUOTE_EVENT, onQuote);
    return () => window.removeEventListener(QUOTE_EVENT, onQuote);
  });

  useEffect(() => {
    if (state?.ok && handled.current !== state) {
      handled.current = state;
      window.localStorage.removeItem(key);
      setBody("");
      setQuote("");
      setRestored(false);
      onPosted?.();
    }
  }, [state, key, onPosted]);

  function save(nextBody: string, nextQuote: string) {
    try {
      if (nextBody || nextQuote) window.localStorage.setItem(key, JSON.stringify({ body: nextBody, quote: nextQuote }));
      else window.localStorage.removeItem(key);
    } catch {
      // Storage full or disabled: the text is still in the form.
    }
  }

  return (
    <form ref={formRef} action={dispatch} className="space-y-3" noValidate aria-label={label}>
      <FormAlert state={state} />
      {restored ? (
        <p role="status" className="text-sm text-slate-700">
          Your unsent draft was restored.
        </p>
      ) : null}
      <input type="hidden" name="paperId" value={paperId} />
      {parentId ? <input type="hidden" name="parentId" value={parentId} /> : null}
      {topLevel ? (
        <Area
          id={`${id}-quote`}
          label="Quoted passage (optional)"
          name="quote"
          rows={quote ? 3 : 1}
          value={quote}
          onChange={(v) => {
            setQuote(v);
            save(body, v);
          }}
          error={errors("quote")?.[0]}
          hint="Select a passage of the paper and choose “Quote in a comment”, or paste it here."
          className="border-l-4 italic"
        />
      ) : null}
      <Area
        ref={textareaRef}
        id={`${id}-body`}
        label={label}
        name="body"
        rows={topLevel ? 5 : 4}
        maxLength={COMMENT_MAX}
        value={body}
        onChange={(v) => {
          setBody(v);
          save(v, quote);
        }}
        error={errors("body")?.[0]}
        hint="*emphasis*, **strong**, - lists, > quotes, `code` and links work. Your draft is kept in this browser until it is posted."
      />
      <SimilarSuggestions query={body} scope="all" paperId={paperId} />
      <div className="flex flex-wrap gap-2">
        <SubmitButton pendingLabel="Posting…">{topLevel ? "Post comment" : "Post reply"}</SubmitButton>
        {onCancel ? (
          <Button variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}

/** A labelled textarea whose hint and error ids derive from its own id, so several composers can share a page. */
export function Area({
  id,
  label,
  name,
  value,
  onChange,
  error,
  hint,
  rows,
  maxLength,
  className,
  ref,
}: {
  id: string;
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint?: string;
  rows?: number;
  maxLength?: number;
  className?: string;
  ref?: React.Ref<HTMLTextAreaElement>;
}) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block font-medium text-slate-900">
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
      <textarea
        ref={ref}
        id={id}
        name={name}
        rows={rows}
        maxLength={maxLength}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={cn(
          "block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base text-slate-900 shadow-sm placeholder:text-slate-500 aria-[invalid=true]:border-red-700",
          className,
        )}
      />
    </div>
  );
}

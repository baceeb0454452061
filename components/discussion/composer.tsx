"use client";

import { useEffect, useId, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { SimilarSuggestions } from "@/components/search/similar-suggestions";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { FormAlert, SubmitButton, useFormAction } from "@/components/ui/form";
import type { FormState } from "@/lib/actions";
import { COMMENT_MAX } from "@/lib/discussion/limits";
import type { MentionCandidate } from "@/lib/discussion/mentions";
import { postCommentAction } from "./actions";
import { MentionPicker } from "./mention-picker";

/** Event the quote button sends to the top-level composer with the selected passage. */
export const QUOTE_EVENT = "commonplace:quote";

const draftKey = (paperId: string, parentId: string | null) => `commonplace:draft:${paperId}:${parentId ?? "paper"}`;

interface Draft {
  body: string;
  quote: string;
}

/**
 * Drafts live in localStorage and the form reads them from there (useSyncExternalStore), so what
 * is on screen and what survives a reload are the same thing. A copy in memory covers browsers
 * where storage is full or disabled.
 */
const memory = new Map<string, string>();
const listeners = new Set<() => void>();
function readRaw(key: string): string {
  if (memory.has(key)) return memory.get(key)!;
  try {
    return window.localStorage.getItem(key) ?? "";
  } catch {
    return "";
  }
}
function writeDraft(key: string, draft: Draft): void {
  const raw = draft.body || draft.quote ? JSON.stringify(draft) : "";
  memory.set(key, raw);
  try {
    if (raw) window.localStorage.setItem(key, raw);
    else window.localStorage.removeItem(key);
  } catch {
    // Storage full or disabled: the memory copy keeps the text for this visit.
  }
  for (const l of listeners) l();
}
function parseDraft(raw: string): Draft {
  if (!raw) return { body: "", quote: "" };
  try {
    const d = JSON.parse(raw) as Partial<Draft>;
    return { body: typeof d.body === "string" ? d.body : "", quote: typeof d.quote === "string" ? d.quote : "" };
  } catch {
    return { body: "", quote: "" };
  }
}
function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
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
  const raw = useSyncExternalStore(
    subscribe,
    () => readRaw(key),
    () => "",
  );
  const { body, quote } = useMemo(() => parseDraft(raw), [raw]);
  const [typed, setTyped] = useState(false);
  const [mentions, setMentions] = useState<MentionCandidate[]>([]);
  const { state, dispatch, errors } = useFormAction(async (prev, formData) => {
    const result = await post(prev, formData);
    if (result?.ok) {
      writeDraft(key, { body: "", quote: "" });
      setMentions([]);
      onPosted?.();
    }
    return result;
  });
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const id = useId();
  const topLevel = parentId === null;

  useEffect(() => {
    if (autoFocus) textareaRef.current?.focus();
  }, [autoFocus]);

  useEffect(() => {
    if (!topLevel) return;
    const onQuote = (e: Event) => {
      writeDraft(key, { body: parseDraft(readRaw(key)).body, quote: (e as CustomEvent<string>).detail });
      formRef.current?.scrollIntoView({ block: "center" });
      textareaRef.current?.focus();
    };
    window.addEventListener(QUOTE_EVENT, onQuote);
    return () => window.removeEventListener(QUOTE_EVENT, onQuote);
  }, [key, topLevel]);

  return (
    <form ref={formRef} action={dispatch} className="space-y-3" noValidate>
      <FormAlert state={state} />
      {!typed && (body || quote) && !state ? (
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
            setTyped(true);
            writeDraft(key, { body, quote: v });
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
          setTyped(true);
          writeDraft(key, { body: v, quote });
        }}
        error={errors("body")?.[0]}
        hint="*emphasis*, **strong**, - lists, > quotes, `code` and links work. Your draft is kept in this browser until it is posted."
      />
      <input type="hidden" name="mentions" value={mentions.map((m) => m.id).join(",")} />
      {errors("mentions")?.[0] ? (
        <p role="alert" className="text-sm font-medium text-red-700">
          {errors("mentions")![0]}
        </p>
      ) : null}
      <MentionPicker
        paperId={paperId}
        onPick={(m) => {
          // `@Name ` goes in at the caret; the server turns it into a mention by id.
          const el = textareaRef.current;
          const at = el ? el.selectionStart : body.length;
          const before = body.slice(0, at);
          const insert = `${before && !/\s$/.test(before) ? " " : ""}@${m.name} `;
          setTyped(true);
          writeDraft(key, { body: before + insert + body.slice(at), quote });
          setMentions((list) => (list.some((x) => x.id === m.id) ? list : [...list, m]));
          requestAnimationFrame(() => {
            el?.focus();
            el?.setSelectionRange(at + insert.length, at + insert.length);
          });
        }}
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

"use client";

import type { JSONContent } from "@tiptap/core";
import { EditorContent, useEditor, useEditorState, type Editor } from "@tiptap/react";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from "react";
import { SimilarSuggestions } from "@/components/search/similar-suggestions";
import { Button } from "@/components/ui/button";
import { Field, TextArea } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import type { DocJson } from "@/db/schema/papers";
import type { FormState } from "@/lib/actions";
import { isAllowedLink, paperExtensions } from "@/lib/papers/extensions";
import { FactPicker } from "@/components/facts/fact-picker";

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

export interface PaperEditorProps {
  paperId?: string;
  themeSlug: string;
  callId?: string;
  initial: { title: string; summary: string; content: DocJson; updatedAt?: string };
  saveAction: Action;
  submitAction: Action;
  canSubmit: boolean;
}

type SaveStatus = { kind: "idle" } | { kind: "saving" } | { kind: "saved"; at: Date } | { kind: "failed"; message: string };

interface LocalDraft {
  title: string;
  summary: string;
  content: DocJson;
  changedAt: string;
}

const AUTOSAVE_MS = 1500;
const RETRY_MS = 5000;
const draftKey = (paperId: string | undefined, newPaperKey: string) => (paperId ? `commonplace:paper-draft:${paperId}` : newPaperKey);
const time = (d: Date) => d.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });

/**
 * The paper editor: Tiptap with the shared extension list, autosaving the working copy to the
 * server and, on every change, to this browser, so neither a reload nor a failed save loses text.
 */
export function PaperEditor({ paperId: initialId, themeSlug, callId, initial, saveAction, submitAction, canSubmit }: PaperEditorProps) {
  const router = useRouter();
  /** Before its first save a paper has no id, so its browser copy is kept under the theme (and call). */
  const storageKey = `commonplace:paper-draft:new:${themeSlug}:${callId ?? ""}`;
  const [title, setTitle] = useState(initial.title);
  const [summary, setSummary] = useState(initial.summary);
  const [status, setStatus] = useState<SaveStatus>(initial.updatedAt ? { kind: "saved", at: new Date(initial.updatedAt) } : { kind: "idle" });
  const [restored, setRestored] = useState(false);
  const [submitState, setSubmitState] = useState<FormState>(null);
  const [submitting, setSubmitting] = useState(false);
  const dirty = useRef(false);
  const saving = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const changedRef = useRef<() => void>(() => {});
  const saveRef = useRef<() => Promise<void>>(async () => {});
  const latest = useRef({ title: initial.title, summary: initial.summary, paperId: initialId });

  const editor = useEditor({
    extensions: paperExtensions,
    content: initial.content as JSONContent,
    immediatelyRender: false,
    editorProps: {
      attributes: {
        class: "paper-body ProseMirror min-h-64 rounded-b-md border border-t-0 border-slate-400 bg-white px-4 py-3 focus:outline-2 focus:outline-blue-700",
        role: "textbox",
        "aria-multiline": "true",
        "aria-label": "Paper text",
      },
    },
    onUpdate: () => changedRef.current(),
  });

  const formData = useCallback(
    (ed: Editor) => {
      const fd = new FormData();
      const { title: t, summary: s, paperId: id } = latest.current;
      if (id) fd.set("paperId", id);
      fd.set("themeSlug", themeSlug);
      if (callId) fd.set("callId", callId);
      fd.set("title", t);
      fd.set("summary", s);
      fd.set("content", JSON.stringify(ed.getJSON()));
      return fd;
    },
    [themeSlug, callId],
  );

  const keepLocally = useCallback(() => {
    if (!editor) return;
    const draft: LocalDraft = { title: latest.current.title, summary: latest.current.summary, content: editor.getJSON() as DocJson, changedAt: new Date().toISOString() };
    try {
      localStorage.setItem(draftKey(latest.current.paperId, storageKey), JSON.stringify(draft));
    } catch {
      // A full or disabled storage must not stop the server save.
    }
  }, [editor, storageKey]);

  const save = useCallback(async () => {
    if (!editor || !dirty.current) return;
    if (saving.current) {
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void saveRef.current(), AUTOSAVE_MS);
      return;
    }
    saving.current = true;
    dirty.current = false;
    setStatus({ kind: "saving" });
    try {
      const result = await saveAction(null, formData(editor));
      if (result?.ok) {
        const data = result.data as { id: string; savedAt: string };
        if (!latest.current.paperId) {
          latest.current.paperId = data.id;
          // Move the browser copy to the paper's own key and give the page its real address.
          try {
            const local = localStorage.getItem(storageKey);
            if (local) localStorage.setItem(draftKey(data.id, storageKey), local);
            localStorage.removeItem(storageKey);
          } catch {}
          window.history.replaceState(null, "", `/papers/${data.id}/edit`);
        }
        setStatus({ kind: "saved", at: new Date(data.savedAt) });
        if (dirty.current) timer.current = setTimeout(() => void saveRef.current(), AUTOSAVE_MS);
      } else {
        const message = result && !result.ok ? (Object.values(result.fieldErrors ?? {})[0]?.[0] ?? result.message ?? "") : "";
        throw new Error(message);
      }
    } catch (e) {
      // Keep the text (it is in this browser too) and try again shortly.
      dirty.current = true;
      setStatus({ kind: "failed", message: e instanceof Error ? e.message : "" });
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void saveRef.current(), RETRY_MS);
    } finally {
      saving.current = false;
    }
  }, [editor, formData, saveAction, storageKey]);

  const changed = useCallback(() => {
    dirty.current = true;
    keepLocally();
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void saveRef.current(), AUTOSAVE_MS);
  }, [keepLocally]);
  useEffect(() => {
    saveRef.current = save;
    changedRef.current = changed;
  }, [save, changed]);

  // A copy in this browser newer than the server's wins: it is text the server never got.
  useEffect(() => {
    if (!editor) return;
    try {
      const raw = localStorage.getItem(draftKey(initialId, storageKey));
      if (!raw) return;
      const local = JSON.parse(raw) as LocalDraft;
      const serverTime = initial.updatedAt ? new Date(initial.updatedAt).getTime() : 0;
      const same = local.title === initial.title && local.summary === initial.summary && JSON.stringify(local.content) === JSON.stringify(initial.content);
      if (!same && new Date(local.changedAt).getTime() > serverTime) {
        // Restoring from browser storage, an outside system, once the editor exists.
        // eslint-disable-next-line react-hooks/set-state-in-effect
        setTitle(local.title);
        setSummary(local.summary);
        latest.current = { ...latest.current, title: local.title, summary: local.summary };
        editor.commands.setContent(local.content as JSONContent, { emitUpdate: false });
        setRestored(true);
        dirty.current = true;
        timer.current = setTimeout(() => void saveRef.current(), AUTOSAVE_MS);
      }
    } catch {}
    // Only once, when the editor is ready.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editor]);

  useEffect(() => () => clearTimeout(timer.current), []);

  const onField = (key: "title" | "summary", value: string) => {
    if (key === "title") setTitle(value);
    else setSummary(value);
    latest.current = { ...latest.current, [key]: value };
    changed();
  };

  async function submit() {
    if (!editor) return;
    clearTimeout(timer.current);
    setSubmitting(true);
    const fd = formData(editor);
    if (!latest.current.paperId) {
      const created = await saveAction(null, fd);
      if (!created?.ok) {
        setSubmitState(created);
        setSubmitting(false);
        return;
      }
      const id = (created.data as { id: string }).id;
      latest.current.paperId = id;
      fd.set("paperId", id);
    }
    const result = await submitAction(null, fd);
    setSubmitState(result);
    setSubmitting(false);
    if (result?.ok) {
      dirty.current = false;
      try {
        localStorage.removeItem(draftKey(latest.current.paperId, storageKey));
        localStorage.removeItem(storageKey);
      } catch {}
      router.push(`/papers/${latest.current.paperId}/edit?submitted=1`);
      router.refresh();
    }
  }

  const failed = submitState && !submitState.ok ? submitState : null;
  return (
    <div className="space-y-5">
      {restored ? (
        <Notice tone="info" role="status">
          Your latest text was restored from this browser: it had not reached the server yet. It is being saved now.
        </Notice>
      ) : null}
      <div>
        <Field label="Title" name="title" required value={title} onChange={(e) => onField("title", e.target.value)} errors={failed?.fieldErrors?.title} maxLength={200} />
        <SimilarSuggestions query={title} scope="papers" />
      </div>
      <TextArea label="Summary" name="summary" rows={3} value={summary} onChange={(e) => onField("summary", e.target.value)} errors={failed?.fieldErrors?.summary} hint="Two or three sentences shown on the theme page." maxLength={1000} />
      <div>
        <p id="paper-text-label" className="mb-1 font-medium text-slate-900">
          Text
        </p>
        {failed?.fieldErrors?.content ? (
          <p id="content-error" className="mb-1 text-sm font-medium text-red-700">
            {failed.fieldErrors.content[0]}
          </p>
        ) : null}
        {editor ? <Toolbar editor={editor} /> : <div className="h-12 rounded-t-md border border-slate-400 bg-slate-50" aria-hidden="true" />}
        <EditorContent editor={editor} />
        {editor ? <FootnoteList editor={editor} /> : null}
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <p role="status" aria-live="polite" className="text-sm text-slate-700" data-testid="save-status">
          <SaveLine status={status} />
        </p>
        <div className="ml-auto flex flex-wrap gap-2">
          <Button
            variant="secondary"
            onClick={() => {
              dirty.current = true;
              void save();
            }}
          >
            Save draft
          </Button>
          {canSubmit ? (
            <Button onClick={() => void submit()} disabled={submitting}>
              {submitting ? "Submitting…" : "Submit to the council"}
            </Button>
          ) : null}
        </div>
      </div>
      {failed?.message ? (
        <Notice tone="error" role="alert">
          {failed.message}
        </Notice>
      ) : null}
      {failed?.fieldErrors && !failed.message ? (
        <Notice tone="error" role="alert">
          {Object.values(failed.fieldErrors)[0]?.[0]}
        </Notice>
      ) : null}
    </div>
  );
}

function SaveLine({ status }: { status: SaveStatus }) {
  switch (status.kind) {
    case "idle":
      return <>Not saved yet: your text is kept in this browser as you type.</>;
    case "saving":
      return <>Saving…</>;
    case "saved":
      return <>Saved {time(status.at)}</>;
    case "failed":
      return <>Not saved — retrying, your text is kept.{status.message ? ` ${status.message}` : ""}</>;
  }
}

function ToolButton({ label, pressed, onClick, children, disabled }: { label: string; pressed?: boolean; onClick: () => void; children: ReactNode; disabled?: boolean }) {
  return (
    <button
      type="button"
      aria-label={label}
      aria-pressed={pressed}
      title={label}
      disabled={disabled}
      onMouseDown={(e) => e.preventDefault()}
      onClick={onClick}
      className="min-h-10 min-w-10 rounded px-2 text-sm font-semibold text-slate-900 hover:bg-slate-200 disabled:text-slate-400 aria-pressed:bg-slate-800 aria-pressed:text-white"
    >
      {children}
    </button>
  );
}

/** The formatting toolbar: every button named for screen readers, and reachable with Tab. */
function Toolbar({ editor }: { editor: Editor }) {
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      h2: e.isActive("heading", { level: 2 }),
      h3: e.isActive("heading", { level: 3 }),
      h4: e.isActive("heading", { level: 4 }),
      bold: e.isActive("bold"),
      italic: e.isActive("italic"),
      bullet: e.isActive("bulletList"),
      ordered: e.isActive("orderedList"),
      quote: e.isActive("blockquote"),
      link: e.isActive("link"),
      table: e.isActive("table"),
      footnote: e.isActive("footnote"),
      href: (e.getAttributes("link").href as string | undefined) ?? "",
      note: (e.getAttributes("footnote").content as string | undefined) ?? "",
    }),
  });
  const [panel, setPanel] = useState<null | "link" | "footnote">(null);
  const chain = () => editor.chain().focus();
  return (
    <div>
      <div role="toolbar" aria-label="Formatting" className="flex flex-wrap gap-1 rounded-t-md border border-slate-400 bg-slate-50 p-1">
        <ToolButton label="Heading 2" pressed={state.h2} onClick={() => chain().toggleHeading({ level: 2 }).run()}>H2</ToolButton>
        <ToolButton label="Heading 3" pressed={state.h3} onClick={() => chain().toggleHeading({ level: 3 }).run()}>H3</ToolButton>
        <ToolButton label="Heading 4" pressed={state.h4} onClick={() => chain().toggleHeading({ level: 4 }).run()}>H4</ToolButton>
        <ToolButton label="Bold" pressed={state.bold} onClick={() => chain().toggleBold().run()}><b>B</b></ToolButton>
        <ToolButton label="Italic" pressed={state.italic} onClick={() => chain().toggleItalic().run()}><i>I</i></ToolButton>
        <ToolButton label="Bulleted list" pressed={state.bullet} onClick={() => chain().toggleBulletList().run()}>• List</ToolButton>
        <ToolButton label="Numbered list" pressed={state.ordered} onClick={() => chain().toggleOrderedList().run()}>1. List</ToolButton>
        <ToolButton label="Quotation" pressed={state.quote} onClick={() => chain().toggleBlockquote().run()}>“ ”</ToolButton>
        <ToolButton label="Link" pressed={state.link} onClick={() => setPanel(panel === "link" ? null : "link")}>Link</ToolButton>
        <ToolButton label="Footnote" pressed={state.footnote} onClick={() => setPanel(panel === "footnote" ? null : "footnote")}>Note</ToolButton>
        <FactPicker onPick={(factId) => chain().insertFactChip(factId).run()} />
        <ToolButton label="Insert table" onClick={() => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()} disabled={state.table}>Table</ToolButton>
        {state.table ? (
          <>
            <ToolButton label="Add row" onClick={() => chain().addRowAfter().run()}>+Row</ToolButton>
            <ToolButton label="Add column" onClick={() => chain().addColumnAfter().run()}>+Col</ToolButton>
            <ToolButton label="Delete row" onClick={() => chain().deleteRow().run()}>−Row</ToolButton>
            <ToolButton label="Delete column" onClick={() => chain().deleteColumn().run()}>−Col</ToolButton>
            <ToolButton label="Delete table" onClick={() => chain().deleteTable().run()}>×Table</ToolButton>
          </>
        ) : null}
      </div>
      {panel === "link" ? (
        <InlinePanel
          key={`link-${state.href}`}
          label="Link address"
          hint="Starts with https://, http:// or mailto:"
          initial={state.href}
          submitLabel={state.link ? "Update link" : "Add link"}
          removeLabel={state.link ? "Remove link" : undefined}
          validate={(v) => (isAllowedLink(v) ? null : "Use an address starting with https://, http:// or mailto:.")}
          onSubmit={(href) => {
            chain().extendMarkRange("link").setLink({ href }).run();
            setPanel(null);
          }}
          onRemove={() => {
            chain().extendMarkRange("link").unsetLink().run();
            setPanel(null);
          }}
          onCancel={() => setPanel(null)}
        />
      ) : null}
      {panel === "footnote" ? (
        <InlinePanel
          key={`fn-${state.note}`}
          label="Footnote text"
          hint="A source or an aside; it is numbered and listed at the end."
          initial={state.note}
          submitLabel={state.footnote ? "Update footnote" : "Add footnote"}
          validate={(v) => (v.trim() ? (v.length > 2000 ? "At most 2,000 characters." : null) : "Write the footnote.")}
          onSubmit={(content) => {
            if (state.footnote) chain().updateAttributes("footnote", { content }).run();
            else chain().insertContent({ type: "footnote", attrs: { content } }).run();
            setPanel(null);
          }}
          onCancel={() => setPanel(null)}
        />
      ) : null}
    </div>
  );
}

function InlinePanel(props: {
  label: string;
  hint: string;
  initial: string;
  submitLabel: string;
  removeLabel?: string;
  validate: (v: string) => string | null;
  onSubmit: (v: string) => void;
  onRemove?: () => void;
  onCancel: () => void;
}) {
  const id = useId();
  const [value, setValue] = useState(props.initial);
  const [error, setError] = useState<string | null>(null);
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const submit = () => {
    const problem = props.validate(value.trim());
    if (problem) setError(problem);
    else props.onSubmit(value.trim());
  };
  return (
    <div className="space-y-2 border border-t-0 border-slate-400 bg-slate-50 p-3">
      <label htmlFor={id} className="block text-sm font-medium text-slate-900">
        {props.label}
      </label>
      <p id={`${id}-hint`} className="text-sm text-slate-600">
        {props.hint}
      </p>
      {error ? (
        <p id={`${id}-error`} className="text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
      <input
        ref={ref}
        id={id}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
        onChange={(e) => setValue(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            submit();
          }
          if (e.key === "Escape") props.onCancel();
        }}
        className="block w-full rounded-md border border-slate-400 bg-white px-3 py-2"
      />
      <div className="flex flex-wrap gap-2">
        <Button size="sm" onClick={submit}>
          {props.submitLabel}
        </Button>
        {props.removeLabel ? (
          <Button size="sm" variant="secondary" onClick={props.onRemove}>
            {props.removeLabel}
          </Button>
        ) : null}
        <Button size="sm" variant="ghost" onClick={props.onCancel}>
          Cancel
        </Button>
      </div>
    </div>
  );
}

/** The footnotes as the reader will see them, so the author can check them while writing. */
function FootnoteList({ editor }: { editor: Editor }) {
  const notes = useEditorState({
    editor,
    selector: ({ editor: e }) => {
      const found: string[] = [];
      e.state.doc.descendants((node) => {
        if (node.type.name === "footnote") found.push(node.attrs.content as string);
      });
      return found.join("\u0000");
    },
  });
  const list = notes ? notes.split("\u0000") : [];
  if (!list.length) return null;
  return (
    <div className="mt-2 rounded-md border border-slate-200 bg-white p-3 text-sm">
      <p className="font-medium">Footnotes</p>
      <ol className="ml-5 list-decimal">
        {list.map((n, i) => (
          <li key={i}>{n}</li>
        ))}
      </ol>
    </div>
  );
}

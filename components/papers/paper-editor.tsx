"use client";

import type { JSONContent } from "@tiptap/core";
import { EditorContent, useEditor, useEditorState, type Editor } from "@tiptap/react";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { SimilarSuggestions } from "@/components/search/similar-suggestions";
import { Button } from "@/components/ui/button";
import { Field, TextArea } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import type { DocJson } from "@/db/schema/papers";
import type { FormState } from "@/lib/actions";
import { paperExtensions } from "@/lib/papers/extensions";
import { FormattingToolbar } from "@/components/editor/formatting-toolbar";

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
        {editor ? <FormattingToolbar editor={editor} footnotes /> : <div className="h-12 rounded-t-md border border-slate-400 bg-slate-50" aria-hidden="true" />}
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

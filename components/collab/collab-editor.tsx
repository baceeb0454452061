"use client";

/**
 * The co-editing editor of a Response or a synthesis: Tiptap bound to the shared Y.Doc (no
 * setContent on it, ever), live carets with names and colours, who is here, the connection state
 * in plain words, named revisions (save, view, restore as a new change) and, for a Response, a
 * comment quoted from the discussion. Loaded with next/dynamic only for signed-in viewers.
 */
import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { EditorContent, useEditor } from "@tiptap/react";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import type { Awareness } from "y-protocols/awareness";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormAlert, SubmitButton, useFormAction } from "@/components/ui/form";
import { useToast } from "@/components/ui/toast";
import type { FormState } from "@/lib/actions";
import { documentExtensions, FRAGMENT } from "@/lib/collab/schema";
import css from "./collab-editor.module.css";
import { FormattingToolbar } from "@/components/editor/formatting-toolbar";
import { useCollab, type CollabState } from "./use-collab";

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

export interface RevisionItem {
  id: string;
  name: string;
  createdAt: string;
  createdByName: string | null;
  href: string;
}

export interface QuoteToInsert {
  commentId: string;
  paperId: string;
  text: string;
  author: string;
  permalink: string;
}

export interface CollabEditorProps {
  doc: string;
  /** The editor's accessible name, e.g. "Response text". */
  label: string;
  user: { name: string; color: string };
  /** Why the viewer may only read (from the server's rules); null when they may edit. */
  readOnlyReason: string | null;
  revisions: RevisionItem[];
  saveRevisionAction: Action;
  restoreRevisionAction: Action;
  quote?: QuoteToInsert | null;
  /** Adds the quote on the server (a stored change every open editor receives). */
  addQuoteAction?: Action;
}

export default function CollabEditor(props: CollabEditorProps) {
  const { doc, label, user, readOnlyReason } = props;
  const collab = useCollab(doc, user);
  const editable = readOnlyReason === null && collab.mode === "write" && collab.status !== "forbidden";
  const editor = useEditor({
    extensions: [
      ...documentExtensions,
      Collaboration.configure({ document: collab.ydoc, field: FRAGMENT }),
      CollaborationCaret.configure({ provider: { awareness: collab.awareness }, user }),
    ],
    immediatelyRender: false,
    editable: false,
    editorProps: {
      attributes: {
        class: "paper-body ProseMirror min-h-64 rounded-b-md border border-slate-400 bg-white px-4 py-3 focus:outline-2 focus:outline-blue-700",
        role: "textbox",
        "aria-multiline": "true",
        "aria-label": label,
      },
    },
  });
  useEffect(() => {
    if (!editor) return;
    editor.setEditable(editable);
    editor.view.dom.setAttribute("aria-readonly", editable ? "false" : "true");
  }, [editor, editable]);

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <p role="status" aria-live="polite" className="rounded bg-slate-100 px-2 py-1 text-sm font-medium text-slate-900">
          <ConnectionLine collab={collab} readOnlyReason={readOnlyReason} />
        </p>
        <WhoIsHere awareness={collab.awareness} />
      </div>
      <div className={css.editor}>
        {editor && editable ? <FormattingToolbar editor={editor} /> : null}
        {editor ? <EditorContent editor={editor} /> : <div className="min-h-64 rounded-md border border-slate-300 bg-slate-50" aria-hidden="true" />}
      </div>
      {editor && editable && props.quote && props.addQuoteAction ? <QuoteInserter ready={collab.synced} quote={props.quote} addAction={props.addQuoteAction} /> : null}
      <Revisions {...props} editable={editable} />
    </div>
  );
}

function ConnectionLine({ collab, readOnlyReason }: { collab: CollabState; readOnlyReason: string | null }) {
  if (readOnlyReason) return <>Read only: {readOnlyReason}</>;
  if (collab.status === "forbidden") return <>Read only: you can no longer open this document. Reload the page.</>;
  if (collab.tooLarge) return <>A change is too large to send (over 1 MB at once): it is kept on this device. Undo it or paste it in smaller pieces.</>;
  if (collab.status === "offline") return <>Offline — your edits are saved on this device</>;
  if (collab.status === "connected" && collab.synced) return collab.mode === "write" ? <>Connected</> : <>Read only: you may read this document but not change it.</>;
  return <>Syncing…</>;
}

interface Present {
  clientId: number;
  name: string;
  color: string;
}

/** The people with this document open now (awareness), this browser included. */
function WhoIsHere({ awareness }: { awareness: Awareness }) {
  const [people, setPeople] = useState<Present[]>([]);
  useEffect(() => {
    const read = () => {
      const list: Present[] = [];
      awareness.getStates().forEach((state, clientId) => {
        const u = (state as { user?: { name?: unknown; color?: unknown } }).user;
        if (u && typeof u.name === "string") list.push({ clientId, name: u.name, color: typeof u.color === "string" ? u.color : "#334155" });
      });
      list.sort((a, b) => (a.clientId === awareness.clientID ? -1 : b.clientId === awareness.clientID ? 1 : a.name.localeCompare(b.name)));
      setPeople(list);
    };
    read();
    awareness.on("change", read);
    return () => awareness.off("change", read);
  }, [awareness]);
  return (
    <section aria-labelledby="who-is-here" className="text-sm">
      <h2 id="who-is-here" className="font-medium text-slate-900">
        Who is here
      </h2>
      <ul className="mt-1 flex flex-wrap gap-2">
        {people.map((p) => (
          <li key={p.clientId} className="flex items-center gap-1 rounded-full border border-slate-300 bg-white px-2 py-0.5">
            <span aria-hidden="true" className="inline-block size-3 rounded-full" style={{ backgroundColor: p.color }} />
            {p.name}
            {p.clientId === awareness.clientID ? <span className="text-slate-600"> (you)</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * "Add to response": the server appends the quoted block to the stored Response (unless it already
 * links to that comment) and records the use; the change reaches this editor, and every other
 * one, through the sidecar. Then the address loses its ?quote= so it is not asked again.
 */
function QuoteInserter({ ready, quote, addAction }: { ready: boolean; quote: QuoteToInsert; addAction: Action }) {
  const router = useRouter();
  const pathname = usePathname();
  const done = useRef(false);
  const toast = useToast();
  useEffect(() => {
    if (!ready || done.current) return;
    done.current = true;
    const fd = new FormData();
    fd.set("paperId", quote.paperId);
    fd.set("commentId", quote.commentId);
    void addAction(null, fd).then((result) => {
      if (result?.ok) toast((result.data as { added?: boolean } | undefined)?.added ? "The comment was added to the response." : "That comment is already in the response.");
      else toast((result && !result.ok && result.message) || "The comment could not be added.");
      router.replace(pathname, { scroll: false });
    });
  }, [ready, quote, addAction, router, pathname, toast]);
  return null;
}

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });

function Revisions(props: CollabEditorProps & { editable: boolean }) {
  const { revisions, editable, doc } = props;
  const router = useRouter();
  const toast = useToast();
  const [restoring, setRestoring] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const save = useFormAction(props.saveRevisionAction, { successToast: "Revision saved." });

  async function restore(rev: RevisionItem) {
    setRestoring(rev.id);
    setProblem(null);
    const fd = new FormData();
    fd.set("doc", doc);
    fd.set("revisionId", rev.id);
    const result = await props.restoreRevisionAction(null, fd);
    setRestoring(null);
    if (!result?.ok) {
      setProblem((result && !result.ok && result.message) || "That revision could not be restored.");
      return;
    }
    // The server stored the restore as a new change: it reaches this editor and the others live.
    toast(`Restored “${rev.name}”.`);
    router.refresh();
  }

  return (
    <section aria-labelledby="revisions-heading" className="space-y-3">
      <h2 id="revisions-heading" className="text-xl font-semibold">
        Revisions
      </h2>
      {editable ? (
        <form action={save.dispatch} className="flex flex-wrap items-end gap-2">
          <input type="hidden" name="doc" value={doc} />
          <Field label="Revision name" name="name" required maxLength={120} defaultValue={save.value("name")} errors={save.errors("name")} className="min-w-56 flex-1" />
          <SubmitButton pendingLabel="Saving…">Save revision</SubmitButton>
        </form>
      ) : null}
      <FormAlert state={save.state} />
      {problem ? (
        <p role="alert" className="text-sm font-medium text-red-700">
          {problem}
        </p>
      ) : null}
      {revisions.length ? (
        <ol className="space-y-2">
          {revisions.map((r) => (
            <li key={r.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-md border border-slate-200 bg-white px-3 py-2">
              <Link href={r.href} className="font-medium text-blue-800 underline">
                {r.name}
              </Link>
              <span className="text-sm text-slate-700">
                {r.createdByName ?? "Former member"} · <time dateTime={r.createdAt}>{when.format(new Date(r.createdAt))}</time>
              </span>
              {editable ? (
                <Button size="sm" variant="secondary" className="ml-auto" disabled={restoring !== null} onClick={() => void restore(r)}>
                  {restoring === r.id ? "Restoring…" : "Restore"}
                  <span className="sr-only"> “{r.name}”</span>
                </Button>
              ) : null}
            </li>
          ))}
        </ol>
      ) : (
        <p className="text-slate-700">No revisions saved yet.</p>
      )}
    </section>
  );
}

"use client";

import { useEditorState, type Editor } from "@tiptap/react";
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { FactPicker } from "@/components/facts/fact-picker";
import { Button } from "@/components/ui/button";
import { isAllowedLink } from "@/lib/papers/extensions";

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

/**
 * The formatting toolbar of the paper, response and synthesis editors: every button named for
 * screen readers and reachable with Tab. Footnotes only where the document schema has them.
 */
export function FormattingToolbar({ editor, footnotes = false }: { editor: Editor; footnotes?: boolean }) {
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
        {footnotes ? (
          <ToolButton label="Footnote" pressed={state.footnote} onClick={() => setPanel(panel === "footnote" ? null : "footnote")}>
            Note
          </ToolButton>
        ) : null}
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
      {footnotes && panel === "footnote" ? (
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

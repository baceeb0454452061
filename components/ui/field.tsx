import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";

interface FieldProps {
  label: string;
  name: string;
  /** Messages from validation; the first is shown under the field. */
  errors?: string[];
  hint?: ReactNode;
}

const control =
  "block w-full rounded-md border bg-white px-3 py-2 text-base text-slate-900 shadow-sm placeholder:text-slate-500 aria-[invalid=true]:border-red-700";

function describedBy(name: string, hint: unknown, error: unknown) {
  return [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean).join(" ") || undefined;
}

function Messages({ name, hint, error }: { name: string; hint?: ReactNode; error?: string }) {
  return (
    <>
      {hint ? (
        <p id={`${name}-hint`} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${name}-error`} className="text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </>
  );
}

/** A labelled input with its hint and its error text, linked for screen readers. */
export function Field({ label, name, errors, hint, className, ...input }: FieldProps & Omit<ComponentProps<"input">, "name">) {
  const error = errors?.[0];
  return (
    <div className={cn("space-y-1", className)}>
      <label htmlFor={input.id ?? name} className="block font-medium text-slate-900">
        {label}
        {input.required ? null : <span className="font-normal text-slate-600"> (optional)</span>}
      </label>
      <Messages name={name} hint={hint} error={error} />
      <input
        id={input.id ?? name}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, hint, error)}
        className={cn(control, "border-slate-400")}
        {...input}
      />
    </div>
  );
}

export function TextArea({ label, name, errors, hint, className, ...input }: FieldProps & Omit<ComponentProps<"textarea">, "name">) {
  const error = errors?.[0];
  return (
    <div className={cn("space-y-1", className)}>
      <label htmlFor={input.id ?? name} className="block font-medium text-slate-900">
        {label}
        {input.required ? null : <span className="font-normal text-slate-600"> (optional)</span>}
      </label>
      <Messages name={name} hint={hint} error={error} />
      <textarea
        id={input.id ?? name}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, hint, error)}
        className={cn(control, "border-slate-400")}
        {...input}
      />
    </div>
  );
}

export function Checkbox({ label, name, errors, hint, className, ...input }: FieldProps & Omit<ComponentProps<"input">, "name" | "type">) {
  const error = errors?.[0];
  return (
    <div className={cn("space-y-1", className)}>
      <div className="flex items-start gap-3">
        <input
          id={input.id ?? name}
          name={name}
          type="checkbox"
          value="true"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(name, hint, error)}
          className="mt-1 size-5 shrink-0 accent-blue-700"
          {...input}
        />
        <label htmlFor={input.id ?? name} className="font-medium text-slate-900">
          {label}
        </label>
      </div>
      <Messages name={name} hint={hint} error={error} />
    </div>
  );
}

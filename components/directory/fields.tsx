import type { ComponentProps, ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import { VISIBILITIES, VISIBILITY_LABELS } from "@/lib/directory/levels";

const control = "block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base text-slate-900 shadow-sm aria-[invalid=true]:border-red-700";

/** A labelled select with its hint and error, linked for screen readers (the ui kit has inputs only). */
export function SelectField({
  label,
  name,
  errors,
  hint,
  options,
  className,
  ...select
}: { label: string; name: string; errors?: string[]; hint?: ReactNode; options: readonly { value: string; label: string }[] } & Omit<ComponentProps<"select">, "name">) {
  const id = select.id ?? name;
  const error = errors?.[0];
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={cn("space-y-1", className)}>
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
      <select id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={described} className={control} {...select}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A group of checkboxes named `<prefix>.<value>` (what lib/directory/validation's `chosen` reads), in a fieldset. */
export function CheckboxGroup({
  legend,
  prefix,
  options,
  checked,
  errors,
  hint,
}: {
  legend: string;
  prefix: string;
  options: readonly { value: string; label: string }[];
  checked: (value: string) => boolean;
  errors?: string[];
  hint?: ReactNode;
}) {
  const error = errors?.[0];
  const errorId = `${prefix}-group-error`;
  return (
    <fieldset className="space-y-2" aria-describedby={error ? errorId : undefined}>
      <legend className="font-medium text-slate-900">{legend}</legend>
      {hint ? <p className="text-sm text-slate-600">{hint}</p> : null}
      {error ? (
        <p id={errorId} className="text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
      <div className="grid gap-x-4 gap-y-1 sm:grid-cols-2">
        {options.map((o) => {
          const id = `${prefix}-${o.value}`.replace(/[^a-zA-Z0-9_-]/g, "-");
          return (
            <div key={o.value} className="flex items-center gap-2">
              <input id={id} type="checkbox" name={`${prefix}.${o.value}`} value="true" defaultChecked={checked(o.value)} className="size-5 shrink-0 accent-blue-700" />
              <label htmlFor={id}>{o.label}</label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

export const VISIBILITY_OPTIONS = VISIBILITIES.map((v) => ({ value: v, label: VISIBILITY_LABELS[v] }));

/** Who may see one field of the profile; every field has its own. */
export function VisibilitySelect({ field, name, value, errors }: { field: string; name: string; value: string; errors?: string[] }) {
  return <SelectField label={`Who may see: ${field}`} name={name} defaultValue={value} options={VISIBILITY_OPTIONS} errors={errors} className="sm:max-w-xs" />;
}

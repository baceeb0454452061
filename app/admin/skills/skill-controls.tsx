"use client";

import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { FormAlert, SubmitButton, useFormAction } from "@/components/ui/form";
import { addSkillAction, archiveSkillAction } from "./actions";

export function AddSkillForm() {
  const { state, dispatch, errors, value } = useFormAction(addSkillAction);
  return (
    <form action={dispatch} className="flex flex-wrap items-end gap-2" noValidate>
      <div className="w-full">
        <FormAlert state={state} />
        {state?.ok ? (
          <p role="status" className="text-sm text-green-900">
            {state.message}
          </p>
        ) : null}
      </div>
      <Field label="New skill" name="label" required maxLength={60} defaultValue={value("label")} errors={errors("label")} className="min-w-56 flex-1" />
      <SubmitButton pendingLabel="Adding…">Add skill</SubmitButton>
    </form>
  );
}

export function ArchiveSkill({ slug, label, archived }: { slug: string; label: string; archived: boolean }) {
  const { state, dispatch } = useFormAction(archiveSkillAction);
  if (archived) {
    return (
      <form action={dispatch}>
        <FormAlert state={state} />
        <input type="hidden" name="slug" value={slug} />
        <input type="hidden" name="archived" value="false" />
        <SubmitButton variant="secondary" className="min-h-9 px-3 text-sm">
          <span>
            Restore<span className="sr-only"> {label}</span>
          </span>
        </SubmitButton>
      </form>
    );
  }
  return (
    <Dialog trigger={`Archive ${label}`} title={`Archive “${label}”?`} description={<p>Members who list it keep it, but new members can no longer choose it, and help requests cannot ask for it. You can restore it.</p>}>
      {(close) => (
        <form action={dispatch} onSubmit={() => setTimeout(close, 0)} className="flex flex-wrap justify-end gap-2">
          <FormAlert state={state} />
          <input type="hidden" name="slug" value={slug} />
          <input type="hidden" name="archived" value="true" />
          <Button variant="secondary" onClick={close}>
            Cancel
          </Button>
          <SubmitButton variant="danger" pendingLabel="Archiving…">
            Archive skill
          </SubmitButton>
        </form>
      )}
    </Dialog>
  );
}

"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TextArea } from "@/components/ui/field";
import { FormAlert, SubmitButton, useFormAction } from "@/components/ui/form";
import type { FormState } from "@/lib/actions";
import { ROLE_LABELS, type GlobalRole } from "@/lib/auth/permissions";
import { grantRoleAction, reinstateAction, revokeRoleAction, suspendAction, verifyAction } from "./actions";

type Action = (prev: FormState, fd: FormData) => Promise<FormState>;

/** A dialog that asks for the reason the moderation log will publish, then runs the action. */
function ReasonDialog({
  action,
  trigger,
  title,
  description,
  confirm,
  danger,
  userId,
  extra,
  hidden,
}: {
  hidden?: boolean;
  action: Action;
  trigger: string;
  title: string;
  description: string;
  confirm: string;
  danger?: boolean;
  userId: string;
  extra?: Record<string, string>;
}) {
  const { state, dispatch, errors, value } = useFormAction(action);
  // The dialog is open from the moment it is opened until a new successful result arrives; then it
  // closes and the toast says what happened, while the row re-renders with its new state.
  const [openedWith, setOpenedWith] = useState<{ state: FormState } | null>(null);
  const open = openedWith !== null && !(state?.ok && state !== openedWith.state);
  const setOpen = (next: boolean) => setOpenedWith(next ? { state } : null);
  return (
    <Dialog
      trigger={trigger}
      triggerVariant={danger ? "danger" : "secondary"}
      title={title}
      description={<p>{description}</p>}
      open={open}
      onOpenChange={setOpen}
      triggerHidden={hidden}
    >
      {(close) => (
          <form action={dispatch} className="space-y-4" noValidate>
            <FormAlert state={state} />
            <input type="hidden" name="userId" value={userId} />
            {Object.entries(extra ?? {}).map(([k, v]) => (
              <input key={k} type="hidden" name={k} value={v} />
            ))}
            <TextArea label="Reason" name="reason" rows={3} required defaultValue={value("reason")} errors={errors("reason")} hint="Published in the moderation log." />
            <div className="flex flex-wrap justify-end gap-2">
              <Button variant="secondary" onClick={close}>
                Cancel
              </Button>
              <SubmitButton variant={danger ? "danger" : "primary"}>{confirm}</SubmitButton>
            </div>
          </form>
      )}
    </Dialog>
  );
}

export function MemberActions({
  member,
  allowed,
}: {
  member: { id: string; displayName: string; standing: string; roles: GlobalRole[] };
  allowed: { verify: boolean; suspend: boolean; reinstate: boolean; roles: boolean };
}) {
  const name = member.displayName;
  const suspended = member.standing === "suspended";
  // Each dialog keeps its place (same key) when the row changes after an action, so it can close and announce the result.
  return (
    <div className="flex flex-wrap gap-2">
      {allowed.verify ? (
        <ReasonDialog
          key="verify"
          hidden={member.standing !== "registered"}
          action={verifyAction}
          trigger="Verify"
          title={`Verify ${name} by hand?`}
          description="Do this only after checking their membership another way, for example their card."
          confirm="Verify member"
          userId={member.id}
        />
      ) : null}
      {allowed.suspend || allowed.reinstate ? (
        suspended ? (
          <ReasonDialog
            key="standing"
            hidden={!allowed.reinstate}
            action={reinstateAction}
            trigger="Reinstate"
            title={`Reinstate ${name}?`}
            description="They regain what their membership and roles allow."
            confirm="Reinstate member"
            userId={member.id}
          />
        ) : (
          <ReasonDialog
            key="standing"
            hidden={!allowed.suspend}
            action={suspendAction}
            trigger="Suspend"
            danger
            title={`Suspend ${name}?`}
            description="They are signed out at once and can only read until reinstated. They can appeal to the council."
            confirm="Suspend member"
            userId={member.id}
          />
        )
      ) : null}
      {allowed.roles
        ? (Object.keys(ROLE_LABELS) as GlobalRole[]).map((role) =>
            member.roles.includes(role) ? (
              <ReasonDialog
                key={role}
                action={revokeRoleAction}
                trigger={`Remove ${ROLE_LABELS[role].toLowerCase()}`}
                danger
                title={`Remove ${name}'s ${ROLE_LABELS[role].toLowerCase()} role?`}
                description="The role ends on their next request."
                confirm="Remove role"
                userId={member.id}
                extra={{ role }}
              />
            ) : (
              <ReasonDialog
                key={role}
                action={grantRoleAction}
                trigger={`Make ${ROLE_LABELS[role].toLowerCase()}`}
                title={`Make ${name} ${ROLE_LABELS[role].toLowerCase()}?`}
                description="Normally moderators are elected and the council is drawn by lot; granting by hand is for setting up and emergencies, and is logged."
                confirm="Grant role"
                userId={member.id}
                extra={{ role }}
              />
            ),
          )
        : null}
    </div>
  );
}

"use client";

import Link from "next/link";
import { Field } from "@/components/ui/field";
import { FormAlert, SubmitButton, useFormAction } from "@/components/ui/form";
import { signInAction } from "./actions";

export function SignInForm({ next }: { next?: string }) {
  const { state, dispatch, errors, value } = useFormAction(signInAction);
  return (
    <form action={dispatch} className="space-y-4" noValidate>
      <FormAlert state={state} />
      <input type="hidden" name="next" value={next ?? ""} />
      <Field label="E-mail" name="email" type="email" autoComplete="email" required defaultValue={value("email")} errors={errors("email")} />
      <Field label="Password" name="password" type="password" autoComplete="current-password" required errors={errors("password")} />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <SubmitButton pendingLabel="Signing in…">Sign in</SubmitButton>
        <Link href="/forgot-password" className="text-blue-800 underline">
          Forgot your password?
        </Link>
      </div>
    </form>
  );
}

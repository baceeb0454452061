"use server";

import { redirect } from "next/navigation";
import { formAction } from "@/lib/actions";
import { resetPassword } from "@/lib/members/accounts";
import { passwordResetSchema } from "@/lib/validation/accounts";

export const resetPasswordAction = formAction(
  passwordResetSchema,
  async (input, { db }) => {
    await resetPassword(db, input.token, input.password);
    redirect("/sign-in?reset=1");
  },
  { public: true },
);

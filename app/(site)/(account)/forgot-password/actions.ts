"use server";

import { formAction } from "@/lib/actions";
import { requestPasswordReset } from "@/lib/members/accounts";
import { passwordResetRequestSchema } from "@/lib/validation/accounts";

export const requestResetAction = formAction(
  passwordResetRequestSchema,
  async (input, { db, ip }) => {
    await requestPasswordReset(db, input.email, ip);
    // The same answer whether or not the address has an account.
    return { ok: true, message: "If an account uses that address, we have sent it a link to choose a new password. It works for an hour." };
  },
  { public: true },
);

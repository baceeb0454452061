"use server";

import { formAction } from "@/lib/actions";
import { signIn } from "@/lib/auth/next-auth";
import { signUp } from "@/lib/members/accounts";
import { signUpSchema } from "@/lib/validation/accounts";

export const signUpAction = formAction(
  signUpSchema,
  async (input, { db, ip }) => {
    await signUp(db, input, ip);
    await signIn("credentials", { email: input.email, password: input.password, redirectTo: "/settings?welcome=1" });
  },
  { public: true },
);

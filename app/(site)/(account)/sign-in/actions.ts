"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { z } from "zod";
import { formAction } from "@/lib/actions";
import { signIn } from "@/lib/auth/next-auth";
import { safeRedirectPath } from "@/lib/security/redirect";
import { signInSchema } from "@/lib/validation/accounts";

export const signInAction = formAction(
  signInSchema.extend({ next: z.string().max(500).optional() }),
  async (input) => {
    try {
      await signIn("credentials", { email: input.email, password: input.password, redirectTo: safeRedirectPath(input.next) });
    } catch (e) {
      if (e instanceof CredentialsSignin) {
        return { ok: false, message: e.code && e.code !== "credentials" ? e.code : "That e-mail and password do not match an account." };
      }
      if (e instanceof AuthError) return { ok: false, message: "Signing in failed. Please try again." };
      throw e;
    }
  },
  { public: true },
);

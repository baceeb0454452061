import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db";
import { verifyCredentials } from "@/lib/members/accounts";
import { createSession, deleteSession, SESSION_ABSOLUTE_MS } from "@/lib/members/sessions";
import { isAppError } from "@/lib/errors";
import { signInSchema } from "@/lib/validation/accounts";
import { clientIp } from "@/lib/security/client-ip";

declare module "next-auth" {
  interface User {
    sid?: string;
  }
  interface Session {
    sid?: string;
  }
}
declare module "@auth/core/jwt" {
  interface JWT {
    sid?: string;
  }
}

/**
 * next-auth signs the cookie; the cookie names a row in `sessions`, and every request checks that
 * row (see session.ts). Deleting the row — sign-out, suspension, password reset — ends the session
 * at once, which a bare JWT cannot do.
 */
export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  // A failed sign-in is an expected outcome, shown to the person; do not log it as a server error.
  logger: {
    error(error) {
      if (error.name === "CredentialsSignin" || (error as { type?: string }).type === "CredentialsSignin") return;
      console.error("[auth]", error);
    },
  },
  session: { strategy: "jwt", maxAge: SESSION_ABSOLUTE_MS / 1000 },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: [
    Credentials({
      credentials: { email: { label: "E-mail" }, password: { label: "Password", type: "password" } },
      async authorize(raw, request) {
        const parsed = signInSchema.safeParse(raw);
        if (!parsed.success) return null;
        try {
          const userId = await verifyCredentials(getDb(), parsed.data, clientIp(request.headers));
          return { id: userId, sid: await createSession(getDb(), userId) };
        } catch (e) {
          if (!isAppError(e)) throw e;
          const failure = new CredentialsSignin(e.message);
          failure.code = e.message;
          throw failure;
        }
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.sid) token.sid = user.sid;
      return token;
    },
    session({ session, token }) {
      session.sid = token.sid;
      return session;
    },
  },
  events: {
    async signOut(message) {
      const sid = "token" in message ? message.token?.sid : undefined;
      if (sid) await deleteSession(getDb(), sid);
    },
  },
});

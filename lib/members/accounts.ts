import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "@/db";
import { passwordResetTokens, users } from "@/db/schema";
import { AppError, isUniqueViolation } from "@/lib/errors";
import { sendMail } from "@/lib/mail/send";
import { matchRoll } from "@/lib/membership/commands";
import { consume, resetLimit } from "@/lib/security/rate-limit";
import type { SignUpInput } from "@/lib/validation/accounts";
import { hashPassword, timingDummyHash, verifyPassword } from "./passwords";
import { deleteUserSessions } from "./sessions";
import { siteUrl } from "@/lib/config/site-url";

export interface SignUpResult {
  userId: string;
  verified: boolean;
  note: string | null;
}

/** Creates an account and, when the roll matches, makes it a verified member at once. */
export async function signUp(db: Db, input: SignUpInput, ip: string): Promise<SignUpResult> {
  await consume(["signUpIp", ip]);
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const [user] = await tx
        .insert(users)
        .values({ email: input.email, passwordHash, displayName: input.displayName })
        .returning({ id: users.id });
      const match = await matchRoll(tx, user!.id, { memberNumber: input.memberNumber, postcode: input.postcode, email: input.email });
      if (!match.matched) await tx.update(users).set({ verificationNote: match.note }).where(eq(users.id, user!.id));
      return { userId: user!.id, verified: match.matched, note: match.matched ? null : match.note };
    });
  } catch (e) {
    if (isUniqueViolation(e)) {
      throw new AppError("conflict:email", "An account with this e-mail already exists. Sign in, or reset your password.", "email");
    }
    throw e;
  }
}

const INVALID = "That e-mail and password do not match an account.";

/** Checks a sign-in attempt, throttled per network and per account. Never says which part was wrong. */
export async function verifyCredentials(db: Db, input: { email: string; password: string }, ip: string): Promise<string> {
  await consume(["signInIp", ip], ["signInAccount", input.email]);
  const [user] = await db
    .select({ id: users.id, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, input.email));
  const ok = await verifyPassword(user?.passwordHash ?? (await timingDummyHash()), input.password);
  if (!user || !ok) throw new AppError("invalid:credentials", INVALID);
  await resetLimit("signInAccount", input.email);
  return user.id;
}

const RESET_TTL_MS = 60 * 60 * 1000;
const tokenHash = (token: string) => createHash("sha256").update(token).digest("base64url");

/** Sends a reset link if the address has an account; the caller shows the same message either way. */
/** The link points to SITE_URL (siteUrl()), never to a host the request names: a forged Host would send the token elsewhere. */
export async function requestPasswordReset(db: Db, email: string, ip: string): Promise<void> {
  await consume(["passwordResetIp", ip], ["passwordResetAccount", email]);
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (!user) return;
  const token = randomBytes(32).toString("base64url");
  await db.transaction(async (tx) => {
    await tx.insert(passwordResetTokens).values({
      tokenHash: tokenHash(token),
      userId: user.id,
      expiresAt: new Date(Date.now() + RESET_TTL_MS),
    });
    await sendMail(tx, {
      to: email,
      subject: "Reset your Commonplace password",
      text: [
        "Someone asked to reset the password of your Commonplace account.",
        "",
        `To choose a new password, open this link within an hour:`,
        `${siteUrl()}/reset-password/${token}`,
        "",
        "If it was not you, ignore this message: your password stays as it is.",
      ].join("\n"),
    });
  });
}

export async function isResetTokenUsable(db: Db, token: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: passwordResetTokens.userId })
    .from(passwordResetTokens)
    .where(and(eq(passwordResetTokens.tokenHash, tokenHash(token)), isNull(passwordResetTokens.usedAt), gt(passwordResetTokens.expiresAt, new Date())));
  return !!row;
}

/** Sets a new password from a reset link, uses the link up, and signs the account out everywhere. */
export async function resetPassword(db: Db, token: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(passwordResetTokens)
      .set({ usedAt: new Date() })
      .where(and(eq(passwordResetTokens.tokenHash, tokenHash(token)), isNull(passwordResetTokens.usedAt), gt(passwordResetTokens.expiresAt, new Date())))
      .returning({ userId: passwordResetTokens.userId });
    if (!row) throw new AppError("invalid:reset-token", "This reset link has expired or was already used. Ask for a new one.");
    await tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, row.userId));
    await deleteUserSessions(tx, row.userId);
  });
}

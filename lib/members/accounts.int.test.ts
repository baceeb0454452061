import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db";
import { outbox, sessions, users } from "@/db/schema";
import { loadActor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { createPerson, createRollEntry, TEST_PASSWORD, uniqueSuffix } from "@/lib/testing/factories";
import { isResetTokenUsable, requestPasswordReset, resetPassword, signUp, verifyCredentials } from "./accounts";
import { createSession, sessionUserId } from "./sessions";

const db = getDb();
const ip = () => `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
const newEmail = () => `signup-${uniqueSuffix()}@example.test`;
afterAll(() => closeDb());

describe("sign-up and membership verification", () => {
  it("makes a verified member when the number and postcode are on the roll", async () => {
    const roll = await createRollEntry(db, { postcode: "LS1 4AP" });
    const result = await signUp(db, { displayName: "Ada", email: newEmail(), password: "a long password", memberNumber: roll.memberNumber, postcode: "ls1 4ap" }, ip());
    expect(result).toMatchObject({ verified: true, note: null });
    expect((await loadActor(db, result.userId)).standing).toBe("member");
  });

  it("verifies by the roll e-mail when no number is given", async () => {
    const email = newEmail();
    await createRollEntry(db, { email });
    const result = await signUp(db, { displayName: "Bea", email, password: "a long password" }, ip());
    expect(result.verified).toBe(true);
  });

  it("leaves a person registered, with the reason, when the roll does not match", async () => {
    const roll = await createRollEntry(db, { postcode: "LS1 4AP" });
    const wrongPostcode = await signUp(db, { displayName: "Cy", email: newEmail(), password: "a long password", memberNumber: roll.memberNumber, postcode: "M1 1AE" }, ip());
    expect(wrongPostcode).toMatchObject({ verified: false, note: expect.stringMatching(/could not match/) });
    const [row] = await db.select({ note: users.verificationNote, verifiedAt: users.verifiedAt }).from(users).where(eq(users.id, wrongPostcode.userId));
    expect(row).toEqual({ note: wrongPostcode.note, verifiedAt: null });
    const noNumber = await signUp(db, { displayName: "Di", email: newEmail(), password: "a long password" }, ip());
    expect(noNumber.note).toMatch(/not on the membership roll/);
  });

  it("does not let two accounts claim one membership", async () => {
    const roll = await createRollEntry(db);
    const first = await signUp(db, { displayName: "Ed", email: newEmail(), password: "a long password", ...roll }, ip());
    const second = await signUp(db, { displayName: "Flo", email: newEmail(), password: "a long password", ...roll }, ip());
    expect(first.verified).toBe(true);
    expect(second).toMatchObject({ verified: false, note: expect.stringMatching(/already linked/) });
  });

  it("refuses a second account with the same e-mail as a field error", async () => {
    const email = newEmail();
    await signUp(db, { displayName: "Gus", email, password: "a long password" }, ip());
    const attempt = signUp(db, { displayName: "Gus again", email, password: "a long password" }, ip());
    await expect(attempt).rejects.toMatchObject({ code: "conflict:email", field: "email" });
  });

  it("throttles sign-ups from one network", async () => {
    const address = ip();
    for (let i = 0; i < 5; i++) await signUp(db, { displayName: `Hal ${i}`, email: newEmail(), password: "a long password" }, address);
    await expect(signUp(db, { displayName: "Hal 6", email: newEmail(), password: "a long password" }, address)).rejects.toMatchObject({
      kind: "rate_limited",
      message: expect.stringMatching(/Too many new accounts.*wait \d+ seconds?/),
    });
  });
});

describe("sign-in", () => {
  it("accepts the right password and gives one message for every failure", async () => {
    const person = await createPerson(db);
    await expect(verifyCredentials(db, { email: person.email, password: TEST_PASSWORD }, ip())).resolves.toBe(person.id);
    const wrong = await verifyCredentials(db, { email: person.email, password: "wrong password" }, ip()).catch((e: AppError) => e);
    const unknown = await verifyCredentials(db, { email: newEmail(), password: "wrong password" }, ip()).catch((e: AppError) => e);
    expect(wrong).toBeInstanceOf(AppError);
    expect((wrong as AppError).message).toBe((unknown as AppError).message);
  });

  it("locks an account after five failures a minute, even with the right password", async () => {
    const person = await createPerson(db);
    for (let i = 0; i < 5; i++) {
      await expect(verifyCredentials(db, { email: person.email, password: "wrong" }, ip())).rejects.toMatchObject({ kind: "invalid" });
    }
    await expect(verifyCredentials(db, { email: person.email, password: TEST_PASSWORD }, ip())).rejects.toMatchObject({
      kind: "rate_limited",
      message: expect.stringMatching(/for this account/),
    });
  });
});

describe("sessions", () => {
  it("ends when its row is deleted, so a suspension or reset signs out at once", async () => {
    const person = await createPerson(db);
    const sid = await createSession(db, person.id);
    expect(await sessionUserId(db, sid)).toBe(person.id);
    await db.update(sessions).set({ lastSeenAt: new Date(Date.now() - 8 * 24 * 3600 * 1000) }).where(eq(sessions.id, sid));
    expect(await sessionUserId(db, sid)).toBeNull(); // idle too long
  });
});

describe("password reset", () => {
  it("mails a one-time link that sets a new password and ends every session", async () => {
    const person = await createPerson(db);
    const sid = await createSession(db, person.id);
    await requestPasswordReset(db, person.email, ip());
    const [mail] = await db.select().from(outbox).where(eq(outbox.to, person.email));
    const token = mail!.text.match(/reset-password\/([\w-]+)/)![1]!;
    expect(await isResetTokenUsable(db, token)).toBe(true);
    await resetPassword(db, token, "a brand new password");
    await expect(verifyCredentials(db, { email: person.email, password: "a brand new password" }, ip())).resolves.toBe(person.id);
    expect(await sessionUserId(db, sid)).toBeNull();
    await expect(resetPassword(db, token, "another new password")).rejects.toMatchObject({ code: "invalid:reset-token" });
  });

  it("sends nothing, and says nothing different, for an unknown address", async () => {
    const email = newEmail();
    await expect(requestPasswordReset(db, email, ip())).resolves.toBeUndefined();
    expect(await db.select().from(outbox).where(eq(outbox.to, email))).toHaveLength(0);
  });
});

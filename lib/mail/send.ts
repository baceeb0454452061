import nodemailer, { type Transporter } from "nodemailer";
import { eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { outbox } from "@/db/schema";

let transport: Transporter | null | undefined;
function smtp(): Transporter | null {
  if (transport === undefined) transport = process.env.SMTP_URL ? nodemailer.createTransport(process.env.SMTP_URL) : null;
  return transport;
}

/**
 * Every message is written to the outbox first; with SMTP configured it is then sent and marked.
 * Without SMTP the outbox is where development and admins read it.
 */
export async function sendMail(db: Tx, message: { to: string; subject: string; text: string }): Promise<void> {
  const [row] = await db.insert(outbox).values(message).returning({ id: outbox.id });
  const t = smtp();
  if (!t) return;
  try {
    await t.sendMail({ from: process.env.MAIL_FROM ?? "Commonplace <no-reply@localhost>", ...message });
    await db.update(outbox).set({ sentAt: new Date() }).where(eq(outbox.id, row!.id));
  } catch (e) {
    console.error("mail: SMTP delivery failed", e);
    await db.update(outbox).set({ error: String((e as Error).message ?? e) }).where(eq(outbox.id, row!.id));
  }
}

import { desc } from "drizzle-orm";
import type { Db } from "@/db";
import { outbox } from "@/db/schema";
import { assertCan } from "@/lib/auth/actor";
import type { Actor } from "@/lib/auth/permissions";

export async function listOutbox(db: Db, actor: Actor, env: { developmentMode: boolean }, limit = 100) {
  assertCan(actor, "outbox.read", env);
  return db
    .select({ id: outbox.id, to: outbox.to, subject: outbox.subject, text: outbox.text, createdAt: outbox.createdAt, sentAt: outbox.sentAt, error: outbox.error })
    .from(outbox)
    .orderBy(desc(outbox.createdAt))
    .limit(limit);
}

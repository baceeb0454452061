import { eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { anecdotes } from "@/db/schema";
import type { AnecdoteResource } from "@/lib/auth/rules/directory";
import { notFound } from "@/lib/errors";

export async function loadAnecdoteResource(db: Tx, id: string): Promise<AnecdoteResource> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound("story", "That story could not be found.");
  const [s] = await db
    .select({ id: anecdotes.id, authorId: anecdotes.authorId, themeId: anecdotes.themeId, status: anecdotes.status, redactionStatus: anecdotes.redactionStatus })
    .from(anecdotes)
    .where(eq(anecdotes.id, id));
  if (!s) throw notFound("story", "That story could not be found.");
  return s;
}

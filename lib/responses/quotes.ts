/**
 * From discussion to response: a comment quoted into its paper's Response, and the record that
 * it was used (the thread then shows "Used in the response").
 */
import { cacheTags, invalidate } from "@/lib/cache/tags";
import { eq } from "drizzle-orm";
import * as Y from "yjs";
import type { Db, Tx } from "@/db";
import { commentResponseUses, comments, users } from "@/db/schema";
import { assertCan } from "@/lib/auth/actor";
import type { Actor } from "@/lib/auth/permissions";
import { ensureResponse, paperResponse } from "@/lib/collab/documents";
import { docName } from "@/lib/collab/protocol";
import { renderDocument } from "@/lib/collab/render";
import { FRAGMENT } from "@/lib/collab/schema";
import { changeStoredDocument } from "@/lib/collab/server-change";
import { AppError } from "@/lib/errors";
import { loadCommentResource } from "@/lib/papers/resource";
import { publicNameSql } from "@/lib/auth/public-name";

export interface ResponseQuote {
  commentId: string;
  paperId: string;
  /** Plain text of the comment (Markdown marks removed), as it goes into the quoted block. */
  text: string;
  author: string;
  /** The comment's permalink, which the quoted block links back to. */
  permalink: string;
}

const publicName = publicNameSql();

/** Markdown-light source to the words a reader sees: marks dropped, links kept as their text. */
export function commentPlainText(source: string): string {
  return source
    .replace(/\[\[fact:[^\]]*\]\]/g, "")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/^\s*>\s?/gm, "")
    .replace(/[*_`~#]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** A comment as a quote for the Response. Needs the right to edit that Response; deleted or hidden comments are not quoted. */
export async function getQuoteForResponse(db: Tx, actor: Actor, paperId: string, commentId: string): Promise<ResponseQuote> {
  const comment = await loadCommentResource(db, commentId);
  if (comment.paper.id !== paperId) throw new AppError("not_found:comment", "That comment is not in this paper's discussion.");
  assertCan(actor, "response.edit", await paperResponse(db, comment.paper));
  if (comment.deletedAt || comment.hiddenAt) throw new AppError("invalid:comment", "That comment was deleted or hidden, so it cannot be quoted.");
  const [row] = await db
    .select({ body: comments.body, author: publicName })
    .from(comments)
    .leftJoin(users, eq(users.id, comments.authorId))
    .where(eq(comments.id, commentId));
  return { commentId, paperId, text: commentPlainText(row!.body), author: row!.author ?? "Former member", permalink: `/papers/${paperId}/c/${commentId}` };
}

/** Records that a comment was quoted in its paper's Response. Idempotent: a second use changes nothing. */
export async function recordCommentUse(db: Tx, actor: Actor, commentId: string): Promise<{ responseId: string }> {
  const comment = await loadCommentResource(db, commentId);
  const response = await paperResponse(db, comment.paper);
  assertCan(actor, "response.edit", response);
  await db.insert(commentResponseUses).values({ commentId, responseId: response.id, usedBy: actor.id }).onConflictDoNothing();
  // The paper's thread shows "Used in the response" on the comment.
  await invalidate(cacheTags.paper(comment.paper.id), cacheTags.response(comment.paper.id));
  return { responseId: response.id };
}

/**
 * "Add to response": appends the comment as a quoted block at the end of the stored Response, as
 * a change by the member (server-change.ts), so it works whether or not an editor is open and
 * every open editor sees it live. Not added again when the Response already links to the comment.
 */
export async function addQuoteToResponse(db: Db, actor: Actor, paperId: string, commentId: string): Promise<{ added: boolean }> {
  const quote = await getQuoteForResponse(db, actor, paperId, commentId);
  const responseId = await ensureResponse(db, paperId);
  const added = await changeStoredDocument(db, docName("response", responseId), actor.id, (ydoc) => {
    if (renderDocument(ydoc).html.includes(`href="${quote.permalink}"`)) return false;
    appendQuote(ydoc.getXmlFragment(FRAGMENT), quote);
  });
  await recordCommentUse(db, actor, commentId);
  return { added };
}

/** The block Tiptap would make: a blockquote of the text, then the author and a link back. */
function appendQuote(fragment: Y.XmlFragment, quote: ResponseQuote): void {
  const block = new Y.XmlElement("blockquote");
  fragment.insert(fragment.length, [block]);
  const text = new Y.XmlElement("paragraph");
  const source = new Y.XmlElement("paragraph");
  block.insert(0, [text, source]);
  const words = new Y.XmlText();
  text.insert(0, [words]);
  words.insert(0, quote.text || "(no text)");
  const credit = new Y.XmlText();
  source.insert(0, [credit]);
  credit.insert(0, `${quote.author} `);
  credit.insert(credit.length, "— from the discussion", { link: { href: quote.permalink } });
}

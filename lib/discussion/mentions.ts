/**
 * Mentions in comments. A mention is stored by member id, as `[[member:<uuid>]]` in the comment's
 * source and HTML (the same shape as a fact citation), never by name: the name is drawn when the
 * comment is shown, through the one public-name rule, so a member who later takes a pseudonym is
 * never shown by a name they no longer use. Only someone who may read the discussion can be
 * mentioned (the `comment.view` rule, checked for the mentioned member).
 */
import { and, inArray, isNull, ne, or, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { comments, papers, users } from "@/db/schema";
import { assertCan, loadActor } from "@/lib/auth/actor";
import { can, type Actor, type PaperResource } from "@/lib/auth/permissions";
import { publicName, publicNameSql } from "@/lib/auth/public-name";
import { AppError } from "@/lib/errors";

export const MENTION_REF = /\[\[member:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\]\]/gi;
export const mentionRef = (memberId: string) => `[[member:${memberId}]]`;
/** At most this many people per comment: a mention is a call to someone, not a mailing list. */
export const MENTIONS_MAX = 10;

export function findMentions(text: string): string[] {
  return [...new Set([...text.matchAll(MENTION_REF)].map((m) => m[1]!.toLowerCase()))];
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Turns the picker's choices into stored mentions: for each member picked, the first `@Public Name`
 * the composer inserted becomes `[[member:id]]` (a pick whose text was deleted again is dropped).
 * Then every mention in the text (picked or typed as a ref) is checked: the member exists and may
 * read this discussion. Returns the text to store and who is mentioned.
 */
export async function resolveMentions(tx: Tx, paper: PaperResource, body: string, picked: string[]): Promise<{ body: string; mentioned: string[] }> {
  let text = body;
  if (picked.length) {
    const rows = await tx.select({ id: users.id, name: publicNameSql() }).from(users).where(inArray(users.id, picked));
    for (const r of rows) {
      if (!r.name) continue;
      text = text.replace(new RegExp(`@${escapeRegExp(r.name)}(?![\\p{L}\\p{N}_])`, "u"), mentionRef(r.id));
    }
  }
  const mentioned = findMentions(text);
  if (mentioned.length > MENTIONS_MAX) throw new AppError("invalid:mentions", `Mention at most ${MENTIONS_MAX} people in one comment.`, "mentions");
  for (const id of mentioned) {
    const member = await loadActor(tx, id);
    if (member.id === null || !can(member, "comment.view", paper)) {
      throw new AppError("invalid:mentions", "Someone you mentioned cannot read this discussion, so they cannot be mentioned here. Remove the mention and post again.", "mentions");
    }
  }
  return { body: text, mentioned };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** Draws the mentions of many comments' HTML with each member's public name, in one query. */
export async function renderMentionsInMany(db: Tx, htmls: string[]): Promise<string[]> {
  const ids = [...new Set(htmls.flatMap(findMentions))];
  if (ids.length === 0) return htmls;
  const rows = await db.select({ id: users.id, name: publicNameSql() }).from(users).where(inArray(users.id, ids));
  const names = new Map(rows.map((r) => [r.id, r.name]));
  return htmls.map((h) =>
    h.replace(MENTION_REF, (_m, id: string) => {
      const name = names.get(id.toLowerCase());
      return name ? `<span class="mention">@${escapeHtml(name)}</span>` : `<span class="mention">@a former member</span>`;
    }),
  );
}

/** Mentions as plain text (excerpts, e-mails): `@Public Name`. */
export async function mentionsAsText(db: Tx, text: string): Promise<string> {
  const [html] = await renderMentionsInMany(db, [text]);
  return html!.replace(/<span class="mention">(.*?)<\/span>/g, "$1").replace(/&amp;|&lt;|&gt;|&quot;|&#39;/g, (e) => ({ "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" })[e]!);
}

export interface MentionCandidate {
  id: string;
  name: string;
}

/**
 * Whom the composer offers: people of this discussion (the paper's author and everyone who has
 * commented on it) whose public name matches what was typed, who may read the discussion, never
 * the writer. Matching reads the public name only, so typing a real name finds no pseudonym.
 */
export async function mentionCandidates(db: Db, actor: Actor, paper: PaperResource, query: string, limit = 8): Promise<MentionCandidate[]> {
  assertCan(actor, "comment.create", paper);
  const q = query.trim().toLowerCase();
  const name = publicNameSql();
  const people = sql`(select ${papers.authorId} from ${papers} where ${papers.id} = ${paper.id} union select ${comments.authorId} from ${comments} where ${comments.paperId} = ${paper.id} and ${comments.deletedAt} is null)`;
  const rows = await db
    .select({ id: users.id, displayName: users.displayName, pseudonym: users.pseudonym, usePseudonym: users.usePseudonym })
    .from(users)
    .where(
      and(
        sql`${users.id} in ${people}`,
        actor.id ? ne(users.id, actor.id) : undefined,
        isNull(users.suspendedAt),
        q ? or(sql`lower(${name}) like ${`${q.replace(/[\\%_]/g, "\\$&")}%`}`, sql`lower(${name}) like ${`% ${q.replace(/[\\%_]/g, "\\$&")}%`}`) : undefined,
      ),
    )
    .orderBy(name)
    .limit(limit * 3);
  const out: MentionCandidate[] = [];
  for (const r of rows) {
    if (out.length >= limit) break;
    if (!can(await loadActor(db, r.id), "comment.view", paper)) continue;
    out.push({ id: r.id, name: publicName(r) });
  }
  return out;
}

import { aliasedTable, sql } from "drizzle-orm";
import { comments, papers, themes } from "@/db/schema";
import { canReadDiscussionSql, paperIsPublicSql } from "@/lib/auth/visibility";
import type { Db } from "@/db";
import type { Actor } from "@/lib/auth/permissions";
import { commentUrl, paperUrl } from "@/lib/following/notify";
import { excerpt } from "@/lib/discussion/markdown";
import type { SimilarQuery } from "@/lib/validation/discussion";

export interface SimilarItem {
  kind: "comment" | "paper";
  id: string;
  title: string;
  excerpt: string;
  url: string;
  /** For comments: whether it is in the thread being composed in. */
  samePaper: boolean;
}

export const SIMILAR_LIMIT = 5;

/**
 * What a composer's words are about: the distinct longer words of the start of the text, OR-ed for
 * websearch_to_tsquery (which would otherwise require all of them), and the whole start for
 * trigram similarity, which catches misspellings that stemming does not.
 */
function terms(q: string): { fts: string; trigram: string } {
  const words = [...new Set(q.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? [])].slice(0, 16);
  return { fts: words.join(" or "), trigram: q.slice(0, 200) };
}

/**
 * "Already discussed here": up to five comments and papers like what is being typed, found by
 * full-text search and pg_trgm word similarity, only among what the viewer may read (published,
 * not hidden, in an open theme; comments only where the theme's discussion is open to them).
 * Comments in the same paper's thread come first.
 */
export async function findSimilar(db: Db, actor: Actor, query: SimilarQuery): Promise<SimilarItem[]> {
  const { fts, trigram } = terms(query.q);
  if (!fts && !trigram.trim()) return [];
  // The visibility rules of comment.view and paper.view, in SQL (lib/auth/visibility.ts) over the aliases below.
  const c = aliasedTable(comments, "c");
  const p = aliasedTable(papers, "p");
  const t = aliasedTable(themes, "t");
  const paperId = query.paperId ?? null;
  return db.transaction(async (tx) => {
    // A lower threshold than the default 0.6 so that one misspelt word still finds its match.
    await tx.execute(sql`select set_config('pg_trgm.word_similarity_threshold', '0.45', true)`);
    const wanted: Promise<SimilarItem[]>[] = [];
    if (query.scope !== "papers") {
      wanted.push(
        tx
          .execute<{ id: string; paper_id: string; title: string; body: string; same: boolean }>(
            sql`
            select c.id, c.paper_id, p.title, c.body, (c.paper_id = ${paperId}::uuid) is true as same
            from comments c
            join papers p on p.id = c.paper_id
            join themes t on t.id = p.theme_id
            where ${c.deletedAt} is null and ${c.hiddenAt} is null
              and ${paperIsPublicSql(p, t)}
              and ${canReadDiscussionSql(actor, t)}
              and (c.search @@ websearch_to_tsquery('english', ${fts}) or ${trigram} <% c.body)
            order by (c.paper_id = ${paperId}::uuid) is true desc,
              ts_rank(c.search, websearch_to_tsquery('english', ${fts})) + word_similarity(${trigram}, c.body) desc,
              c.created_at desc
            limit ${SIMILAR_LIMIT}`,
          )
          .then((r) =>
            r.rows.map((row) => ({
              kind: "comment" as const,
              id: row.id,
              title: row.title,
              excerpt: excerpt(row.body, 160),
              url: commentUrl(row.paper_id, row.id),
              samePaper: row.same,
            })),
          ),
      );
    }
    if (query.scope !== "comments") {
      wanted.push(
        tx
          .execute<{ id: string; title: string; summary: string }>(
            sql`
            select p.id, p.title, p.summary
            from papers p join themes t on t.id = p.theme_id
            where ${paperIsPublicSql(p, t)}
              and (p.search @@ websearch_to_tsquery('english', ${fts}) or ${trigram} <% p.title)
            order by ts_rank(p.search, websearch_to_tsquery('english', ${fts})) + word_similarity(${trigram}, p.title) desc, p.published_at desc
            limit ${SIMILAR_LIMIT}`,
          )
          .then((r) =>
            r.rows.map((row) => ({ kind: "paper" as const, id: row.id, title: row.title, excerpt: excerpt(row.summary, 160), url: paperUrl(row.id), samePaper: row.id === paperId })),
          ),
      );
    }
    const lists: SimilarItem[][] = [];
    for (const p of wanted) lists.push(await p);
    // Interleave so that both kinds show when both match, same-thread comments first.
    const merged: SimilarItem[] = [];
    for (let i = 0; merged.length < SIMILAR_LIMIT && lists.some((l) => i < l.length); i++) {
      for (const l of lists) if (l[i] && merged.length < SIMILAR_LIMIT) merged.push(l[i]!);
    }
    return merged;
  });
}

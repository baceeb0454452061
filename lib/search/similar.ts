import { aliasedTable, sql } from "drizzle-orm";
import { papers, themes } from "@/db/schema";
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
  /** Why it is suggested, in words: the distinctive words it shares, same theme, similar spelling. */
  reasons: string[];
  score: number;
}

export const SIMILAR_LIMIT = 5;
/**
 * A suggestion must share at least this share of the query's information (idf-weighted, below),
 * or be spelt very like it: matching on one common word ("first", "community") is not enough.
 */
export const MIN_SHARE = 0.35;
export const MIN_SPELLING = 0.6;
const SAME_THEME_BONUS = 0.1;
const SAME_PAPER_BONUS = 0.15;
const TRIGRAM_WEIGHT = 0.3;
const COVER_DENSITY_WEIGHT = 0.2;

interface QueryTerm {
  /** The English lexeme (stemmed, stop words already dropped by PostgreSQL's english configuration). */
  lexeme: string;
  /** The word as the member typed it, for the "why". */
  word: string;
  /** Inverse document frequency over the searchable comments and papers: ln((N + 1) / (df + 0.5)). */
  idf: number;
}

/**
 * The query's terms with their weights: the english text-search configuration stems the words
 * and drops stop words ("the", "as", "first" is kept), and each lexeme is weighted by how rare it
 * is among comments and papers (idf), so that "pharmacies" counts for far more than "community".
 */
async function queryTerms(tx: Parameters<Parameters<Db["transaction"]>[0]>[0], q: string): Promise<QueryTerm[]> {
  const rows = await tx.execute<{ lexeme: string; word: string; df: number; n: number }>(sql`
    with words as (
      select distinct on (l.lexeme) l.lexeme, w.word
      from regexp_split_to_table(lower(left(${q}, 1000)), '[^[:alnum:]]+') with ordinality as w(word, i),
        lateral unnest(to_tsvector('english', w.word)) as l
      where length(w.word) between 2 and 40
      order by l.lexeme, w.i
      limit 16
    ), docs as (
      select (select count(*) from comments where deleted_at is null and hidden_at is null) + (select count(*) from papers where published_version > 0) as n
    )
    select words.lexeme, words.word, docs.n::int as n,
      ((select count(*) from comments c where c.search @@ quote_literal(words.lexeme)::tsquery)
        + (select count(*) from papers p where p.search @@ quote_literal(words.lexeme)::tsquery))::int as df
    from words, docs`);
  return rows.rows.map((r) => ({ lexeme: r.lexeme, word: r.word, idf: Math.log((r.n + 1) / (r.df + 0.5)) }));
}

/** Why a row is suggested, from the lexemes it matched and the other signals. */
function reasonsFor(terms: QueryTerm[], matched: string[] | null, spelling: number, sameTheme: boolean, samePaper: boolean): string[] {
  const words = terms
    .filter((t) => matched?.includes(t.lexeme))
    .sort((a, b) => b.idf - a.idf)
    .map((t) => `“${t.word}”`);
  const reasons: string[] = [];
  if (words.length) reasons.push(`shares ${words.slice(0, 4).join(", ")}`);
  if (spelling >= MIN_SPELLING && !words.length) reasons.push("spelt much like what you wrote");
  if (samePaper) reasons.push("in this discussion");
  else if (sameTheme) reasons.push("same theme");
  return reasons;
}

/**
 * "Already discussed here": up to five comments and papers like what is being typed, only among
 * what the viewer may read (published, not hidden, in an open theme; comments only where the
 * theme's discussion is open to them).
 *
 * Ranking: score = (Σ idf of the query terms a row contains) / (Σ idf of all query terms)
 *                + 0.2 · ts_rank_cd (cover density: the terms close together)
 *                + 0.3 · pg_trgm word_similarity (catches misspellings stemming misses)
 *                + 0.15 if in the same thread, or 0.1 if in the same theme.
 * Rows below MIN_SHARE of the query's information and without a close spelling are left out.
 */
export async function findSimilar(db: Db, actor: Actor, query: SimilarQuery): Promise<SimilarItem[]> {
  const trigram = query.q.slice(0, 200);
  if (!trigram.trim()) return [];
  // The visibility rules of comment.view and paper.view, in SQL (lib/auth/visibility.ts) over the aliases below.
  const p = aliasedTable(papers, "p");
  const t = aliasedTable(themes, "t");
  const paperId = query.paperId ?? null;
  return db.transaction(async (tx) => {
    // A lower threshold than the default 0.6 so that one misspelt word still finds its match.
    await tx.execute(sql`select set_config('pg_trgm.word_similarity_threshold', '0.45', true)`);
    const terms = await queryTerms(tx, query.q);
    const total = terms.reduce((s, t) => s + t.idf, 0);
    const lexemes = terms.map((t) => t.lexeme);
    const idfs = terms.map((t) => t.idf);
    // An OR of the lexemes, each quoted so no operator in the text is interpreted.
    const tsq = lexemes.length ? lexemes.map((l) => `'${l.replace(/'/g, "''")}'`).join(" | ") : "";
    const [theme] = paperId ? (await tx.execute<{ theme_id: string }>(sql`select theme_id from papers where id = ${paperId}::uuid`)).rows : [];
    const themeId = theme?.theme_id ?? null;
    const scored = (search: ReturnType<typeof sql.raw>, text: ReturnType<typeof sql.raw>) => sql`
      (select coalesce(sum(w.idf), 0) from unnest(${sql.param(lexemes)}::text[], ${sql.param(idfs)}::float8[]) w(lex, idf) where ${search} @@ quote_literal(w.lex)::tsquery) / ${Math.max(total, 1e-9)}::float8
      + ${COVER_DENSITY_WEIGHT}::float8 * (case when ${tsq} = '' then 0 else ts_rank_cd(${search}, ${tsq}::tsquery) end)
      + ${TRIGRAM_WEIGHT}::float8 * word_similarity(${trigram}, ${text})`;
    const matched = (search: ReturnType<typeof sql.raw>) =>
      sql`(select coalesce(array_agg(w.lex), '{}') from unnest(${sql.param(lexemes)}::text[]) w(lex) where ${search} @@ quote_literal(w.lex)::tsquery)`;
    const share = (search: ReturnType<typeof sql.raw>) =>
      sql`(select coalesce(sum(w.idf), 0) from unnest(${sql.param(lexemes)}::text[], ${sql.param(idfs)}::float8[]) w(lex, idf) where ${search} @@ quote_literal(w.lex)::tsquery) / ${Math.max(total, 1e-9)}::float8`;
    const found = (search: ReturnType<typeof sql.raw>, text: ReturnType<typeof sql.raw>) =>
      tsq ? sql`(${search} @@ ${tsq}::tsquery or ${trigram} <% ${text})` : sql`${trigram} <% ${text}`;
    const items: SimilarItem[] = [];
    if (query.scope !== "papers") {
      const search = sql.raw("c.search");
      const text = sql.raw("c.body");
      const rows = await tx.execute<{ id: string; paper_id: string; title: string; body: string; same: boolean; same_theme: boolean; score: number; share: number; spelling: number; matched: string[] }>(sql`
        select * from (
          select c.id, c.paper_id, p.title, c.body, (c.paper_id = ${paperId}::uuid) is true as same, (p.theme_id = ${themeId}::uuid) is true as same_theme,
            ${scored(search, text)} as score, ${share(search)} as share, word_similarity(${trigram}, c.body) as spelling, ${matched(search)} as matched
          from comments c
          join papers p on p.id = c.paper_id
          join themes t on t.id = p.theme_id
          where c.deleted_at is null and c.hidden_at is null
            and ${paperIsPublicSql(p, t)}
            and ${canReadDiscussionSql(actor, t)}
            and ${found(search, text)}
        ) r
        where r.share >= ${MIN_SHARE}::float8 or r.spelling >= ${MIN_SPELLING}::float8
        order by r.score + case when r.same then ${SAME_PAPER_BONUS}::float8 when r.same_theme then ${SAME_THEME_BONUS}::float8 else 0 end desc, r.id
        limit ${SIMILAR_LIMIT}`);
      for (const r of rows.rows) {
        items.push({
          kind: "comment",
          id: r.id,
          title: r.title,
          excerpt: excerpt(r.body, 160),
          url: commentUrl(r.paper_id, r.id),
          samePaper: r.same,
          reasons: reasonsFor(terms, r.matched, r.spelling, r.same_theme, r.same),
          score: Number(r.score) + (r.same ? SAME_PAPER_BONUS : r.same_theme ? SAME_THEME_BONUS : 0),
        });
      }
    }
    if (query.scope !== "comments") {
      const search = sql.raw("p.search");
      const text = sql.raw("p.title");
      const rows = await tx.execute<{ id: string; title: string; summary: string; same_theme: boolean; score: number; share: number; spelling: number; matched: string[] }>(sql`
        select * from (
          select p.id, p.title, p.summary, (p.theme_id = ${themeId}::uuid) is true as same_theme,
            ${scored(search, text)} as score, ${share(search)} as share, word_similarity(${trigram}, p.title) as spelling, ${matched(search)} as matched
          from papers p join themes t on t.id = p.theme_id
          where ${paperIsPublicSql(p, t)}
            and ${found(search, text)}
        ) r
        where r.share >= ${MIN_SHARE}::float8 or r.spelling >= ${MIN_SPELLING}::float8
        order by r.score + case when r.same_theme then ${SAME_THEME_BONUS}::float8 else 0 end desc, r.id
        limit ${SIMILAR_LIMIT}`);
      for (const r of rows.rows) {
        items.push({
          kind: "paper",
          id: r.id,
          title: r.title,
          excerpt: excerpt(r.summary, 160),
          url: paperUrl(r.id),
          samePaper: r.id === paperId,
          reasons: reasonsFor(terms, r.matched, r.spelling, r.same_theme, false),
          score: Number(r.score) + (r.same_theme ? SAME_THEME_BONUS : 0),
        });
      }
    }
    // Best first across both kinds; same-thread comments first as before.
    return items.sort((a, b) => Number(b.samePaper && b.kind === "comment") - Number(a.samePaper && a.kind === "comment") || b.score - a.score).slice(0, SIMILAR_LIMIT);
  });
}

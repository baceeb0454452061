/**
 * Every table of the database, and what each tier of the open-data bundle takes from it. One
 * writer serves the three tiers; this table is the filter. A table missing here fails the
 * completeness test (tables.test.ts), so a new capability has to decide, in one place, what a
 * visitor may see of it and what belongs to a member.
 *
 * SQL fragments use `t` for the table's own row and `$member` for the member's id (member tier).
 * The public tier's conditions mirror the access rules (lib/auth/core.ts): published, not hidden,
 * theme not archived, discussion public; `public.test.int.ts` checks the bundle against the site.
 */
import { aliasedTable } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { users } from "@/db/schema";
import { publicNameSql } from "@/lib/auth/public-name";

export interface PublicView {
  /** Rows a visitor can read. */
  where?: string;
  /**
   * Columns a visitor can see: `true` copies the column, a string is an SQL expression that
   * replaces it (e.g. the text of a hidden comment becomes null). Columns not named are left out.
   */
  columns: Record<string, true | string> | "all";
}
export interface MemberView {
  /** The member's own rows (GDPR art. 20): use `$member`. */
  where: string;
  /** Columns left out even of one's own data (secrets such as a password hash). */
  omit?: string[];
}
export interface TableSpec {
  /** The folder of the bundle the table's file goes in. */
  group: string;
  /** One line for docs/open-data.md. */
  about: string;
  /** Left out of every tier, with the reason (transient or secret state a restart must not carry). */
  skip?: string;
  /** Columns that are secrets: in a full bundle only when the operator asks (and then it is encrypted). */
  secrets?: string[];
  /** null: a visitor sees nothing of this table (the reason is in `about`). */
  public: PublicView | null;
  member: MemberView | null;
}

const dialect = new PgDialect();
/** The name a member shows, on a users row aliased `u`: the one rule (lib/auth/public-name.ts) as SQL text. */
export const PUBLIC_NAME_SQL = (u: string) => dialect.sqlToQuery(publicNameSql(aliasedTable(users, u))).sql;

/** A public paper, as lib/auth/core.ts `paperIsPublic`: published, not hidden, theme not archived. */
const PAPER_PUBLIC = (p: string) =>
  `(${p}.published_version > 0 and ${p}.hidden_at is null and exists (select 1 from themes th where th.id = ${p}.theme_id and th.archived_at is null))`;
/** A comment a visitor reads: on a public paper whose theme's discussion is public. */
const COMMENT_PUBLIC = (c: string) =>
  `exists (select 1 from papers p join themes th on th.id = p.theme_id where p.id = ${c}.paper_id and ${PAPER_PUBLIC("p")} and th.discussion_public)`;
const FACT_PUBLIC = (f: string) => `(${f}.status in ('accepted', 'retracted'))`;
const FACT_ID_PUBLIC = (col: string) => `exists (select 1 from facts f where f.id = ${col} and ${FACT_PUBLIC("f")})`;
/** A co-edited document (response.<id> / synthesis.<id>) whose readers' page is public. */
const DOC_PUBLIC = (doc: string) => `(
  exists (select 1 from responses r join papers p on p.id = r.paper_id where ${doc} = 'response.' || r.id and ${PAPER_PUBLIC("p")})
  or exists (select 1 from syntheses s join themes th on th.id = s.theme_id where ${doc} = 'synthesis.' || s.id and th.archived_at is null))`;

/** A theme whose agreement map a visitor sees (lib/auth/rules/convergence.ts map.view): active, discussion public. */
const THEME_MAP_PUBLIC = (col: string) => `exists (select 1 from themes th where th.id = ${col} and th.archived_at is null and th.discussion_public)`;
/** A published digest of a public paper whose discussion is public (digest.view). */
const DIGEST_PUBLIC = (d: string) =>
  `(${d}.status = 'published' and exists (select 1 from papers p join themes th on th.id = p.theme_id where p.id = ${d}.paper_id and ${PAPER_PUBLIC("p")} and th.discussion_public))`;
/** A directory listing a visitor sees (lib/directory/visibility.ts with the public clearance). */
const DIRECTORY_PUBLIC = (p: string) =>
  `(${p}.listed and ${p}.name_visibility = 'public' and exists (select 1 from users u where u.id = ${p}.user_id and u.verified_at is not null and u.suspended_at is null))`;
const VISIBLE_IF_PUBLIC = (field: string, column = field) => `case when t.${field}_visibility = 'public' then t.${column} end`;
/** A story's consent in force (lib/anecdotes/consent.ts currentConsent): its latest ledger row, withdrawn once expired. */
const STORY_CONSENT = (a: string) =>
  `(select case when c.expires_at is not null and c.expires_at <= now() then 'withdrawn' else c.level::text end from anecdote_consents c where c.anecdote_id = ${a}.id order by c.created_at desc limit 1)`;

const all = (...names: string[]): Record<string, true> => Object.fromEntries(names.map((n) => [n, true]));

export const TABLES: Record<string, TableSpec> = {
  // ── people ──────────────────────────────────────────────────────────────────────────────
  users: {
    group: "people",
    about: "Accounts. Public tier: only people named on public content, by their public name (pseudonym when chosen), and nothing else.",
    secrets: ["password_hash"],
    // Special-cased by the writer: the public tier lists only people that other public records name.
    public: { columns: { id: true, display_name: PUBLIC_NAME_SQL("t") } },
    member: { where: "t.id = $member", omit: ["password_hash"] },
  },
  role_grants: {
    group: "people",
    about: "Roles held and held before (curator, moderator, fact editor, council, admin); revoked grants stay for the record.",
    public: { columns: all("id", "user_id", "role", "theme_id", "granted_at", "revoked_at") },
    member: { where: "t.user_id = $member" },
  },
  sessions: { group: "people", about: "Signed-in sessions.", skip: "Sessions are bearer secrets: a restored site starts with everyone signed out.", public: null, member: null },
  password_reset_tokens: { group: "people", about: "Single-use reset links.", skip: "Reset tokens are secrets that expire within the hour.", public: null, member: null },
  rate_limits: { group: "people", about: "Throttle counters.", skip: "Throttle counters are transient.", public: null, member: null },
  membership_roll: {
    group: "people",
    about: "The membership roll, as keyed hashes only (HMAC with MEMBERSHIP_HMAC_KEY): restore it with the same key. Never public.",
    public: null,
    member: null,
  },
  roll_imports: { group: "people", about: "Each roll import: who, when, how many rows accepted and rejected. Not public.", public: null, member: null },

  // ── themes, papers, discussion ─────────────────────────────────────────────────────────
  themes: {
    group: "themes",
    about: "Themes. Public tier: active themes.",
    public: { where: "t.archived_at is null", columns: all("id", "slug", "title", "description", "colour", "position", "discussion_public", "created_at", "updated_at") },
    member: null,
  },
  calls_for_papers: {
    group: "papers",
    about: "Calls for papers opened by the council.",
    public: { where: "exists (select 1 from themes th where th.id = t.theme_id and th.archived_at is null)", columns: all("id", "theme_id", "title", "description", "deadline", "created_by", "created_at", "closed_at") },
    member: null,
  },
  papers: {
    group: "papers",
    about: "Position papers with their working copy. Public tier: published papers without the working copy (readers see paper_versions).",
    public: { where: PAPER_PUBLIC("t"), columns: all("id", "theme_id", "author_id", "call_id", "published_version", "published_at", "created_at") },
    member: { where: "t.author_id = $member" },
  },
  paper_versions: {
    group: "papers",
    about: "Each published version of a paper, frozen, with its rendered HTML.",
    public: { where: `exists (select 1 from papers p where p.id = t.paper_id and ${PAPER_PUBLIC("p")})`, columns: all("id", "paper_id", "number", "title", "summary", "content", "html", "plain_text", "word_count", "published_by", "created_at") },
    member: { where: "exists (select 1 from papers p where p.id = t.paper_id and p.author_id = $member)" },
  },
  paper_reviews: {
    group: "papers",
    about: "Council decisions on submitted papers, with reasons (shown to the author and the council, not public).",
    public: null,
    member: { where: "exists (select 1 from papers p where p.id = t.paper_id and p.author_id = $member)" },
  },
  comments: {
    group: "discussion",
    about: "Comments in papers' threads. Public tier: public discussions only; hidden and deleted comments keep their place without text or author.",
    public: {
      where: COMMENT_PUBLIC("t"),
      columns: {
        id: true,
        paper_id: true,
        parent_id: true,
        author_id: "case when t.hidden_at is null and t.deleted_at is null then t.author_id end",
        depth: true,
        body: "case when t.hidden_at is null and t.deleted_at is null then t.body end",
        body_html: "case when t.hidden_at is null and t.deleted_at is null then t.body_html end",
        quote: "case when t.hidden_at is null and t.deleted_at is null then t.quote end",
        useful_count: true,
        not_useful_count: true,
        created_at: true,
        edited_at: true,
        deleted_at: true,
        hidden_at: true,
        hidden_reason: true,
      },
    },
    member: { where: "t.author_id = $member" },
  },
  comment_revisions: {
    group: "discussion",
    about: "Earlier texts of edited comments (the visible edit history).",
    public: { where: `exists (select 1 from comments c where c.id = t.comment_id and c.hidden_at is null and c.deleted_at is null and ${COMMENT_PUBLIC("c")})`, columns: all("id", "comment_id", "body", "created_at") },
    member: { where: "exists (select 1 from comments c where c.id = t.comment_id and c.author_id = $member)" },
  },
  comment_votes: {
    group: "discussion",
    about: "Who marked which comment useful. Not public: visitors see the counts on each comment.",
    public: null,
    member: { where: "t.user_id = $member" },
  },

  // ── following ──────────────────────────────────────────────────────────────────────────
  follows: { group: "following", about: "What each member follows. Not public.", public: null, member: { where: "t.user_id = $member" } },
  notifications: { group: "following", about: "In-app notifications. Not public.", public: null, member: { where: "t.user_id = $member" } },
  notification_preferences: { group: "following", about: "E-mail preferences. Not public.", public: null, member: { where: "t.user_id = $member" } },
  outbox: {
    group: "following",
    about: "E-mails sent or waiting.",
    skip: "The outbox is a delivery queue whose messages hold single-use links; a restored site starts with an empty one.",
    public: null,
    member: null,
  },

  mail_send_clock: { group: "following", about: "The per-minute e-mail rate limit's clock.", skip: "Transient state of the mail queue.", public: null, member: null },

  // ── facts ──────────────────────────────────────────────────────────────────────────────
  facts: {
    group: "facts",
    about: "Facts as they stand now. Public tier: accepted and retracted facts.",
    public: {
      where: FACT_PUBLIC("t"),
      columns: all("id", "statement", "figure_value", "figure_unit", "as_of", "period", "place", "time_sensitive", "status", "current_version", "hardness", "source_text", "proposed_by", "decided_by", "decided_at", "decision_reason", "created_at", "updated_at"),
    },
    member: { where: "t.proposed_by = $member" },
  },
  fact_themes: { group: "facts", about: "Which themes a fact belongs to.", public: { where: FACT_ID_PUBLIC("t.fact_id"), columns: all("fact_id", "theme_id") }, member: null },
  fact_sources: {
    group: "facts",
    about: "The sources of each fact's current version.",
    public: { where: FACT_ID_PUBLIC("t.fact_id"), columns: all("id", "fact_id", "position", "url", "title", "publisher", "published_on", "kind") },
    member: null,
  },
  fact_versions: {
    group: "facts",
    about: "Every version of every fact, never changed once written.",
    public: { where: FACT_ID_PUBLIC("t.fact_id"), columns: all("id", "fact_id", "number", "statement", "figure_value", "figure_unit", "as_of", "period", "place", "time_sensitive", "sources", "theme_ids", "author_id", "reason", "created_at") },
    member: { where: "t.author_id = $member" },
  },
  disputes: {
    group: "facts",
    about: "Disputes of facts and how they were settled.",
    public: { where: FACT_ID_PUBLIC("t.fact_id"), columns: all("id", "fact_id", "fact_version", "opened_by", "reason", "counter_source_url", "counter_source_title", "status", "resolution_reason", "resolved_by", "resolved_at", "created_at") },
    member: { where: "t.opened_by = $member" },
  },
  fact_reviews: {
    group: "facts",
    about: "Members' confirmations and disputes of facts. Not public: visitors see their effect on the hardness score.",
    public: null,
    member: { where: "t.reviewer_id = $member" },
  },
  dispute_comments: {
    group: "facts",
    about: "The discussion of each dispute.",
    public: { where: `exists (select 1 from disputes d where d.id = t.dispute_id and ${FACT_ID_PUBLIC("d.fact_id")})`, columns: all("id", "dispute_id", "parent_id", "author_id", "body", "body_html", "created_at") },
    member: { where: "t.author_id = $member" },
  },
  fact_citations: {
    group: "facts",
    about: "Where each fact is cited. Public tier: citations in public papers, comments, responses and syntheses.",
    public: {
      where: `${FACT_ID_PUBLIC("t.fact_id")} and (
        (t.source_type = 'paper' and exists (select 1 from papers p where p.id = t.source_id and ${PAPER_PUBLIC("p")}))
        or (t.source_type = 'comment' and exists (select 1 from comments c where c.id = t.source_id and c.hidden_at is null and c.deleted_at is null and ${COMMENT_PUBLIC("c")}))
        or (t.source_type = 'response' and ${DOC_PUBLIC("'response.' || t.source_id")})
        or (t.source_type = 'synthesis' and ${DOC_PUBLIC("'synthesis.' || t.source_id")}))`,
      columns: all("fact_id", "source_type", "source_id", "created_at"),
    },
    member: null,
  },
  fact_words: { group: "facts", about: "The vocabulary of fact texts, for correcting misspelt searches (derived; includes words of proposals, so not public).", public: null, member: null },

  // ── responses and syntheses (co-edited documents) ─────────────────────────────────────
  responses: {
    group: "documents",
    about: "Each published paper's co-edited Response, with the readers' render.",
    public: { where: `exists (select 1 from papers p where p.id = t.paper_id and ${PAPER_PUBLIC("p")})`, columns: all("id", "paper_id", "last_html", "last_text", "content_updated_at", "created_at", "updated_at") },
    member: null,
  },
  syntheses: {
    group: "documents",
    about: "Each theme's co-edited synthesis, with the readers' render.",
    public: { where: "exists (select 1 from themes th where th.id = t.theme_id and th.archived_at is null)", columns: all("id", "theme_id", "last_html", "last_text", "content_updated_at", "created_at", "updated_at") },
    member: null,
  },
  collab_updates: {
    group: "documents",
    about: "The Yjs documents as their stored updates (bytea as \\x hex), in sequence; with collab_snapshots they rebuild every document exactly. Not public (each update names its editor).",
    public: null,
    member: { where: "t.user_id = $member" },
  },
  collab_snapshots: { group: "documents", about: "Compacted Yjs state per document (deflated), up to a sequence number.", public: null, member: null },
  collab_revisions: {
    group: "documents",
    about: "Named revisions of responses and syntheses (deflated Yjs state), as listed on their revision pages.",
    public: { where: DOC_PUBLIC("t.doc"), columns: all("id", "doc", "name", "state", "created_by", "restored_from_id", "created_at") },
    member: { where: "t.created_by = $member" },
  },
  comment_response_uses: {
    group: "documents",
    about: "Comments quoted into their paper's Response.",
    public: { where: `exists (select 1 from comments c where c.id = t.comment_id and c.hidden_at is null and c.deleted_at is null and ${COMMENT_PUBLIC("c")})`, columns: all("comment_id", "response_id", "created_at") },
    member: { where: "t.used_by = $member" },
  },
  synthesis_suggestions: {
    group: "documents",
    about: "Members' suggestions for a theme's synthesis. Not public.",
    public: null,
    member: { where: "t.author_id = $member" },
  },

  // ── agreement map and digests (issue 13) ───────────────────────────────────────────────
  statements: {
    group: "convergence",
    about: "Statements of the themes' agreement maps. Public tier: those not hidden, on active themes whose discussion is public, without their authors.",
    public: { where: THEME_MAP_PUBLIC("t.theme_id") + " and t.hidden_at is null", columns: all("id", "theme_id", "paper_id", "body", "created_at") },
    member: { where: "t.author_id = $member" },
  },
  statement_votes: {
    group: "convergence",
    about: "Agree/disagree/pass per member and statement (political opinions, GDPR art. 9). Not public by member id: the map page's Polis CSV export carries them under numbers only.",
    public: null,
    member: { where: "t.user_id = $member" },
  },
  map_versions: {
    group: "convergence",
    about: "Every computed map of a theme: groups, per-group counts, representative and consensus statements, axes. Public on public themes (no member ids in it).",
    public: { where: THEME_MAP_PUBLIC("t.theme_id"), columns: "all" },
    member: null,
  },
  map_points: {
    group: "convergence",
    about: "Each member's place and group on a map version. Not public (a point is a member's opinions); one's own in the member tier.",
    public: null,
    member: { where: "t.user_id = $member" },
  },
  map_findable: { group: "convergence", about: "Members who let others near them on a map ask to be in touch. Not public.", public: null, member: { where: "t.user_id = $member" } },
  contact_requests: {
    group: "convergence",
    about: "Mutual contact requests between members near each other on a map. Not public.",
    public: null,
    member: { where: "t.from_id = $member or t.to_id = $member" },
  },
  digests: {
    group: "convergence",
    about: "Digest vN of a paper's thread. Public tier: published digests of public papers whose discussion is public.",
    public: { where: DIGEST_PUBLIC("t"), columns: all("id", "paper_id", "version", "status", "author_id", "created_at", "published_at") },
    member: { where: "t.author_id = $member" },
  },
  digest_points: {
    group: "convergence",
    about: "The points of a digest (consensus, controversy, open questions).",
    public: { where: `exists (select 1 from digests d where d.id = t.digest_id and ${DIGEST_PUBLIC("d")})`, columns: "all" },
    member: null,
  },
  digest_citations: {
    group: "convergence",
    about: "Which comments each digest point cites.",
    public: { where: `exists (select 1 from digest_points dp join digests d on d.id = dp.digest_id where dp.id = t.point_id and ${DIGEST_PUBLIC("d")})`, columns: "all" },
    member: null,
  },
  // ── directory, help requests and stories (issue 12) ─────────────────────────────────────
  skills: { group: "directory", about: "The curated skills list admins maintain.", public: { columns: "all" }, member: null },
  directory_profiles: {
    group: "directory",
    about: "Directory profiles. Public tier: listed verified members whose name is public, and only the fields each chose to make public (others null).",
    public: {
      where: DIRECTORY_PUBLIC("t"),
      columns: {
        user_id: true,
        skills: VISIBLE_IF_PUBLIC("skills"),
        tags: VISIBLE_IF_PUBLIC("tags"),
        interests: VISIBLE_IF_PUBLIC("interests"),
        hours_per_month: VISIBLE_IF_PUBLIC("hours", "hours_per_month"),
        region: VISIBLE_IF_PUBLIC("region"),
        languages: VISIBLE_IF_PUBLIC("languages"),
        contact_preference: VISIBLE_IF_PUBLIC("contact", "contact_preference"),
        bio: VISIBLE_IF_PUBLIC("bio"),
      },
    },
    member: { where: "t.user_id = $member" },
  },
  directory_searches: { group: "directory", about: "Each directory search: who, when, what. Not public.", public: null, member: { where: "t.searcher_id = $member" } },
  directory_search_hits: { group: "directory", about: "Whom each search showed (so members see who looked them up). Not public.", public: null, member: { where: "t.member_id = $member" } },
  help_requests: { group: "directory", about: "Help requests; for members only. Not public.", public: null, member: { where: "t.requester_id = $member" } },
  help_invitations: { group: "directory", about: "Invitations to help and their answers. Not public.", public: null, member: { where: "t.invitee_id = $member or t.invited_by = $member" } },
  message_threads: { group: "directory", about: "Member-to-member conversations. Not public.", public: null, member: { where: "$member in (t.member_a, t.member_b)" } },
  messages: {
    group: "directory",
    about: "Messages between members. Not public.",
    public: null,
    member: { where: "exists (select 1 from message_threads m where m.id = t.thread_id and $member in (m.member_a, m.member_b))" },
  },
  anecdotes: {
    group: "stories",
    about: "Members' first-hand stories. Public tier: only stories quoted in a public response whose current consent allows it, as the storyteller-approved redaction; teller, place and exact date only with named consent.",
    public: {
      where: `${STORY_CONSENT("t")} in ('anonymous', 'named') and t.status = 'accepted' and t.redaction_status = 'approved' and exists (select 1 from anecdote_uses u where u.anecdote_id = t.id and u.kind = 'response_quote' and u.taken_down_at is null and u.takedown_requested_at is null)`,
      columns: {
        id: true,
        theme_id: true,
        title: true,
        body: "t.redacted_body",
        author_id: `case when ${STORY_CONSENT("t")} = 'named' then t.author_id end`,
        place: `case when ${STORY_CONSENT("t")} = 'named' then t.place end`,
        occurred_on: `case when ${STORY_CONSENT("t")} = 'named' then t.occurred_on else date_trunc('month', t.occurred_on)::date end`,
        role: true,
      },
    },
    member: { where: "t.author_id = $member", omit: ["attest_token"] },
  },
  anecdote_attestations: { group: "stories", about: "Members vouching for a story. Not public (it would identify witnesses).", public: null, member: { where: "t.attester_id = $member" } },
  anecdote_consents: { group: "stories", about: "The consent ledger: each grant, lowering, withdrawal and expiry with its exact wording. Not public.", public: null, member: { where: "t.member_id = $member" } },
  anecdote_uses: { group: "stories", about: "Each use of a story against the consent that allowed it, and take-downs. Not public.", public: null, member: { where: "t.used_by = $member" } },
  press_packs: { group: "stories", about: "Press packs curators made. Not public (each is given to the press as its consents allow).", public: null, member: { where: "t.created_by = $member" } },
  press_pack_items: { group: "stories", about: "The stories in each press pack. Not public.", public: null, member: null },

  open_data_snapshots: {
    group: "open-data",
    about: "The latest public bundle, as served at /open-data.",
    skip: "A copy of the public tier, regenerated from the rest.",
    public: null,
    member: null,
  },

  // ── the council by lot, recall, appeals ────────────────────────────────────────────────
  council_settings: {
    group: "council",
    about: "The council's rules (activity window, recall thresholds and limits, appeal window, pool categories), public like every rule.",
    public: { columns: "all" },
    member: null,
  },
  member_activity: {
    group: "council",
    about: "When each member last used the site: the base of a recall's share of active members. Not public.",
    public: null,
    member: { where: "t.user_id = $member" },
  },
  pool_volunteers: {
    group: "council",
    about: "Volunteers for the council pool with their self-declared categories (special-category data). Not public: draws publish pseudonymous pool ids.",
    public: null,
    member: { where: "t.user_id = $member" },
  },
  council_draws: {
    group: "council",
    about: "Draws by lot: the published announcement (frozen pool, quotas, algorithm, seed commitment) and, once drawn, the seed and the result.",
    public: {
      columns: {
        id: true,
        purpose: true,
        status: true,
        title: true,
        seats: true,
        quotas: true,
        term_days: true,
        announcement: true,
        announcement_hash: true,
        // The seed is the secret the commitment hides until the draw.
        seed: "case when t.status = 'drawn' then t.seed end",
        result: true,
        draw_not_before: true,
        announced_at: true,
        drawn_at: true,
      },
    },
    member: null,
  },
  draw_entries: {
    group: "council",
    about: "Who is behind each pseudonymous pool id of a draw, with the secret that lets them check their own entry. Not public.",
    public: null,
    member: { where: "t.user_id = $member" },
  },
  council_seats: {
    group: "council",
    about: "Council seats from draws: who, from which draw, the term and how it ended.",
    public: { columns: "all" },
    member: { where: "t.user_id = $member" },
  },
  recall_petitions: {
    group: "council",
    about: "Recall petitions against role-holders, with their reason, signature count and outcome (who opened one is not public).",
    public: { columns: all("id", "target_user_id", "role", "theme_id", "reason", "status", "signature_count", "threshold_at_close", "opened_at", "closes_at", "closed_at") },
    member: { where: "t.opened_by = $member or t.target_user_id = $member" },
  },
  recall_signatures: {
    group: "council",
    about: "Who signed which recall petition. Not public: petitions show the count.",
    public: null,
    member: { where: "t.user_id = $member" },
  },
  appeals: {
    group: "council",
    about: "Appeals against moderation, with the panel's findings. Not public (the outcome is in the public log).",
    public: null,
    member: { where: "t.appellant_id = $member" },
  },
  appeal_votes: {
    group: "council",
    about: "Each appeal panellist's vote and findings. Not public.",
    public: null,
    member: { where: "t.user_id = $member" },
  },

  // ── the public log ─────────────────────────────────────────────────────────────────────
  audit_log: {
    group: "log",
    about: "The public moderation and governance log, every row as the /moderation-log page shows it.",
    public: { columns: "all" },
    member: { where: "t.actor_id = $member" },
  },
};

import { and, asc, desc, eq, inArray, isNotNull, isNull, ne, or, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { anecdoteAttestations, anecdoteConsents, anecdoteUses, anecdotes, papers, pressPackItems, pressPacks, themes, users, type ConsentLevel } from "@/db/schema";
import { assertCan } from "@/lib/auth/actor";
import { can, type Actor } from "@/lib/auth/permissions";
import { publicNameSql } from "@/lib/directory/public-name";
import { notFound } from "@/lib/errors";
import { allows, currentConsent, type LedgerRow } from "./consent";
import { loadAnecdoteResource } from "./resource";

export interface StorySummary {
  id: string;
  title: string;
  themeId: string;
  themeTitle: string;
  status: "submitted" | "changes_requested" | "accepted" | "declined";
  redactionStatus: "none" | "proposed" | "approved" | "rejected";
  consent: ConsentLevel;
  attestations: number;
  tags: string[];
  createdAt: Date;
}

async function ledgers(db: Tx, ids: string[]): Promise<Map<string, LedgerRow[]>> {
  const out = new Map<string, LedgerRow[]>();
  if (!ids.length) return out;
  const rows = await db
    .select({ anecdoteId: anecdoteConsents.anecdoteId, id: anecdoteConsents.id, change: anecdoteConsents.change, level: anecdoteConsents.level, expiresAt: anecdoteConsents.expiresAt, createdAt: anecdoteConsents.createdAt })
    .from(anecdoteConsents)
    .where(inArray(anecdoteConsents.anecdoteId, ids));
  for (const { anecdoteId, ...r } of rows) out.set(anecdoteId, [...(out.get(anecdoteId) ?? []), r]);
  return out;
}

const summaryColumns = {
  id: anecdotes.id,
  title: anecdotes.title,
  themeId: anecdotes.themeId,
  themeTitle: themes.title,
  status: anecdotes.status,
  redactionStatus: anecdotes.redactionStatus,
  tags: anecdotes.tags,
  createdAt: anecdotes.createdAt,
  attestations: sql<number>`(select count(*) from ${anecdoteAttestations} a where a.anecdote_id = ${anecdotes.id})`.mapWith(Number),
};

async function withConsent(db: Tx, rows: Omit<StorySummary, "consent">[], now: Date): Promise<StorySummary[]> {
  const l = await ledgers(db, rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, consent: currentConsent(l.get(r.id) ?? [], now).level }));
}

export async function listMyStories(db: Tx, actor: Actor, now = new Date()): Promise<StorySummary[]> {
  if (!actor.id) return [];
  const rows = await db.select(summaryColumns).from(anecdotes).innerJoin(themes, eq(themes.id, anecdotes.themeId)).where(eq(anecdotes.authorId, actor.id)).orderBy(desc(anecdotes.createdAt));
  return withConsent(db, rows, now);
}

/** Stories in the themes this curator curates (never their own to review). */
export async function listCuratedStories(db: Tx, actor: Actor, opts: { status?: StorySummary["status"] } = {}, now = new Date()): Promise<StorySummary[]> {
  assertCan(actor, "story.reviewQueue", null);
  const rows = await db
    .select(summaryColumns)
    .from(anecdotes)
    .innerJoin(themes, eq(themes.id, anecdotes.themeId))
    .where(and(inArray(anecdotes.themeId, [...actor.curatorOf]), opts.status ? eq(anecdotes.status, opts.status) : undefined))
    .orderBy(desc(anecdotes.createdAt))
    .limit(200);
  return withConsent(db, rows, now);
}

export interface StoryDetail extends StorySummary {
  authorId: string | null;
  authorName: string;
  body: string;
  occurredOn: string;
  place: string;
  role: "subject" | "witness";
  reviewReason: string | null;
  redactedBody: string | null;
  redactionNote: string | null;
  attestToken: string | null;
  consentExpired: boolean;
  consentExpiresAt: Date | null;
  ledger: { id: string; change: string; level: ConsentLevel; wordingVersion: number; wording: string; expiresAt: Date | null; createdAt: Date; byName: string }[];
  attesters: { name: string; relation: string; createdAt: Date }[];
  uses: { id: string; kind: "response_quote" | "press_pack"; targetLabel: string; targetUrl: string; levelUsed: ConsentLevel; usedAt: Date; usedByName: string; takedownRequestedAt: Date | null; takenDownAt: Date | null }[];
  may: { edit: boolean; consent: boolean; review: boolean; redact: boolean; approveRedaction: boolean; use: boolean };
}

export async function getStory(db: Tx, actor: Actor, id: string, now = new Date()): Promise<StoryDetail> {
  const resource = await loadAnecdoteResource(db, id);
  // Existence is not revealed to those who may not read it.
  if (!can(actor, "story.view", resource)) throw notFound("story", "That story could not be found.");
  const [row] = await db
    .select({ ...summaryColumns, authorId: anecdotes.authorId, authorName: publicNameSql(), body: anecdotes.body, occurredOn: anecdotes.occurredOn, place: anecdotes.place, role: anecdotes.role, reviewReason: anecdotes.reviewReason, redactedBody: anecdotes.redactedBody, redactionNote: anecdotes.redactionNote, attestToken: anecdotes.attestToken })
    .from(anecdotes)
    .innerJoin(themes, eq(themes.id, anecdotes.themeId))
    .leftJoin(users, eq(users.id, anecdotes.authorId))
    .where(eq(anecdotes.id, id));
  const ledgerRows = await db
    .select({ id: anecdoteConsents.id, change: anecdoteConsents.change, level: anecdoteConsents.level, wordingVersion: anecdoteConsents.wordingVersion, wording: anecdoteConsents.wording, expiresAt: anecdoteConsents.expiresAt, createdAt: anecdoteConsents.createdAt, byName: publicNameSql() })
    .from(anecdoteConsents)
    .leftJoin(users, eq(users.id, anecdoteConsents.memberId))
    .where(eq(anecdoteConsents.anecdoteId, id))
    .orderBy(asc(anecdoteConsents.createdAt));
  const attesters = await db
    .select({ name: publicNameSql(), relation: anecdoteAttestations.relation, createdAt: anecdoteAttestations.createdAt })
    .from(anecdoteAttestations)
    .leftJoin(users, eq(users.id, anecdoteAttestations.attesterId))
    .where(eq(anecdoteAttestations.anecdoteId, id))
    .orderBy(asc(anecdoteAttestations.createdAt));
  const uses = await db
    .select({ id: anecdoteUses.id, kind: anecdoteUses.kind, targetLabel: anecdoteUses.targetLabel, targetUrl: anecdoteUses.targetUrl, levelUsed: anecdoteUses.levelUsed, usedAt: anecdoteUses.usedAt, usedByName: publicNameSql(), takedownRequestedAt: anecdoteUses.takedownRequestedAt, takenDownAt: anecdoteUses.takenDownAt })
    .from(anecdoteUses)
    .leftJoin(users, eq(users.id, anecdoteUses.usedBy))
    .where(eq(anecdoteUses.anecdoteId, id))
    .orderBy(desc(anecdoteUses.usedAt));
  const current = currentConsent(ledgerRows, now);
  const isTeller = actor.id !== null && row!.authorId === actor.id;
  return {
    ...row!,
    authorName: row!.authorName ?? "Former member",
    attestToken: isTeller ? row!.attestToken : null,
    consent: current.level,
    consentExpired: current.expired,
    consentExpiresAt: current.row?.expiresAt ?? null,
    ledger: ledgerRows.map((l) => ({ ...l, byName: l.byName ?? (l.change === "expire" ? "Commonplace" : "Former member") })),
    attesters: attesters.map((a) => ({ ...a, name: a.name ?? "Former member" })),
    uses: uses.map((u) => ({ ...u, usedByName: u.usedByName ?? "Former member" })),
    may: {
      edit: can(actor, "story.edit", resource),
      consent: can(actor, "story.consent", resource),
      review: can(actor, "story.review", resource),
      redact: can(actor, "story.redact", resource),
      approveRedaction: can(actor, "story.approveRedaction", resource),
      use: can(actor, "story.use", resource) && allows(current.level, "anonymous"),
    },
  };
}

/** What the member holding an attestation link reads before vouching. */
export async function getStoryForAttestation(db: Tx, actor: Actor, token: string): Promise<{ id: string; title: string; body: string; occurredOn: string; place: string; tellerName: string; own: boolean; attested: boolean; declined: boolean } | null> {
  if (!actor.id || token.length < 10 || token.length > 100) return null;
  const [row] = await db
    .select({ id: anecdotes.id, title: anecdotes.title, body: anecdotes.body, occurredOn: anecdotes.occurredOn, place: anecdotes.place, tellerName: publicNameSql(), authorId: anecdotes.authorId, status: anecdotes.status })
    .from(anecdotes)
    .leftJoin(users, eq(users.id, anecdotes.authorId))
    .where(eq(anecdotes.attestToken, token));
  if (!row) return null;
  const [mine] = await db.select({ id: anecdoteAttestations.id }).from(anecdoteAttestations).where(and(eq(anecdoteAttestations.anecdoteId, row.id), eq(anecdoteAttestations.attesterId, actor.id)));
  return { id: row.id, title: row.title, body: row.body, occurredOn: row.occurredOn, place: row.place, tellerName: row.tellerName ?? "Former member", own: row.authorId === actor.id, attested: !!mine, declined: row.status === "declined" };
}

export interface TakedownRow {
  useId: string;
  storyId: string;
  storyTitle: string;
  kind: "response_quote" | "press_pack";
  targetLabel: string;
  targetUrl: string;
  requestedAt: Date;
}

/** The take-down list: uses made by this curator (or in their themes) that consent no longer covers. */
export async function listTakedowns(db: Tx, actor: Actor): Promise<TakedownRow[]> {
  if (!actor.id) return [];
  const curated = [...actor.curatorOf];
  const rows = await db
    .select({ useId: anecdoteUses.id, storyId: anecdotes.id, storyTitle: anecdotes.title, kind: anecdoteUses.kind, targetLabel: anecdoteUses.targetLabel, targetUrl: anecdoteUses.targetUrl, requestedAt: anecdoteUses.takedownRequestedAt })
    .from(anecdoteUses)
    .innerJoin(anecdotes, eq(anecdotes.id, anecdoteUses.anecdoteId))
    .where(and(isNotNull(anecdoteUses.takedownRequestedAt), isNull(anecdoteUses.takenDownAt), or(eq(anecdoteUses.usedBy, actor.id), curated.length ? inArray(anecdotes.themeId, curated) : sql`false`)))
    .orderBy(desc(anecdoteUses.takedownRequestedAt));
  return rows.map((r) => ({ ...r, requestedAt: r.requestedAt! }));
}

export interface UsableStory {
  id: string;
  title: string;
  consent: ConsentLevel;
}

/** Stories a curator may put in a press pack or quote now: accepted, redaction approved, consent outside the membership. */
export async function listUsableStories(db: Tx, actor: Actor, themeId: string, now = new Date()): Promise<UsableStory[]> {
  assertCan(actor, "pressPack.create", { themeId });
  const rows = await db
    .select({ id: anecdotes.id, title: anecdotes.title })
    .from(anecdotes)
    .where(and(eq(anecdotes.themeId, themeId), eq(anecdotes.status, "accepted"), eq(anecdotes.redactionStatus, "approved")))
    .orderBy(asc(anecdotes.title));
  const l = await ledgers(db, rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, consent: currentConsent(l.get(r.id) ?? [], now).level })).filter((r) => allows(r.consent, "anonymous"));
}

export interface PressPackEntry {
  storyId: string;
  title: string;
  text: string;
  /** Only for named consent. */
  tellerName: string | null;
  place: string | null;
  /** Named: the date; anonymous: month and year only. */
  when: string;
  level: "anonymous" | "named";
}
export interface PressPackView {
  id: string;
  title: string;
  themeId: string;
  themeTitle: string;
  createdAt: Date;
  entries: PressPackEntry[];
  /** Stories chosen for the pack that its current consents leave out. */
  leftOut: number;
}

const monthYear = (iso: string) => new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(iso));

/**
 * A press pack as its stories' consents allow it now (not when it was made): named stories with
 * name, place and date; anonymous ones with neither name nor place, dated by month; internal-only,
 * withdrawn or expired ones not at all. The text is always the storyteller-approved redaction.
 */
export async function getPressPack(db: Tx, actor: Actor, packId: string, now = new Date()): Promise<PressPackView> {
  if (!/^[0-9a-f-]{36}$/i.test(packId)) throw notFound("pressPack", "That press pack could not be found.");
  const [pack] = await db.select({ id: pressPacks.id, title: pressPacks.title, themeId: pressPacks.themeId, themeTitle: themes.title, createdAt: pressPacks.createdAt }).from(pressPacks).innerJoin(themes, eq(themes.id, pressPacks.themeId)).where(eq(pressPacks.id, packId));
  if (!pack) throw notFound("pressPack", "That press pack could not be found.");
  if (!can(actor, "pressPack.create", { themeId: pack.themeId })) throw notFound("pressPack", "That press pack could not be found.");
  const items = await db
    .select({ storyId: anecdotes.id, title: anecdotes.title, redacted: anecdotes.redactedBody, redactionStatus: anecdotes.redactionStatus, status: anecdotes.status, place: anecdotes.place, occurredOn: anecdotes.occurredOn, tellerName: publicNameSql() })
    .from(pressPackItems)
    .innerJoin(anecdotes, eq(anecdotes.id, pressPackItems.anecdoteId))
    .leftJoin(users, eq(users.id, anecdotes.authorId))
    .where(eq(pressPackItems.packId, packId))
    .orderBy(asc(pressPackItems.position));
  const l = await ledgers(db, items.map((i) => i.storyId));
  const entries: PressPackEntry[] = [];
  for (const i of items) {
    const level = currentConsent(l.get(i.storyId) ?? [], now).level;
    if (!allows(level, "anonymous") || i.status !== "accepted" || i.redactionStatus !== "approved" || !i.redacted) continue;
    const named = level === "named";
    entries.push({ storyId: i.storyId, title: i.title, text: i.redacted, tellerName: named ? (i.tellerName ?? null) : null, place: named ? i.place : null, when: named ? i.occurredOn : monthYear(i.occurredOn), level: named ? "named" : "anonymous" });
  }
  return { ...pack, entries, leftOut: items.length - entries.length };
}

export async function listPressPacks(db: Tx, actor: Actor): Promise<{ id: string; title: string; themeTitle: string; createdAt: Date }[]> {
  const curated = [...actor.curatorOf];
  if (!curated.length) return [];
  return db.select({ id: pressPacks.id, title: pressPacks.title, themeTitle: themes.title, createdAt: pressPacks.createdAt }).from(pressPacks).innerJoin(themes, eq(themes.id, pressPacks.themeId)).where(inArray(pressPacks.themeId, curated)).orderBy(desc(pressPacks.createdAt));
}

/** The quote a curator's editor inserts into a Response, shaped as "Add to response" expects. */
export interface StoryQuote {
  /** The story's id, in the field "Add to response" reports back. */
  commentId: string;
  paperId: string;
  text: string;
  author: string;
  permalink: string;
}

export async function getStoryQuoteForResponse(db: Tx, actor: Actor, paperId: string, storyId: string, now = new Date()): Promise<StoryQuote> {
  const resource = await loadAnecdoteResource(db, storyId);
  assertCan(actor, "story.use", resource);
  const [use] = await db
    .select({ levelUsed: anecdoteUses.levelUsed })
    .from(anecdoteUses)
    .innerJoin(sql`responses r`, sql`r.id = ${anecdoteUses.targetId}`)
    .where(and(eq(anecdoteUses.anecdoteId, storyId), eq(anecdoteUses.kind, "response_quote"), sql`r.paper_id = ${paperId}::uuid`, isNull(anecdoteUses.takenDownAt), isNull(anecdoteUses.takedownRequestedAt)));
  if (!use) throw notFound("story", "Choose “Quote in a response” on the story first, so its use is recorded against its consent.");
  const quoted = await getQuotedStory(db, storyId, now);
  if (!quoted) throw notFound("story", "This story's consent no longer allows quoting it.");
  return { commentId: storyId, paperId, text: quoted.text, author: quoted.attribution, permalink: `/stories/quoted/${storyId}` };
}

/**
 * The public page a quoted story links to: the approved redaction, attributed as its consent allows
 * now. Null (not found) once consent is withdrawn or lowered below quotation, or nothing quotes it.
 */
export async function getQuotedStory(db: Tx, storyId: string, now = new Date()): Promise<{ title: string; text: string; attribution: string; when: string; paperLinks: { label: string; url: string }[] } | null> {
  if (!/^[0-9a-f-]{36}$/i.test(storyId)) return null;
  const [s] = await db
    .select({ title: anecdotes.title, text: anecdotes.redactedBody, redactionStatus: anecdotes.redactionStatus, status: anecdotes.status, place: anecdotes.place, occurredOn: anecdotes.occurredOn, tellerName: publicNameSql() })
    .from(anecdotes)
    .leftJoin(users, eq(users.id, anecdotes.authorId))
    .where(eq(anecdotes.id, storyId));
  if (!s || s.status !== "accepted" || s.redactionStatus !== "approved" || !s.text) return null;
  const level = currentConsent((await ledgers(db, [storyId])).get(storyId) ?? [], now).level;
  const uses = await db
    .select({ label: anecdoteUses.targetLabel, url: anecdoteUses.targetUrl, levelUsed: anecdoteUses.levelUsed })
    .from(anecdoteUses)
    .where(and(eq(anecdoteUses.anecdoteId, storyId), eq(anecdoteUses.kind, "response_quote"), isNull(anecdoteUses.takenDownAt), isNull(anecdoteUses.takedownRequestedAt)));
  const live = uses.filter((u) => allows(level, u.levelUsed));
  if (!live.length) return null;
  const named = level === "named" && live.some((u) => u.levelUsed === "named");
  return {
    title: s.title,
    text: s.text,
    attribution: named ? `${s.tellerName ?? "A member"}, ${s.place} (a first-hand account)` : "A member (a first-hand account, name withheld)",
    when: named ? s.occurredOn : monthYear(s.occurredOn),
    paperLinks: live.map((u) => ({ label: u.label, url: u.url })),
  };
}

/** Published papers of a theme, to choose which Response a story is quoted in. */
export async function listPapersForQuote(db: Tx, themeId: string): Promise<{ id: string; title: string }[]> {
  return db
    .select({ id: papers.id, title: papers.title })
    .from(papers)
    .where(and(eq(papers.themeId, themeId), ne(papers.publishedVersion, 0), isNull(papers.hiddenAt)))
    .orderBy(desc(papers.publishedAt))
    .limit(50);
}

import { and, asc, desc, eq, inArray, isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { directoryProfiles, directorySearchHits, directorySearches, skills, themes, users, type Visibility } from "@/db/schema";
import { assertCan } from "@/lib/auth/actor";
import type { Actor } from "@/lib/auth/core";
import { memberNameSql, publicNameSql } from "./public-name";
import type { DirectoryFilter } from "./validation";
import { DIRECTORY_FIELD_NAMES, fieldVisibleSql, othersFieldVisibleSql, visibleValueSql, type DirectoryField } from "./visibility";

export const DIRECTORY_PAGE_SIZE = 20;
const PLAN_FENCE = 2_147_483_647;

/** One listing as a viewer may see it: every hidden field is null (it never left the database). */
export interface DirectoryEntry {
  memberId: string;
  name: string;
  skills: string[] | null;
  tags: string[] | null;
  interests: string[] | null;
  hoursPerMonth: number | null;
  region: string | null;
  languages: string[] | null;
  contactPreference: string | null;
  bio: string | null;
}

/** The columns of an entry, each through the visibility rule for this viewer. */
export function entryColumns(viewer: Actor) {
  return {
    memberId: directoryProfiles.userId,
    name: memberNameSql(),
    skills: visibleValueSql<string[]>("skills", viewer),
    tags: visibleValueSql<string[]>("tags", viewer),
    interests: visibleValueSql<string[]>("interests", viewer),
    hoursPerMonth: visibleValueSql<number>("hours", viewer),
    region: visibleValueSql<string>("region", viewer),
    languages: visibleValueSql<string[]>("languages", viewer),
    contactPreference: visibleValueSql<string>("contact", viewer),
    bio: visibleValueSql<string>("bio", viewer),
  };
}

/** Listed, verified and not suspended: who can appear in the directory at all, before visibility. */
export const listedMember = (): SQL =>
  and(eq(directoryProfiles.listed, true), isNotNull(users.verifiedAt), isNull(users.suspendedAt))!;

/**
 * Each filter joined with the visibility of the field it reads: a hidden field matches nothing.
 * Written as two branches, other members' profiles (each field by its level alone) or the viewer's
 * own (every field theirs to see), which is the same rule as fieldVisibleSql's and lets the planner
 * use the partial indexes on the levels for the first branch.
 */
export function filterConditions(viewer: Actor, filter: DirectoryFilter): SQL[] {
  return [listedMember(), profileConditions(viewer, filter)];
}

/** The part of filterConditions that reads directory_profiles alone (the account checks are listedMember's). */
export function profileConditions(viewer: Actor, filter: DirectoryFilter): SQL {
  const p = directoryProfiles;
  const conditions: [DirectoryField, SQL][] = [];
  if (filter.skill) conditions.push(["skills", sql`${p.skills} @> array[${filter.skill}]::text[]`]);
  if (filter.q) {
    const q = filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
    conditions.push(["tags", sql`${p.tagsText} like ${`%${q}%`}`]);
  }
  if (filter.region) conditions.push(["region", sql`${p.region} = ${filter.region}`]);
  if (filter.theme) conditions.push(["interests", sql`${p.interests} @> array[${filter.theme}]::uuid[]`]);
  if (filter.language) conditions.push(["languages", sql`${p.languages} @> array[${filter.language}]::text[]`]);
  if (filter.minHours) conditions.push(["hours", sql`${p.hoursPerMonth} >= ${filter.minHours}`]);
  const others = and(othersFieldVisibleSql("name", viewer), ...conditions.map(([field, c]) => and(othersFieldVisibleSql(field, viewer), c)))!;
  const own = viewer.id ? and(eq(p.userId, viewer.id), ...conditions.map(([, c]) => c))! : null;
  return and(eq(p.listed, true), own ? sql`(${others} or ${own})` : others)!;
}

export interface DirectoryPage {
  rows: DirectoryEntry[];
  total: number;
  page: number;
  pageSize: number;
}

/** The directory as this viewer may see it; filters never reach past the fields visible to them. */
export async function searchDirectory(db: Tx, viewer: Actor, filter: DirectoryFilter, page = 1, pageSize = DIRECTORY_PAGE_SIZE): Promise<DirectoryPage> {
  assertCan(viewer, "directory.search", null);
  // The profiles are filtered first, through their indexes: a subquery with a LIMIT is planned on
  // its own (the limit is no cap in practice). At 100,000 members the planner otherwise walked every
  // account in name order and probed each profile (bench/directory.ts).
  const matching = db.select({ id: directoryProfiles.userId }).from(directoryProfiles).where(profileConditions(viewer, filter)).limit(PLAN_FENCE).as("matching");
  const rows = await db
    .select({ ...entryColumns(viewer), total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(matching)
    .innerJoin(directoryProfiles, eq(directoryProfiles.userId, matching.id))
    .innerJoin(users, eq(users.id, directoryProfiles.userId))
    .where(listedMember())
    .orderBy(asc(memberNameSql()), asc(directoryProfiles.userId))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { rows: rows.map(({ total: _t, ...r }) => r), total: rows[0]?.total ?? (page > 1 ? await countOnly(db, viewer, filter) : 0), page, pageSize };
}

async function countOnly(db: Tx, viewer: Actor, filter: DirectoryFilter): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(directoryProfiles)
    .innerJoin(users, eq(users.id, directoryProfiles.userId))
    .where(and(...filterConditions(viewer, filter)));
  return row?.n ?? 0;
}

const hasFilter = (f: DirectoryFilter) => Object.values(f).some((v) => v !== undefined);

/** Records a search that named a filter (who, when, what) and whom it showed, so they can see it. */
export async function recordSearch(db: Db, viewer: Actor, filter: DirectoryFilter, result: DirectoryPage): Promise<void> {
  if (!hasFilter(filter)) return;
  const filters = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)) as Record<string, string | number>;
  await db.transaction(async (tx) => {
    const [search] = await tx.insert(directorySearches).values({ searcherId: viewer.id, filters, resultCount: result.total }).returning({ id: directorySearches.id });
    const shown = result.rows.map((r) => r.memberId).filter((id) => id !== viewer.id);
    if (shown.length) await tx.insert(directorySearchHits).values(shown.map((memberId) => ({ searchId: search!.id, memberId }))).onConflictDoNothing();
  });
}

/** One listing, as the viewer may see it; null when it is not listed to them. */
export async function getDirectoryEntry(db: Tx, viewer: Actor, memberId: string): Promise<DirectoryEntry | null> {
  if (!/^[0-9a-f-]{36}$/i.test(memberId)) return null;
  const [row] = await db
    .select(entryColumns(viewer))
    .from(directoryProfiles)
    .innerJoin(users, eq(users.id, directoryProfiles.userId))
    .where(and(eq(directoryProfiles.userId, memberId), listedMember(), fieldVisibleSql("name", viewer)));
  return row ?? null;
}

export interface Lookup {
  searchId: string;
  searcherName: string;
  at: Date;
  filters: Record<string, string | number | string[]>;
}

/** Who found this member through a search, newest first. */
export async function listLookups(db: Tx, viewer: Actor, memberId: string, limit = 50): Promise<Lookup[]> {
  assertCan(viewer, "directory.viewLookups", { userId: memberId });
  const rows = await db
    .select({ searchId: directorySearches.id, searcherName: publicNameSql(), at: directorySearches.createdAt, filters: directorySearches.filters })
    .from(directorySearchHits)
    .innerJoin(directorySearches, eq(directorySearches.id, directorySearchHits.searchId))
    .leftJoin(users, eq(users.id, directorySearches.searcherId))
    .where(eq(directorySearchHits.memberId, memberId))
    .orderBy(desc(directorySearches.createdAt))
    .limit(limit);
  return rows.map((r) => ({ ...r, searcherName: r.searcherName ?? "A visitor who was not signed in" }));
}

/** The member's own profile as stored, for the edit form (defaults when there is none yet). */
export interface OwnProfile {
  exists: boolean;
  listed: boolean;
  skills: string[];
  tags: string[];
  interests: string[];
  hoursPerMonth: number | null;
  region: string | null;
  languages: string[];
  contactPreference: string | null;
  bio: string | null;
  visibility: Record<DirectoryField, Visibility>;
}

export async function getOwnProfile(db: Tx, viewer: Actor, userId: string): Promise<OwnProfile> {
  assertCan(viewer, "directory.editProfile", { userId });
  const [p] = await db.select().from(directoryProfiles).where(eq(directoryProfiles.userId, userId));
  const visibility = Object.fromEntries(DIRECTORY_FIELD_NAMES.map((f) => [f, "only_me"])) as Record<DirectoryField, Visibility>;
  if (!p) return { exists: false, listed: false, skills: [], tags: [], interests: [], hoursPerMonth: null, region: null, languages: [], contactPreference: null, bio: null, visibility };
  return {
    exists: true,
    listed: p.listed,
    skills: p.skills,
    tags: p.tags,
    interests: p.interests,
    hoursPerMonth: p.hoursPerMonth,
    region: p.region,
    languages: p.languages,
    contactPreference: p.contactPreference,
    bio: p.bio,
    visibility: {
      name: p.nameVisibility,
      skills: p.skillsVisibility,
      tags: p.tagsVisibility,
      interests: p.interestsVisibility,
      hours: p.hoursVisibility,
      region: p.regionVisibility,
      languages: p.languagesVisibility,
      contact: p.contactVisibility,
      bio: p.bioVisibility,
    },
  };
}

export interface SkillOption {
  slug: string;
  label: string;
  archived: boolean;
}

export async function listSkills(db: Tx, opts: { includeArchived?: boolean } = {}): Promise<SkillOption[]> {
  const rows = await db
    .select({ slug: skills.slug, label: skills.label, archivedAt: skills.archivedAt })
    .from(skills)
    .where(opts.includeArchived ? undefined : isNull(skills.archivedAt))
    .orderBy(asc(skills.position), asc(skills.label));
  return rows.map((r) => ({ slug: r.slug, label: r.label, archived: r.archivedAt !== null }));
}

export async function themeTitles(db: Tx, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db.select({ id: themes.id, title: themes.title }).from(themes).where(inArray(themes.id, ids));
  return new Map(rows.map((r) => [r.id, r.title]));
}

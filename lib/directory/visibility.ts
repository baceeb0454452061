/**
 * Who may see which field of a directory profile: one rule table, from which both the SQL that
 * filters and selects (so a search can never match on a field hidden from the searcher) and the
 * decision of what to render are derived.
 */
import { sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { directoryProfiles, type Visibility } from "@/db/schema";
import { isCouncil, isVerified, type Actor } from "@/lib/auth/core";

import { DEFAULT_VISIBILITY, DIRECTORY_FIELD_LABELS, rank, VISIBILITIES, VISIBILITY_LABELS } from "./levels";

export { DEFAULT_VISIBILITY, DIRECTORY_FIELD_LABELS, rank, VISIBILITIES, VISIBILITY_LABELS };

/**
 * The most private level a viewer may see on someone else's profile. A suspended or unverified
 * account sees what the public sees; council members and curators (of any theme) see one step more.
 */
export function clearanceOf(viewer: Actor): Visibility {
  if (!isVerified(viewer)) return "public";
  if (isCouncil(viewer) || viewer.curatorOf.size > 0) return "council_curators";
  return "members";
}

/** The TypeScript form of the rule: the owner sees everything of theirs; others what their clearance allows. */
export function canSeeField(viewer: Actor, ownerId: string, level: Visibility): boolean {
  return (viewer.id !== null && viewer.id === ownerId) || rank(level) >= rank(clearanceOf(viewer));
}

type P = typeof directoryProfiles;
interface FieldRule {
  label: string;
  visibility: (p: P) => AnyPgColumn;
  /** The stored value; null for `name`, whose value is the member's public name. */
  value: ((p: P) => AnyPgColumn) | null;
}

/** Every field with its own visibility. `name` decides whether the member is listed to a viewer at all. */
export const DIRECTORY_FIELDS = {
  name: { label: DIRECTORY_FIELD_LABELS.name, visibility: (p) => p.nameVisibility, value: null },
  skills: { label: DIRECTORY_FIELD_LABELS.skills, visibility: (p) => p.skillsVisibility, value: (p) => p.skills },
  tags: { label: DIRECTORY_FIELD_LABELS.tags, visibility: (p) => p.tagsVisibility, value: (p) => p.tags },
  interests: { label: DIRECTORY_FIELD_LABELS.interests, visibility: (p) => p.interestsVisibility, value: (p) => p.interests },
  hours: { label: DIRECTORY_FIELD_LABELS.hours, visibility: (p) => p.hoursVisibility, value: (p) => p.hoursPerMonth },
  region: { label: DIRECTORY_FIELD_LABELS.region, visibility: (p) => p.regionVisibility, value: (p) => p.region },
  languages: { label: DIRECTORY_FIELD_LABELS.languages, visibility: (p) => p.languagesVisibility, value: (p) => p.languages },
  contact: { label: DIRECTORY_FIELD_LABELS.contact, visibility: (p) => p.contactVisibility, value: (p) => p.contactPreference },
  bio: { label: DIRECTORY_FIELD_LABELS.bio, visibility: (p) => p.bioVisibility, value: (p) => p.bio },
} as const satisfies Record<string, FieldRule>;
export type DirectoryField = keyof typeof DIRECTORY_FIELDS;
export const DIRECTORY_FIELD_NAMES = Object.keys(DIRECTORY_FIELDS) as DirectoryField[];

/** The SQL form of the same rule, for one field: true where the viewer may see it. */
export function fieldVisibleSql(field: DirectoryField, viewer: Actor, p: P = directoryProfiles): SQL {
  const level = DIRECTORY_FIELDS[field].visibility(p);
  const clearance = sql`${level} >= ${clearanceOf(viewer)}::directory_visibility`;
  return viewer.id ? sql`(${p.userId} = ${viewer.id}::uuid or ${clearance})` : sql`(${clearance})`;
}

/**
 * The same rule for rows that are not the viewer's own, for a query that leaves the viewer out
 * (help matching): the level alone, written as a literal from the fixed list so the planner can
 * use the partial indexes on it (db/schema/directory.ts).
 */
export function othersFieldVisibleSql(field: DirectoryField, viewer: Actor, p: P = directoryProfiles): SQL {
  const clearance = clearanceOf(viewer);
  if (!VISIBILITIES.includes(clearance)) throw new Error(`Unknown clearance ${clearance}`);
  return sql`(${DIRECTORY_FIELDS[field].visibility(p)} >= ${sql.raw(`'${clearance}'`)}::directory_visibility)`;
}

/** The field's value where the viewer may see it, else NULL: what a query selects. */
export function visibleValueSql<T>(field: Exclude<DirectoryField, "name">, viewer: Actor, p: P = directoryProfiles, opts: { othersOnly?: boolean } = {}): SQL<T | null> {
  const value = DIRECTORY_FIELDS[field].value(p);
  const visible = opts.othersOnly ? othersFieldVisibleSql(field, viewer, p) : fieldVisibleSql(field, viewer, p);
  return sql<T | null>`(case when ${visible} then ${value} end)`;
}

/**
 * The visibility levels and the fields' labels, with no database code: the profile form (a client
 * component) imports these, and ./visibility.ts builds its rule table on them. Importing
 * ./visibility.ts from the browser would bundle the whole Drizzle schema.
 */
import type { Visibility } from "@/db/schema";

/** From most private to most open; the same order as the PostgreSQL enum. */
export const VISIBILITIES = ["only_me", "council_curators", "members", "public"] as const satisfies readonly Visibility[];
export const VISIBILITY_LABELS: Record<Visibility, string> = {
  only_me: "Only me",
  council_curators: "Council and curators",
  members: "Members",
  public: "Everyone (public)",
};
export const DEFAULT_VISIBILITY: Visibility = "only_me";

export const rank = (v: Visibility) => VISIBILITIES.indexOf(v);

/** Every field with its own visibility, as the member reads it. */
export const DIRECTORY_FIELD_LABELS = {
  name: "Your name in the directory",
  skills: "Skills",
  tags: "Other skills (your own words)",
  interests: "Interests (themes)",
  hours: "Hours a month",
  region: "Region",
  languages: "Languages",
  contact: "Contact preference",
  bio: "About you",
} as const;
export type DirectoryField = keyof typeof DIRECTORY_FIELD_LABELS;

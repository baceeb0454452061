import fc from "fast-check";
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db";
import { directoryProfiles, directorySearchHits, skills, type Visibility } from "@/db/schema";
import { loadActor } from "@/lib/auth/actor";
import { VISITOR, type Actor } from "@/lib/auth/permissions";
import { isAppError } from "@/lib/errors";
import { createPerson, createTestTheme } from "@/lib/testing/factories";
import { leaveDirectory, saveProfile } from "./commands";
import { getDirectoryEntry, listLookups, recordSearch, searchDirectory, type DirectoryEntry } from "./queries";
import { profileSchema, type DirectoryFilter } from "./validation";
import { VISIBILITIES, canSeeField, type DirectoryField } from "./visibility";

const db = getDb();
afterAll(() => closeDb());

const SKILLS = ["prop-law", "prop-design", "prop-writing"];
const REGIONS = ["London", "Wales", "Scotland"] as const;
const LANGS = ["English", "Welsh"] as const;
let themeA: string;
let themeB: string;

beforeAll(async () => {
  await db.insert(skills).values(SKILLS.map((slug) => ({ slug, label: slug }))).onConflictDoNothing();
  themeA = (await createTestTheme(db)).id;
  themeB = (await createTestTheme(db)).id;
});

const actorFor = async (spec: Parameters<typeof createPerson>[1] = {}) => loadActor(db, (await createPerson(db, spec)).id);

const everyFieldOnly = (level: Visibility) => ({
  nameVisibility: level,
  skillsVisibility: level,
  tagsVisibility: level,
  interestsVisibility: level,
  hoursVisibility: level,
  regionVisibility: level,
  languagesVisibility: level,
  contactVisibility: level,
  bioVisibility: level,
});

function form(values: Record<string, string>) {
  const parsed = profileSchema.safeParse(values);
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  return parsed.data;
}

const visibilityArb = fc.constantFrom(...VISIBILITIES);
const profileArb = fc.record({
  levels: fc.record({
    name: visibilityArb,
    skills: visibilityArb,
    tags: visibilityArb,
    interests: visibilityArb,
    hours: visibilityArb,
    region: visibilityArb,
    languages: visibilityArb,
    contact: visibilityArb,
    bio: visibilityArb,
  }),
  skillValues: fc.subarray(SKILLS),
  tag: fc.constantFrom("zine", "podcast", "zine making"),
  themes: fc.subarray([0, 1]),
  hoursPerMonth: fc.integer({ min: 0, max: 40 }),
  region: fc.constantFrom(...REGIONS),
  languages: fc.subarray([...LANGS]),
});

const filterArb = fc.record(
  {
    skill: fc.constantFrom(...SKILLS),
    q: fc.constantFrom("zine", "pod"),
    region: fc.constantFrom(...REGIONS),
    theme: fc.constantFrom(0, 1),
    language: fc.constantFrom(...LANGS),
    minHours: fc.integer({ min: 1, max: 40 }),
  },
  { requiredKeys: [] },
);
const viewerKindArb = fc.constantFrom("visitor", "registered", "member", "curator", "council", "suspended", "owner");

/** The field each filter reads, and whether a stored profile matches it (the model the SQL must agree with). */
const FILTER_FIELD: Record<keyof DirectoryFilter, DirectoryField> = { skill: "skills", q: "tags", region: "region", theme: "interests", language: "languages", minHours: "hours" };

describe("directory visibility", () => {
  it("is private by default: a new profile shows nothing to anyone but its owner", async () => {
    const owner = await actorFor();
    await saveProfile(db, owner, form({ ...Object.fromEntries(Object.entries(everyFieldOnly("only_me"))), "skill.prop-law": "true", region: "Wales", hoursPerMonth: "5" }));
    const member = await actorFor();
    expect(await getDirectoryEntry(db, member, owner.id!)).toBeNull();
    expect(await getDirectoryEntry(db, VISITOR, owner.id!)).toBeNull();
    const own = await getDirectoryEntry(db, owner, owner.id!);
    expect(own).toMatchObject({ skills: ["prop-law"], region: "Wales", hoursPerMonth: 5 });
    // The schema's defaults are "only me" too, for a form that sends no choice.
    const [row] = await db.select().from(directoryProfiles).where(eq(directoryProfiles.userId, owner.id!));
    expect(row!.nameVisibility).toBe("only_me");
  });

  it("a hidden skill is not found by a search for it, while a visible region is", async () => {
    const owner = await actorFor({ name: `Hidden Skill ${Date.now()}` });
    await saveProfile(
      db,
      owner,
      form({ ...everyFieldOnly("members"), skillsVisibility: "only_me", "skill.prop-design": "true", region: "Scotland" }),
    );
    const searcher = await actorFor();
    const bySkill = await searchDirectory(db, searcher, { skill: "prop-design" }, 1, 5000);
    expect(bySkill.rows.map((r) => r.memberId)).not.toContain(owner.id);
    const byRegion = await searchDirectory(db, searcher, { region: "Scotland" }, 1, 5000);
    const found = byRegion.rows.find((r) => r.memberId === owner.id);
    expect(found).toMatchObject({ region: "Scotland", skills: null });
  });

  it("property: no search, for any viewer and any filter, returns a field its visibility hides from that viewer", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(profileArb, { minLength: 1, maxLength: 4 }), viewerKindArb, filterArb, async (specs, viewerKind, rawFilter) => {
        const owners: { id: string }[] = [];
        for (const spec of specs) {
          const person = await createPerson(db);
          const l = spec.levels;
          await saveProfile(
            db,
            await loadActor(db, person.id),
            form({
              nameVisibility: l.name,
              skillsVisibility: l.skills,
              tags: spec.tag,
              tagsVisibility: l.tags,
              interestsVisibility: l.interests,
              hoursPerMonth: String(spec.hoursPerMonth),
              hoursVisibility: l.hours,
              region: spec.region,
              regionVisibility: l.region,
              languagesVisibility: l.languages,
              contactPreference: "Weekday evenings",
              contactVisibility: l.contact,
              bio: "Happy to help.",
              bioVisibility: l.bio,
              ...Object.fromEntries(spec.skillValues.map((x) => [`skill.${x}`, "true"])),
              ...Object.fromEntries(spec.themes.map((t) => [`interest.${t ? themeB : themeA}`, "true"])),
              ...Object.fromEntries(spec.languages.map((x) => [`language.${x}`, "true"])),
            }),
          );
          owners.push({ id: person.id });
        }
        const viewer: Actor =
          viewerKind === "visitor"
            ? VISITOR
            : viewerKind === "owner"
              ? await loadActor(db, owners[0]!.id)
              : await actorFor(
                  viewerKind === "registered"
                    ? { standing: "registered" }
                    : viewerKind === "suspended"
                      ? { standing: "suspended" }
                      : viewerKind === "curator"
                        ? { curates: [themeA] }
                        : viewerKind === "council"
                          ? { roles: ["council"] }
                          : {},
                );
        const filter: DirectoryFilter = { ...rawFilter, theme: rawFilter.theme === undefined ? undefined : rawFilter.theme ? themeB : themeA };
        const result = await searchDirectory(db, viewer, filter, 1, 10_000);
        const ids = result.rows.map((r) => r.memberId);
        // Soundness over every row returned (other tests' profiles included): compare with what is stored.
        const stored = ids.length ? await db.select().from(directoryProfiles).where(inArray(directoryProfiles.userId, ids)) : [];
        const byId = new Map(stored.map((s) => [s.userId, s]));
        for (const row of result.rows) {
          const s = byId.get(row.memberId)!;
          const levels: Record<DirectoryField, Visibility> = {
            name: s.nameVisibility,
            skills: s.skillsVisibility,
            tags: s.tagsVisibility,
            interests: s.interestsVisibility,
            hours: s.hoursVisibility,
            region: s.regionVisibility,
            languages: s.languagesVisibility,
            contact: s.contactVisibility,
            bio: s.bioVisibility,
          };
          expect(canSeeField(viewer, row.memberId, levels.name)).toBe(true);
          const values: Record<Exclude<DirectoryField, "name">, unknown> = {
            skills: row.skills,
            tags: row.tags,
            interests: row.interests,
            hours: row.hoursPerMonth,
            region: row.region,
            languages: row.languages,
            contact: row.contactPreference,
            bio: row.bio,
          };
          for (const [field, value] of Object.entries(values) as [Exclude<DirectoryField, "name">, unknown][]) {
            if (!canSeeField(viewer, row.memberId, levels[field])) expect(value, `${field} leaked`).toBeNull();
          }
          // The filter itself must not leak: each filter matched on a field the viewer may see.
          for (const key of Object.keys(filter) as (keyof DirectoryFilter)[]) {
            if (filter[key] === undefined) continue;
            expect(canSeeField(viewer, row.memberId, levels[FILTER_FIELD[key]]), `filter ${key} matched a hidden field`).toBe(true);
          }
        }
        // Completeness for the profiles made here: each one the model says matches is found.
        for (const o of owners) {
          const s = byId.get(o.id) ?? (await db.select().from(directoryProfiles).where(eq(directoryProfiles.userId, o.id)))[0]!;
          const see = (l: Visibility) => canSeeField(viewer, o.id, l);
          const matches =
            see(s.nameVisibility) &&
            (!filter.skill || (see(s.skillsVisibility) && s.skills.includes(filter.skill))) &&
            (!filter.q || (see(s.tagsVisibility) && s.tagsText.includes(filter.q))) &&
            (!filter.region || (see(s.regionVisibility) && s.region === filter.region)) &&
            (!filter.theme || (see(s.interestsVisibility) && s.interests.includes(filter.theme))) &&
            (!filter.language || (see(s.languagesVisibility) && s.languages.includes(filter.language))) &&
            (!filter.minHours || (see(s.hoursVisibility) && (s.hoursPerMonth ?? 0) >= filter.minHours));
          expect(ids.includes(o.id), `profile ${o.id} ${matches ? "should" : "should not"} be found`).toBe(matches);
        }
      }),
      { numRuns: 30 },
    );
  }, 120_000);

  it("records who searched, and only the member sees who looked them up", async () => {
    const owner = await actorFor();
    await saveProfile(db, owner, form({ ...everyFieldOnly("members"), "skill.prop-writing": "true", region: "Wales" }));
    const searcher = await loadActor(db, (await createPerson(db, { name: `Curious Searcher ${Date.now()}` })).id);
    const filter = { skill: "prop-writing", region: "Wales" } as DirectoryFilter;
    const result = await searchDirectory(db, searcher, filter, 1, 5000);
    await recordSearch(db, searcher, filter, result);
    const lookups = await listLookups(db, owner, owner.id!);
    expect(lookups[0]).toMatchObject({ searcherName: (searcher as { publicName: string }).publicName, filters: { skill: "prop-writing", region: "Wales" } });
    await expect(listLookups(db, searcher, owner.id!)).rejects.toSatisfy((e) => isAppError(e) && e.kind === "forbidden");
    // The searcher is not recorded as having looked themself up.
    const hits = await db.select().from(directorySearchHits).where(eq(directorySearchHits.memberId, searcher.id!));
    expect(hits).toHaveLength(0);
  });

  it("leaving the directory takes the member out of every search at once", async () => {
    const owner = await actorFor();
    await saveProfile(db, owner, form({ ...everyFieldOnly("public"), "skill.prop-law": "true", region: "London" }));
    const find = async () => (await searchDirectory(db, VISITOR, { skill: "prop-law" }, 1, 10_000)).rows.some((r: DirectoryEntry) => r.memberId === owner.id);
    expect(await find()).toBe(true);
    await leaveDirectory(db, owner);
    expect(await find()).toBe(false);
    expect(await getDirectoryEntry(db, owner, owner.id!)).toBeNull();
  });

  it("refuses an e-mail address in the contact preference and a skill that is not on the list", async () => {
    const parsed = profileSchema.safeParse({ ...everyFieldOnly("members"), contactPreference: "mail me at me@example.org" });
    expect(parsed.success).toBe(false);
    const owner = await actorFor();
    await expect(saveProfile(db, owner, form({ ...everyFieldOnly("members"), "skill.not-a-skill": "true" }))).rejects.toSatisfy((e) => isAppError(e) && e.field === "skills");
    expect(await db.select().from(directoryProfiles).where(eq(directoryProfiles.userId, owner.id!))).toHaveLength(0);
  });
});

import "server-only";
import type { Tx } from "@/db";
import { listSkills, themeTitles } from "@/lib/directory/queries";

/** A recorded search's filters in words ("skill Law, region Wales"), with labels instead of ids. */
export async function describeFilters(db: Tx, all: Record<string, string | number | string[]>[]): Promise<string[]> {
  const skills = new Map((await listSkills(db, { includeArchived: true })).map((s) => [s.slug, s.label]));
  const themes = await themeTitles(db, [...new Set(all.map((f) => f.theme).filter((t): t is string => typeof t === "string"))]);
  return all.map((f) => {
    const parts: string[] = [];
    if (f.skill) parts.push(`skill ${skills.get(String(f.skill)) ?? f.skill}`);
    if (f.q) parts.push(`other skills “${f.q}”`);
    if (f.region) parts.push(`region ${f.region}`);
    if (f.theme) parts.push(`interest ${themes.get(String(f.theme)) ?? "a theme"}`);
    if (f.language) parts.push(`language ${f.language}`);
    if (f.minHours) parts.push(`at least ${f.minHours} hours a month`);
    return parts.join(", ") || "everyone";
  });
}

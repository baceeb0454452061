import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "@/db";
import { directoryProfiles, helpInvitations, skills, themes } from "@/db/schema";
import { assertCan } from "@/lib/auth/actor";
import type { Actor } from "@/lib/auth/core";
import { recordAudit } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import type { ProfileInput } from "./validation";

/** Saves the member's own profile. A new profile is listed, but every field stays "only me" unless chosen. */
export async function saveProfile(db: Db, actor: Actor, input: ProfileInput): Promise<void> {
  const userId = actor.id!;
  assertCan(actor, "directory.editProfile", { userId });
  await db.transaction(async (tx) => {
    if (input.skills.length) {
      const known = await tx.select({ slug: skills.slug }).from(skills).where(and(inArray(skills.slug, input.skills), isNull(skills.archivedAt)));
      if (known.length !== new Set(input.skills).size) throw new AppError("invalid:skills", "Choose skills from the list; one of them is no longer offered.", "skills");
    }
    if (input.interests.length) {
      const known = await tx.select({ id: themes.id }).from(themes).where(and(inArray(themes.id, input.interests), isNull(themes.archivedAt)));
      if (known.length !== new Set(input.interests).size) throw new AppError("invalid:interests", "Choose themes from the list.", "interests");
    }
    const values = {
      skills: [...new Set(input.skills)],
      skillsVisibility: input.skillsVisibility,
      tags: input.tags,
      tagsText: input.tags.join(" "),
      tagsVisibility: input.tagsVisibility,
      interests: [...new Set(input.interests)],
      interestsVisibility: input.interestsVisibility,
      hoursPerMonth: input.hoursPerMonth,
      hoursVisibility: input.hoursVisibility,
      region: input.region,
      regionVisibility: input.regionVisibility,
      languages: input.languages,
      languagesVisibility: input.languagesVisibility,
      contactPreference: input.contactPreference,
      contactVisibility: input.contactVisibility,
      bio: input.bio,
      bioVisibility: input.bioVisibility,
      nameVisibility: input.nameVisibility,
      updatedAt: new Date(),
    };
    await tx.insert(directoryProfiles).values({ userId, ...values }).onConflictDoUpdate({ target: directoryProfiles.userId, set: values });
  });
}

/**
 * Leaving is one step: the member disappears from every search and match at once, and open
 * invitations to them are withdrawn. The profile is kept (unlisted) so they can come back.
 */
export async function leaveDirectory(db: Db, actor: Actor): Promise<{ withdrawnInvitations: number }> {
  const userId = actor.id!;
  assertCan(actor, "directory.editProfile", { userId });
  return db.transaction(async (tx) => {
    await tx.update(directoryProfiles).set({ listed: false, updatedAt: new Date() }).where(eq(directoryProfiles.userId, userId));
    const withdrawn = await tx
      .update(helpInvitations)
      .set({ status: "withdrawn", answeredAt: new Date() })
      .where(and(eq(helpInvitations.inviteeId, userId), inArray(helpInvitations.status, ["pending", "later"])))
      .returning({ id: helpInvitations.id });
    return { withdrawnInvitations: withdrawn.length };
  });
}

export async function rejoinDirectory(db: Db, actor: Actor): Promise<void> {
  const userId = actor.id!;
  assertCan(actor, "directory.editProfile", { userId });
  await db.update(directoryProfiles).set({ listed: true, updatedAt: new Date() }).where(eq(directoryProfiles.userId, userId));
}

const slugify = (label: string) =>
  label
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 40);

export async function addSkill(db: Db, actor: Actor, label: string): Promise<{ slug: string }> {
  assertCan(actor, "skills.manage", null);
  const slug = slugify(label);
  if (!slug) throw new AppError("invalid:label", "Give the skill a name with letters or numbers.", "label");
  return db.transaction(async (tx) => {
    const inserted = await tx.insert(skills).values({ slug, label, position: 1000 }).onConflictDoNothing().returning({ slug: skills.slug });
    if (!inserted.length) throw new AppError("conflict:label", "That skill is already on the list.", "label");
    await recordAudit(tx, { actorId: actor.id, action: "skill.add", targetType: "skill", targetId: slug, details: { label } });
    return { slug };
  });
}

/** Archived skills stay on the profiles that have them but are no longer offered or searchable by new members. */
export async function setSkillArchived(db: Db, actor: Actor, slug: string, archived: boolean): Promise<void> {
  assertCan(actor, "skills.manage", null);
  await db.transaction(async (tx) => {
    const rows = await tx.update(skills).set({ archivedAt: archived ? new Date() : null }).where(eq(skills.slug, slug)).returning({ slug: skills.slug });
    if (!rows.length) throw new AppError("not_found:skill", "That skill is not on the list.");
    await recordAudit(tx, { actorId: actor.id, action: archived ? "skill.archive" : "skill.restore", targetType: "skill", targetId: slug });
  });
}

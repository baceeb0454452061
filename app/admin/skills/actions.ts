"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction } from "@/lib/actions";
import { addSkill, setSkillArchived } from "@/lib/directory/commands";

export const addSkillAction = formAction(z.object({ label: z.string({ error: "Name the skill." }).trim().min(2, "Name the skill (at least 2 characters).").max(60, "Use at most 60 characters.") }), async ({ label }, { db, actor }) => {
  await addSkill(db, actor, label);
  revalidatePath("/admin/skills");
  return { ok: true, message: `“${label}” is on the list.` };
});

export const archiveSkillAction = formAction(z.object({ slug: z.string().min(1).max(60), archived: z.stringbool() }), async ({ slug, archived }, { db, actor }) => {
  await setSkillArchived(db, actor, slug, archived);
  revalidatePath("/admin/skills");
  return { ok: true, message: archived ? "Skill archived." : "Skill restored." };
});

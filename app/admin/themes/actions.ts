"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { formAction } from "@/lib/actions";
import { createTheme, moveTheme, setCurators, setThemeArchived, updateTheme } from "@/lib/themes/commands";
import { curatorsSchema, moveThemeSchema, themeIdSchema, themeSchema } from "@/lib/validation/themes";

export const createThemeAction = formAction(themeSchema, async (input, { db, actor }) => {
  await createTheme(db, actor, input);
  revalidatePath("/", "layout");
  redirect("/admin/themes?created=1");
});

export const updateThemeAction = formAction(themeSchema.extend(themeIdSchema.shape), async ({ themeId, ...input }, { db, actor }) => {
  await updateTheme(db, actor, themeId, input);
  revalidatePath("/", "layout");
  return { ok: true, message: "Theme saved." };
});

export const setCuratorsAction = formAction(curatorsSchema, async ({ themeId, curatorEmails }, { db, actor }) => {
  await setCurators(db, actor, themeId, curatorEmails);
  revalidatePath("/", "layout");
  return { ok: true, message: "Curators saved." };
});

export const moveThemeAction = formAction(moveThemeSchema, async ({ themeId, direction }, { db, actor }) => {
  await moveTheme(db, actor, themeId, direction);
  revalidatePath("/", "layout");
  return { ok: true };
});

export const archiveThemeAction = formAction(
  themeIdSchema.extend({ archived: z.stringbool(), reason: z.string().trim().max(1000).optional() }),
  async ({ themeId, archived, reason }, { db, actor }) => {
    await setThemeArchived(db, actor, themeId, archived, reason || undefined);
    revalidatePath("/", "layout");
    return { ok: true, message: archived ? "Theme archived." : "Theme restored." };
  },
);

"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction } from "@/lib/actions";
import { leaveDirectory, rejoinDirectory, saveProfile } from "@/lib/directory/commands";
import { profileSchema } from "@/lib/directory/validation";

export const saveProfileAction = formAction(profileSchema, async (input, { db, actor }) => {
  await saveProfile(db, actor, input);
  revalidatePath("/directory", "layout");
  return { ok: true, message: "Profile saved." };
});

export const leaveDirectoryAction = formAction(z.object({}), async (_input, { db, actor }) => {
  const { withdrawnInvitations } = await leaveDirectory(db, actor);
  revalidatePath("/directory", "layout");
  return { ok: true, message: withdrawnInvitations ? `You left the directory; ${withdrawnInvitations} open invitation(s) were withdrawn.` : "You left the directory." };
});

export const rejoinDirectoryAction = formAction(z.object({}), async (_input, { db, actor }) => {
  await rejoinDirectory(db, actor);
  revalidatePath("/directory", "layout");
  return { ok: true, message: "You are back in the directory." };
});

"use server";

import { revalidatePath } from "next/cache";
import { formAction } from "@/lib/actions";
import { updateNotificationSettings } from "@/lib/following/commands";
import { notificationSettingsSchema } from "@/lib/validation/following";

export const updateNotificationSettingsAction = formAction(notificationSettingsSchema, async (input, { db, actor }) => {
  await updateNotificationSettings(db, actor, input);
  revalidatePath("/settings/notifications");
  return { ok: true, message: "E-mail settings saved." };
});

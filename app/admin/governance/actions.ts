"use server";

import { revalidatePath } from "next/cache";
import { formAction } from "@/lib/actions";
import { updateGovernanceSettings } from "@/lib/governance/settings";
import { settingsSchema } from "@/lib/validation/governance";

export const saveGovernanceSettingsAction = formAction(settingsSchema, async (input, { db, actor }) => {
  const { changed } = await updateGovernanceSettings(db, actor, input);
  revalidatePath("/admin/governance");
  revalidatePath("/governance");
  return { ok: true, message: changed.length ? `Saved and logged: ${changed.length} setting${changed.length > 1 ? "s" : ""} changed.` : "Nothing changed." };
});

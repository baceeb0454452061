"use server";

import { revalidatePath } from "next/cache";
import { formAction } from "@/lib/actions";
import { updateProfile } from "@/lib/members/commands";
import { claimMembership } from "@/lib/membership/commands";
import { consume } from "@/lib/security/rate-limit";
import { claimMembershipSchema, profileSchema } from "@/lib/validation/accounts";

export const updateProfileAction = formAction(profileSchema, async (input, { db, actor }) => {
  await updateProfile(db, actor, input);
  revalidatePath("/", "layout");
  return { ok: true, message: "Profile saved." };
});

export const claimMembershipAction = formAction(claimMembershipSchema, async (input, { db, actor }) => {
  await consume(["claimMembership", actor.id]);
  const result = await claimMembership(db, actor, input);
  revalidatePath("/", "layout");
  if (!result.matched) return { ok: false, message: result.note };
  return { ok: true, message: "You are now a verified member. Welcome!" };
});

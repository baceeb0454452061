"use server";

import { revalidatePath } from "next/cache";
import { formAction } from "@/lib/actions";
import { grantRole, reinstateMember, revokeRole, suspendMember } from "@/lib/members/commands";
import { verifyByHand } from "@/lib/membership/commands";
import { roleChangeSchema, suspendSchema } from "@/lib/validation/members";

const done = (message: string) => {
  revalidatePath("/admin/members");
  revalidatePath("/moderation-log");
  return { ok: true as const, message };
};

export const suspendAction = formAction(suspendSchema, async (input, { db, actor }) => {
  await suspendMember(db, actor, input);
  return done("Member suspended. They were signed out everywhere.");
});

export const reinstateAction = formAction(suspendSchema, async (input, { db, actor }) => {
  await reinstateMember(db, actor, input);
  return done("Member reinstated.");
});

export const verifyAction = formAction(suspendSchema, async (input, { db, actor }) => {
  await verifyByHand(db, actor, input);
  return done("Member verified.");
});

export const grantRoleAction = formAction(roleChangeSchema, async (input, { db, actor }) => {
  await grantRole(db, actor, input);
  return done("Role granted.");
});

export const revokeRoleAction = formAction(roleChangeSchema, async (input, { db, actor }) => {
  await revokeRole(db, actor, input);
  return done("Role revoked.");
});

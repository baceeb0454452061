"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formAction } from "@/lib/actions";
import { addDigestPoint, loadDigest, publishDigest, removeDigestPoint, startDigest } from "@/lib/digests/commands";
import { digestIdSchema, digestPointIdSchema, digestPointSchema, startDigestSchema } from "@/lib/validation/convergence";

export const startDigestAction = formAction(startDigestSchema, async (input, { actor, db }) => {
  const { id } = await startDigest(db, actor, input.paperId);
  redirect(`/papers/${input.paperId}/digests/edit/${id}`);
});

export const addDigestPointAction = formAction(digestPointSchema, async (input, { actor, db }) => {
  await addDigestPoint(db, actor, input);
  const digest = await loadDigest(db, input.digestId);
  revalidatePath(`/papers/${digest.paperId}/digests/edit/${digest.id}`);
  return { ok: true };
});

export const removeDigestPointAction = formAction(digestPointIdSchema.extend(digestIdSchema.shape), async (input, { actor, db }) => {
  await removeDigestPoint(db, actor, input.pointId);
  const digest = await loadDigest(db, input.digestId);
  revalidatePath(`/papers/${digest.paperId}/digests/edit/${digest.id}`);
  return { ok: true, message: "Point removed." };
});

export const publishDigestAction = formAction(digestIdSchema, async (input, { actor, db }) => {
  const { version, paperId } = await publishDigest(db, actor, input.digestId);
  revalidatePath(`/papers/${paperId}`);
  redirect(`/papers/${paperId}/digests/${version}`);
});

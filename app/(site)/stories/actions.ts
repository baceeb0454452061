"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { formAction } from "@/lib/actions";
import { attestStory, changeConsent, createPressPack, decideRedaction, editStory, markTakenDown, proposeRedaction, reviewStory, setStoryTags, submitStory } from "@/lib/anecdotes/commands";
import { addStoryToResponse } from "@/lib/anecdotes/response-quote";
import {
  attestSchema,
  consentChangeSchema,
  editStorySchema,
  pressPackSchema,
  quoteSchema,
  redactionDecisionSchema,
  redactionSchema,
  reviewSchema,
  storySchema,
  tagsSchema,
  takedownSchema,
} from "@/lib/anecdotes/validation";
import { CONSENT_LABELS } from "@/lib/anecdotes/consent";

/** The form shows each level with its wording and version; the version recorded is the chosen level's. */
const withChosenWording = (form: unknown) => {
  const f = form as Record<string, unknown>;
  const level = typeof f.consentLevel === "string" ? f.consentLevel : undefined;
  return { ...f, ...(level ? { level, wordingVersion: f[`wordingVersion.${level}`] } : {}) };
};

const refresh = (storyId?: string) => {
  revalidatePath("/stories", "layout");
  if (storyId) revalidatePath(`/stories/${storyId}`);
};

export const submitStoryAction = formAction(z.preprocess(withChosenWording, storySchema), async (input, { db, actor }) => {
  const { id } = await submitStory(db, actor, input);
  refresh();
  redirect(`/stories/${id}?submitted=1`);
});

export const editStoryAction = formAction(editStorySchema, async (input, { db, actor }) => {
  await editStory(db, actor, input);
  refresh(input.storyId);
  return { ok: true, message: "Your revised story went back to the curators." };
});

export const attestAction = formAction(attestSchema, async (input, { db, actor }) => {
  await attestStory(db, actor, input);
  refresh();
  return { ok: true, message: "Thank you: your attestation is recorded and the storyteller was told." };
});

export const consentAction = formAction(z.preprocess(withChosenWording, consentChangeSchema), async (input, { db, actor }) => {
  const { takedowns, level } = await changeConsent(db, actor, input);
  refresh(input.storyId);
  const asked = takedowns.length ? ` The curators were asked to take it down from ${takedowns.length} place${takedowns.length === 1 ? "" : "s"}.` : "";
  return { ok: true, message: `Your consent is now: ${CONSENT_LABELS[level]}.${asked}` };
});

export const reviewAction = formAction(reviewSchema, async (input, { db, actor }) => {
  await reviewStory(db, actor, input);
  refresh(input.storyId);
  return { ok: true, message: "Decision recorded; the storyteller was told." };
});

export const tagsAction = formAction(tagsSchema, async (input, { db, actor }) => {
  await setStoryTags(db, actor, input);
  refresh(input.storyId);
  return { ok: true, message: "Tags saved." };
});

export const redactionAction = formAction(redactionSchema, async (input, { db, actor }) => {
  await proposeRedaction(db, actor, input);
  refresh(input.storyId);
  return { ok: true, message: "Sent to the storyteller for approval." };
});

export const redactionDecisionAction = formAction(redactionDecisionSchema, async (input, { db, actor }) => {
  await decideRedaction(db, actor, input);
  refresh(input.storyId);
  return { ok: true, message: input.decision === "approve" ? "You approved the redacted text." : "You rejected the redacted text; the curator was told." };
});

export const quoteAction = formAction(quoteSchema, async (input, { db, actor }) => {
  await addStoryToResponse(db, actor, input);
  refresh(input.storyId);
  revalidatePath(`/papers/${input.paperId}/response`);
  redirect(`/papers/${input.paperId}/response`);
});

export const pressPackAction = formAction(pressPackSchema, async (input, { db, actor }) => {
  const { id } = await createPressPack(db, actor, input);
  refresh();
  redirect(`/stories/press/${id}`);
});

export const takedownAction = formAction(takedownSchema, async (input, { db, actor }) => {
  await markTakenDown(db, actor, input.useId);
  refresh();
  return { ok: true, message: "Marked as taken down." };
});

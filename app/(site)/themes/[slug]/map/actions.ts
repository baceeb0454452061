"use server";

import { revalidatePath } from "next/cache";
import { formAction } from "@/lib/actions";
import { requestContact, respondToContact, setFindable } from "@/lib/map/contacts";
import { createStatement, loadTheme, setStatementHidden, voteOnStatement } from "@/lib/map/statements";
import { contactRequestSchema, contactResponseSchema, createStatementSchema, findableSchema, moderateStatementSchema, voteStatementSchema } from "@/lib/validation/convergence";

const mapPath = (slug: string) => `/themes/${slug}/map`;

export const voteStatementAction = formAction(voteStatementSchema, async (input, { actor, db }) => {
  const { themeSlug } = await voteOnStatement(db, actor, input);
  revalidatePath(mapPath(themeSlug));
  return { ok: true, message: "Vote recorded. The map updates in a few seconds." };
});

export const createStatementAction = formAction(createStatementSchema, async (input, { actor, db }) => {
  await createStatement(db, actor, input);
  const theme = await loadTheme(db, input.themeId);
  revalidatePath(mapPath(theme.slug));
  return { ok: true, message: "Statement added. Others will be asked to vote on it." };
});

export const hideStatementAction = formAction(moderateStatementSchema, async (input, { actor, db }) => {
  const { themeSlug } = await setStatementHidden(db, actor, input, true);
  revalidatePath(mapPath(themeSlug));
  return { ok: true, message: "Statement hidden; the reason is in the moderation log." };
});

export const restoreStatementAction = formAction(moderateStatementSchema, async (input, { actor, db }) => {
  const { themeSlug } = await setStatementHidden(db, actor, input, false);
  revalidatePath(mapPath(themeSlug));
  return { ok: true, message: "Statement restored." };
});

export const setFindableAction = formAction(findableSchema, async (input, { actor, db }) => {
  await setFindable(db, actor, input.themeId, input.findable);
  const theme = await loadTheme(db, input.themeId);
  revalidatePath(mapPath(theme.slug));
  return { ok: true, message: input.findable ? "Members near you on this map can now ask to be in touch." : "You are no longer findable on this map." };
});

export const requestContactAction = formAction(contactRequestSchema, async (input, { actor, db }) => {
  await requestContact(db, actor, input);
  const theme = await loadTheme(db, input.themeId);
  revalidatePath(mapPath(theme.slug));
  return { ok: true, message: "Request sent. You will both see each other’s names if they accept." };
});

export const respondContactAction = formAction(contactResponseSchema, async (input, { actor, db }) => {
  await respondToContact(db, actor, input);
  return { ok: true, message: input.accept ? "Accepted: you can now see each other’s names." : "Declined. They are not told why." };
});

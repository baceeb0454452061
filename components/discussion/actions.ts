"use server";

import { revalidatePath } from "next/cache";
import { formAction } from "@/lib/actions";
import { deleteComment, editComment, postComment, setCommentHidden, setUsefulVote } from "@/lib/discussion/commands";
import { mentionCandidates } from "@/lib/discussion/mentions";
import { loadPaperResource } from "@/lib/papers/resource";
import { commentIdSchema, editCommentSchema, mentionSearchSchema, moderateCommentSchema, postCommentSchema, voteSchema } from "@/lib/validation/discussion";

function refresh(paperId: string) {
  revalidatePath(`/papers/${paperId}`);
  revalidatePath("/papers/[id]/c/[commentId]", "page");
}

export const postCommentAction = formAction(postCommentSchema, async (input, { db, actor }) => {
  const { id, paperId } = await postComment(db, actor, input);
  refresh(paperId);
  return { ok: true, message: "Comment posted.", data: { id } };
});

export const voteAction = formAction(voteSchema, async (input, { db, actor }) => {
  const { useful, usefulCount, paperId } = await setUsefulVote(db, actor, input.commentId, input.useful);
  refresh(paperId);
  return { ok: true, data: { useful, usefulCount } };
});

export const editCommentAction = formAction(editCommentSchema, async (input, { db, actor }) => {
  const { paperId } = await editComment(db, actor, input);
  refresh(paperId);
  return { ok: true, message: "Comment updated." };
});

export const deleteCommentAction = formAction(commentIdSchema, async (input, { db, actor }) => {
  const { paperId } = await deleteComment(db, actor, input.commentId);
  refresh(paperId);
  return { ok: true, message: "Comment deleted." };
});

export const hideCommentAction = formAction(moderateCommentSchema, async (input, { db, actor }) => {
  const { paperId } = await setCommentHidden(db, actor, input, true);
  refresh(paperId);
  return { ok: true, message: "Comment hidden. The author has been told why." };
});

export const restoreCommentAction = formAction(moderateCommentSchema, async (input, { db, actor }) => {
  const { paperId } = await setCommentHidden(db, actor, input, false);
  refresh(paperId);
  return { ok: true, message: "Comment restored." };
});

/** The mention picker's suggestions: people of this discussion who may read it, by public name. */
export const searchMentionsAction = formAction(mentionSearchSchema, async (input, { db, actor }) => {
  const paper = await loadPaperResource(db, input.paperId);
  return { ok: true, data: await mentionCandidates(db, actor, paper, input.q) };
});

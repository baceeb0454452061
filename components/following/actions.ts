"use server";

import { formAction } from "@/lib/actions";
import { setFollowing } from "@/lib/following/commands";
import { followSchema } from "@/lib/validation/following";

/**
 * The follow button's action. It revalidates nothing: the button shows the result itself, and the
 * "Following" list keeps an unfollowed entry (now "Follow …") until the next visit, so it can be undone.
 * It lives beside the component rather than under app/ because the
 * button is placed on pages owned elsewhere (theme and paper pages) and components may not import from app/.
 */
export const setFollowingAction = formAction(followSchema, async (input, { db, actor }) => {
  const result = await setFollowing(db, actor, { targetType: input.targetType, targetId: input.targetId }, input.follow);
  return { ok: true, data: result };
});

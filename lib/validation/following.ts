import { z } from "zod";

export const followTargetType = z.enum(["theme", "paper"], { error: "Choose a theme or a paper to follow." });

/** One button: follow (true) or unfollow (false) a theme or a paper. */
export const followSchema = z.object({
  targetType: followTargetType,
  targetId: z.uuid("That could not be found."),
  follow: z.stringbool({ error: "Choose whether to follow or not." }),
});
export type FollowInput = z.infer<typeof followSchema>;

export const notificationIdSchema = z.object({ notificationId: z.uuid("That notification could not be found.") });

/** Each kind of notification: by e-mail at once, in the daily digest, or not by e-mail. */
const cadence = z.enum(["immediate", "daily", "never"], { error: "Choose at once, daily digest or never." });

export const notificationSettingsSchema = z.object({
  emailPaperPublished: cadence,
  emailCommentReply: cadence,
  emailPaperDecision: cadence,
  emailModeration: cadence,
  emailMention: cadence,
});
export type NotificationSettingsInput = z.infer<typeof notificationSettingsSchema>;

export const notificationsPageSchema = z.coerce.number().int().min(1).max(10_000).catch(1);

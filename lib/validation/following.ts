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

/** An unticked checkbox is absent from the form, which means "off". */
const emailSwitch = z.stringbool({ error: "Tick the box or leave it empty." }).optional().default(false);

export const notificationSettingsSchema = z.object({
  emailPaperPublished: emailSwitch,
  emailCommentReply: emailSwitch,
  emailPaperDecision: emailSwitch,
  emailModeration: emailSwitch,
});
export type NotificationSettingsInput = z.infer<typeof notificationSettingsSchema>;

export const notificationsPageSchema = z.coerce.number().int().min(1).max(10_000).catch(1);

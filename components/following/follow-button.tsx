import type { Actor } from "@/lib/auth/permissions";

export interface FollowButtonProps {
  viewer: Actor;
  targetType: "theme" | "paper";
  targetId: string;
  /** What is followed, for the accessible name: "Follow Health", "Following Health". */
  label: string;
}

/** Follow or unfollow a theme or a paper. Owned by the following work of issue 3 (to be written). */
export async function FollowButton(_props: FollowButtonProps) {
  return null;
}
